/**
 * Two `setup`s at once (two processes) build an environment once: the second waits for the
 * first's lock, then reuses what it built.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { COMPILE_FLAGS, MAIN_TS, REPO_ROOT, tempDir } from "../../helpers/run_cli.ts";
import { writeSlowFakePython } from "./slow_fake_python.ts";

const IS_POSIX = Deno.build.os !== "windows";

function setupCommand(cwd: string): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...COMPILE_FLAGS,
      `--deny-read=${REPO_ROOT}`,
      MAIN_TS,
      "setup",
      "--env",
      "pinned",
      "--json",
    ],
    cwd,
    env: { NO_COLOR: "1", DATASON_BENCH_INSTALLER: "pip" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

Deno.test({
  name: "two setups at once build an environment once: the second waits, then reuses it",
  ignore: !IS_POSIX,
  async fn() {
    await using dir = await tempDir();
    const fake = await writeSlowFakePython(dir.path, 2);
    await Deno.writeTextFile(
      join(dir.path, "datason-bench.json"),
      JSON.stringify({
        work: { dir: ".bench" },
        environments: { pinned: { python: fake.python, requirements: ["datason==0.13.0"] } },
        suites: {},
      }),
    );
    const first = setupCommand(dir.path);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = setupCommand(dir.path);
    const results = await Promise.all([first.output(), second.output()]);
    const decoder = new TextDecoder();
    const reports = results.map((r) => ({
      code: r.code,
      stderr: decoder.decode(r.stderr),
      json: r.code === 0 ? JSON.parse(decoder.decode(r.stdout)) : null,
    }));
    for (const report of reports) assert.equal(report.code, 0, report.stderr);
    const statuses = reports.map((r) => r.json.environments[0].status).sort();
    assert.deepEqual(statuses, ["built", "reused"]);
    assert.deepEqual(await fake.calls(), ["venv", "pip"], "one build, one pip install");
    const waiter = reports.find((r) => r.json.environments[0].status === "reused")!;
    assert.match(
      waiter.stderr,
      /environment "pinned": waiting for pid \d+ on host .* \(setup, since .*\), which is setting it up/,
    );
    for (const report of reports) {
      assert.deepEqual(report.json.environments[0].freeze, { datason: "0.13.0" });
    }
    assert.equal(
      await Deno.stat(join(dir.path, ".bench", "envs", ".pinned.lock")).then(() => 1, () => 0),
      0,
      "the lock is gone",
    );
  },
});
