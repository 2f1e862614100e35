/**
 * `calibrate --measures instructions`: its inputs, and the source copies it builds base and head
 * from (the counting itself is tested in tests/bench/count_scenario_test.ts).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  COPY_NAMES,
  makeSourceCopies,
  NO_OP_EDIT,
} from "../../lib/pipelines/datason_source_copies.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";

async function fakeSource(root: string): Promise<string> {
  const source = join(root, "datason-src");
  await Deno.mkdir(join(source, "datason", "__pycache__"), { recursive: true });
  await Deno.mkdir(join(source, ".git"), { recursive: true });
  await Deno.writeTextFile(join(source, "pyproject.toml"), '[project]\nname = "datason"\n');
  await Deno.writeTextFile(
    join(source, "datason", "__init__.py"),
    "def serialize(x):\n    return x\n",
  );
  await Deno.writeTextFile(join(source, "datason", "__pycache__", "x.pyc"), "stale");
  await Deno.writeTextFile(join(source, ".git", "HEAD"), "ref: refs/heads/main\n");
  return source;
}

Deno.test("the A/A copies are identical, the no-op copy differs by a comment and an unused function", async () => {
  await using dir = await tempDir();
  const source = await fakeSource(dir.path);
  const copies = await makeSourceCopies(source, join(dir.path, "calibrate"));
  const original = await Deno.readTextFile(join(source, "datason", "__init__.py"));
  assert.equal(await Deno.readTextFile(join(copies.a, "datason", "__init__.py")), original);
  assert.equal(await Deno.readTextFile(join(copies.b, "datason", "__init__.py")), original);
  const edited = await Deno.readTextFile(join(copies.noop, "datason", "__init__.py"));
  assert.equal(edited, original + NO_OP_EDIT);
  assert.match(NO_OP_EDIT, /^\n\n# .*\ndef \w+\(\):\n {4}return None\n$/);
  for (const copy of Object.values(copies)) {
    assert.equal(await Deno.stat(join(copy, ".git")).catch(() => null), null);
    assert.equal(await Deno.stat(join(copy, "datason", "__pycache__")).catch(() => null), null);
  }
  assert.deepEqual(
    Object.values(copies).map((c) => c.length),
    Object.values(copies).map(() => copies.a.length),
  );
  assert.deepEqual(Object.values(COPY_NAMES).sort(), ["datason-a", "datason-b", "datason-n"]);
  // Made afresh: a second call replaces an edited copy.
  await Deno.writeTextFile(join(copies.a, "datason", "__init__.py"), "changed");
  await makeSourceCopies(source, join(dir.path, "calibrate"));
  assert.equal(await Deno.readTextFile(join(copies.a, "datason", "__init__.py")), original);
});

Deno.test("calibrate --measures instructions without a DataSON source exits 2 saying how to get one", async () => {
  await using dir = await tempDir();
  const missing = await runCliProcess(["calibrate", "--measures", "instructions"], {
    cwd: dir.path,
  });
  assert.equal(missing.code, 2, missing.stderr);
  assert.equal(missing.stdout, "");
  assert.match(missing.stderr, /needs --source DIR/);
  assert.match(missing.stderr, /pip download datason==/);
  const notPackage = await runCliProcess(
    ["calibrate", "--measures", "instructions", "--source", "."],
    { cwd: dir.path },
  );
  assert.equal(notPackage.code, 2, notPackage.stderr);
  assert.match(notPackage.stderr, /no datason\/__init__\.py/);
  const both = await runCliProcess(["calibrate", "--measures", "time,instructions"], {
    cwd: dir.path,
  });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /one thing at a time/);
});
