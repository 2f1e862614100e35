/** The resume command printed for a stopped run works exactly as printed. */

import assert from "node:assert/strict";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";
import { printedResume, workspace } from "./stopped_run_fixtures.ts";

Deno.test("the printed resume command of a run started with --config works as printed", async () => {
  await using dir = await tempDir();
  await workspace(dir.path);
  const stopped = await runCliProcess(
    ["--config", "conf/c.json", "run", "--profile", "tiny", "--max-minutes", "0.03"],
    { cwd: dir.path, env: { SLOW_FIRST: "4" } },
  );
  assert.match(stopped.stderr, /the record is marked incomplete/);
  const args = printedResume(stopped.stderr);
  assert.deepEqual(args.slice(0, 3), ["run", "--config", "conf/c.json"]);
  // Without --config: exit 2 naming the config the run started with (not an internal error).
  const without = await runCliProcess(["run", ...args.slice(3)], { cwd: dir.path });
  assert.equal(without.code, 2, without.stderr);
  assert.match(without.stderr, /the run started with the config .*conf[\\/]c\.json/);
  assert.match(without.stderr, /hint: pass --config .*conf[\\/]c\.json/);
  const resumed = await runCliProcess(args, { cwd: dir.path });
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /resuming results\/run-.*\.journal\.jsonl/);
});
