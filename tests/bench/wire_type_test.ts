/** A serialize that returns neither str nor bytes is a broken target: an error cell naming the type. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { measureScenarioInProcess } from "../../lib/bench/measure_scenario.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { plainRecords, testPython, writeDataset } from "./fixtures.ts";

Deno.test("a serialize returning a dict is an error cell that names the returned type", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(3));
  await Deno.writeTextFile(
    join(dir.path, "dictwire.py"),
    "def dumps(x):\n    return dict(x)\ndef loads(s):\n    return s\n",
  );
  const target = {
    id: "dictwire",
    module: "dictwire",
    serialize: "dumps",
    deserialize: "loads",
    paths: [dir.path],
  };
  const run = await measureScenarioInProcess(
    { name: "test", python: testPython() },
    { scenario: "api_fast", path: dataset.path, sha256: null, limit: null },
    [
      { target, operation: "serialize", loops: null },
      { target, operation: "deserialize", loops: null },
      { target: { id: "noop" }, operation: "serialize", loops: null },
    ],
    { warmups: 0, values: 1, minValueSeconds: 0.001, timeoutSeconds: 30 },
  );
  const [serialize, deserialize, noop] = run.outcomes;
  for (const outcome of [serialize, deserialize]) {
    assert.equal(outcome.status, "error", JSON.stringify(outcome));
    assert(outcome.status === "error");
    assert.equal(outcome.error.type, "WireTypeError");
    assert.match(
      outcome.error.message,
      /serialize \(dictwire\.dumps \/ dictwire\.loads\) returned dict for record 0, not str or bytes/,
    );
  }
  assert.equal(noop.status, "ok", "noop's identity 'wire' is fine: it measures loop overhead");
});
