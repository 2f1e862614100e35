/**
 * A runner leads its own process group: whatever a benchmarked library starts ends with it, when
 * the runner exits normally and when it is killed at the timeout.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { measureScenarioInProcess } from "../../lib/bench/measure_scenario.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { IS_WINDOWS, plainRecords, testPython, writeDataset } from "./fixtures.ts";

/** Dumps starts a `sleep 300` child once per process (its pid goes to PIDS_FILE), then hangs if asked. */
const SPAWNER = `
import json, os, subprocess
_started = False
def _start():
    global _started
    if not _started:
        _started = True
        child = subprocess.Popen(["sleep", "300"])
        with open(os.environ["PIDS_FILE"], "a") as f:
            f.write("%d\\n" % child.pid)
def dumps(x):
    _start()
    return json.dumps(x)
def hang(x):
    _start()
    import time
    time.sleep(3600)
loads = json.loads
`;

/** True while `pid` is a process that has not exited (a zombie counts as exited). */
function running(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function pidsIn(path: string): Promise<number[]> {
  const text = await Deno.readTextFile(path).catch(() => "");
  return text.split("\n").filter((l) => l !== "").map(Number);
}

async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

Deno.test({
  name:
    "a subprocess started by a benchmarked library does not outlive its runner (exit or timeout)",
  ignore: IS_WINDOWS || Deno.build.os !== "linux",
  async fn() {
    await using dir = await tempDir();
    const dataset = await writeDataset(dir.path, "api_fast", plainRecords(3));
    await Deno.writeTextFile(join(dir.path, "spawner.py"), SPAWNER.trimStart());
    const pidsFile = join(dir.path, "pids.txt");
    const target = (id: string, serialize: string) => ({
      id,
      module: "spawner",
      serialize,
      deserialize: "loads",
      paths: [dir.path],
    });
    const run = await measureScenarioInProcess(
      { name: "test", python: testPython(), env: { PIDS_FILE: pidsFile } },
      { scenario: "api_fast", path: dataset.path, sha256: null, limit: null },
      [
        { target: target("spawner", "dumps"), operation: "serialize", loops: 1 },
        { target: target("hanger", "hang"), operation: "serialize", loops: 1 },
        { target: target("spawner", "dumps"), operation: "deserialize", loops: 1 },
      ],
      { warmups: 0, values: 1, minValueSeconds: 0.001, timeoutSeconds: 2 },
    );
    assert.deepEqual(run.outcomes.map((o) => o.status), ["ok", "timeout", "ok"]);
    const pids = await pidsIn(pidsFile);
    assert.equal(pids.length, 2, "one child per runner process");
    try {
      assert.ok(
        await eventually(() => pids.every((pid) => !running(pid))),
        `still running: ${pids.filter(running).join(", ")}`,
      );
    } finally {
      for (const pid of pids) {
        try {
          Deno.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
  },
});
