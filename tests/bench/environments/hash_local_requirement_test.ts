import assert from "node:assert/strict";
import { join } from "node:path";
import { hashLocalRequirement } from "../../../lib/bench/environments/hash_local_requirement.ts";

async function makeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, ...path.split("/"));
    await Deno.mkdir(join(full, ".."), { recursive: true });
    await Deno.writeTextFile(full, text);
  }
}

const SOURCES = {
  "pyproject.toml": '[project]\nname = "datason"\n',
  "datason/__init__.py": "__version__ = '0.13.0'\n",
  "datason/core.py": "def serialize(x):\n    return x\n",
};

Deno.test("hashLocalRequirement() gives two copies of the same sources the same hash", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await makeTree(join(dir, "a"), SOURCES);
    await makeTree(join(dir, "b"), SOURCES);
    const a = await hashLocalRequirement(join(dir, "a"));
    const b = await hashLocalRequirement(join(dir, "b"));
    assert.equal(a.sha256, b.sha256);
    assert.equal(a.kind, "dir");
    assert.equal(a.files, 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hashLocalRequirement() ignores version control, caches, build outputs and nested venvs", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await makeTree(join(dir, "a"), SOURCES);
    const before = await hashLocalRequirement(join(dir, "a"));
    await makeTree(join(dir, "a"), {
      ".git/HEAD": "ref: refs/heads/main\n",
      "datason/__pycache__/core.cpython-311.pyc": "bytecode",
      "datason/core.cpython-311-x86_64-linux-gnu.so": "binary",
      "build/lib/datason/core.py": "old copy",
      "dist/datason-0.13.0.tar.gz": "archive",
      "datason.egg-info/PKG-INFO": "meta",
      ".pytest_cache/v/cache/lastfailed": "{}",
      ".bench/envs/x/marker": "env",
      "myenv/pyvenv.cfg": "home = /usr/bin\n",
      "myenv/lib/site.py": "lots of files",
      ".DS_Store": "finder",
    });
    const after = await hashLocalRequirement(join(dir, "a"));
    assert.equal(after.sha256, before.sha256);
    assert.equal(after.files, 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hashLocalRequirement() changes when a source file is edited, added or renamed", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const root = join(dir, "a");
    await makeTree(root, SOURCES);
    const seen = new Set([(await hashLocalRequirement(root)).sha256]);
    await Deno.writeTextFile(join(root, "datason", "core.py"), "def serialize(x):\n    return 1\n");
    seen.add((await hashLocalRequirement(root)).sha256);
    await Deno.writeTextFile(join(root, "datason", "extra.py"), "");
    seen.add((await hashLocalRequirement(root)).sha256);
    await Deno.rename(join(root, "datason", "extra.py"), join(root, "datason", "other.py"));
    seen.add((await hashLocalRequirement(root)).sha256);
    assert.equal(seen.size, 4);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hashLocalRequirement() hashes a wheel file by its bytes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const wheel = join(dir, "datason-0.13.0-py3-none-any.whl");
    await Deno.writeTextFile(wheel, "abc");
    const hash = await hashLocalRequirement(wheel);
    assert.equal(hash.kind, "file");
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    assert.equal(hash.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
