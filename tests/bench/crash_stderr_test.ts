/**
 * A crashed cell keeps the stderr its own request produced, not what earlier cells of the same
 * process printed; a segfault leaves a Python traceback there (the runner runs with faulthandler).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { measureScenarioInProcess } from "../../lib/bench/measure_scenario.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { IS_WINDOWS, plainRecords, testPython, writeDataset } from "./fixtures.ts";

const MODULE = `
import ctypes, json, sys
def noisy_dumps(x):
    sys.stderr.write("noise from an earlier cell\\n")
    print("more noise from an earlier cell")
    return json.dumps(x)
def segfault_dumps(x):
    sys.stderr.write("about to crash\\n")
    return ctypes.string_at(0)
loads = json.loads
`;

Deno.test({
  name: "a segfaulting cell's stderrTail is its own request's stderr, with a Python traceback",
  ignore: IS_WINDOWS,
  async fn() {
    await using dir = await tempDir();
    const dataset = await writeDataset(dir.path, "api_fast", plainRecords(3));
    await Deno.writeTextFile(join(dir.path, "crashy.py"), MODULE.trimStart());
    const target = (id: string, serialize: string) => ({
      id,
      module: "crashy",
      serialize,
      deserialize: "loads",
      paths: [dir.path],
    });
    const run = await measureScenarioInProcess(
      { name: "test", python: testPython() },
      { scenario: "api_fast", path: dataset.path, sha256: null, limit: null },
      [
        { target: target("noisy", "noisy_dumps"), operation: "serialize", loops: 1 },
        { target: target("segv", "segfault_dumps"), operation: "serialize", loops: 1 },
      ],
      { warmups: 0, values: 1, minValueSeconds: 0.001, timeoutSeconds: 30 },
    );
    const [noisy, segv] = run.outcomes;
    assert.equal(noisy.status, "ok");
    assert(segv.status === "crashed", JSON.stringify(segv));
    assert.equal(segv.error.signal, "SIGSEGV");
    const tail = segv.error.stderrTail ?? "";
    assert.match(tail, /about to crash/);
    assert.doesNotMatch(tail, /noise from an earlier cell/);
    assert.match(tail, /Fatal Python error: Segmentation fault/);
    assert.match(tail, /in segfault_dumps/);
    assert.ok(!tail.includes("\u0000"), "request marks never reach the record");
  },
});
