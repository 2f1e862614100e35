import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFakePython } from "../bench/environments/fake_python.ts";
import { runCliProcess as runMain } from "../helpers/run_cli.ts";

async function project() {
  const dir = await Deno.makeTempDir();
  const fake = await writeFakePython(dir);
  await Deno.writeTextFile(
    join(dir, "datason-bench.json"),
    JSON.stringify({
      environments: {
        pinned: { python: fake.python, requirements: ["datason==0.13.0", "orjson==3.13.0"] },
        broken: { python: fake.python, requirements: ["datason==0.0.0-does-not-exist"] },
      },
    }),
  );
  return { dir, fake, env: { DATASON_BENCH_INSTALLER: "pip" } };
}

Deno.test("setup --json builds an environment, then reports it reused with its freeze", async () => {
  const { dir, fake, env } = await project();
  try {
    const first = await runMain(["setup", "--env", "pinned", "--json"], { cwd: dir, env });
    assert.equal(first.code, 0, first.stderr);
    const doc = JSON.parse(first.stdout);
    assert.equal(doc.schema, "datason-bench/setup@1");
    assert.equal(doc.ok, true);
    assert.equal(doc.environments.length, 1);
    const built = doc.environments[0];
    assert.equal(built.name, "pinned");
    assert.equal(built.status, "built");
    assert.equal(built.installer, "pip");
    assert.equal(built.python, join(dir, ".bench", "envs", "pinned", "bin", "python"));
    assert.match(built.pythonVersion, /^3\.\d+\.\d+$/);
    assert.equal(built.implementation, "CPython");
    assert.deepEqual(built.freeze, { datason: "0.13.0", orjson: "3.13.0", pip: "23.2.1" });
    assert.equal(typeof built.seconds, "number");
    assert.match(first.stderr, /environment "pinned": building with pip \(not built yet\)/);

    const second = await runMain(["setup", "--env", "pinned", "--json"], { cwd: dir, env });
    assert.equal(second.code, 0, second.stderr);
    const again = JSON.parse(second.stdout).environments[0];
    assert.equal(again.status, "reused");
    assert.deepEqual(again.freeze, built.freeze);
    assert.equal(await fake.pipCalls(), 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("setup exits 3 naming the requirement that failed, with pip's last lines, once", async () => {
  const { dir, env } = await project();
  try {
    const result = await runMain(["setup", "--env", "broken", "--env", "pinned"], {
      cwd: dir,
      env,
    });
    assert.equal(result.code, 3);
    assert.match(result.stdout, /broken\s+FAILED/);
    assert.match(result.stdout, /pinned\s+built/);
    assert.match(result.stdout, /1 of 2 environment\(s\) ready/);
    const mentions = result.stderr.match(/No matching distribution found/g) ?? [];
    assert.equal(mentions.length, 1, result.stderr);
    assert.match(
      result.stderr,
      /requirement "datason==0\.0\.0-does-not-exist" could not be installed/,
    );
    assert.match(result.stderr, /error: 1 of 2 environment\(s\) could not be set up: broken/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("setup --env with an unknown name exits 2 with a suggestion", async () => {
  const { dir, env } = await project();
  try {
    const result = await runMain(["setup", "--env", "pinnd"], { cwd: dir, env });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown environment "pinnd" \(did you mean "pinned"\?\)/);
    assert.equal(result.stdout, "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
