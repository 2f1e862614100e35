import assert from "node:assert/strict";
import { mergeRuns } from "../../lib/results/merge_runs.ts";
import { parseRunRecord } from "../../lib/results/parse_run_record.ts";
import { withRunId } from "../../lib/results/run_id.ts";
import { sha256Hex } from "../../lib/_common/sha256.ts";
import { cellKey, type MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { cell, ENVIRONMENT, ONE, TWO } from "./shard_fixtures.ts";

Deno.test("mergeRuns() joins two shards into one valid unsharded record", () => {
  const a = ONE();
  const b = TWO();
  parseRunRecord(a, "shard-1.json");
  parseRunRecord(b, "shard-2.json");
  const { record, warnings } = mergeRuns([
    { path: "shard-2.json", record: b },
    { path: "shard-1.json", record: a },
  ]);
  assert.deepEqual(warnings, []);
  assert.equal(record.shard, null);
  assert.equal(record.startedAt, "2025-03-03T02:00:01.000Z");
  assert.equal(record.finishedAt, "2025-03-03T02:20:00.000Z");
  assert.equal(record.complete, true);
  assert.deepEqual(
    record.cells.map(cellKey),
    [...a.cells, ...b.cells].map(cellKey),
    "cells in shard order",
  );
  assert.deepEqual(record.schedule, [...a.schedule, ...b.schedule]);
  assert.deepEqual(Object.keys(record.datasets).sort(), [
    "api_fast",
    "edge_cases",
    "large_data",
    "ml_training",
    "secure_storage",
  ]);
  assert.deepEqual(record.config.measure.records, {
    api_fast: 50,
    large_data: 2,
    ml_training: 50,
    secure_storage: 50,
    edge_cases: 50,
  });
  assert.equal(record.machine?.hostname, null, "hostnames differ, so the merged one is unknown");
  assert.equal(record.machine?.cpuModel, "AMD EPYC 7763");
  assert.notEqual(record.runId, a.runId);
  const reparsed = parseRunRecord(JSON.parse(JSON.stringify(record)), "merged.json");
  assert.equal(reparsed.runId, record.runId);
});

Deno.test("mergeRuns() marks the record incomplete when a shard is missing or incomplete", () => {
  const missing = mergeRuns([{ path: "a.json", record: ONE() }]);
  assert.equal(missing.record.complete, false);
  assert.match(missing.warnings[0], /shard\(s\) 2\/2 missing/);
  const partial = mergeRuns([
    { path: "a.json", record: ONE() },
    { path: "b.json", record: TWO({ complete: false }) },
  ]);
  assert.equal(partial.record.complete, false);
  assert.match(partial.warnings.join("\n"), /"b\.json" \(shard 2\/2\) is incomplete/);
});

function refused(
  inputs: { path: string; record: MeasuredRunRecord }[],
  field: string,
  message: RegExp,
) {
  assert.throws(
    () => mergeRuns(inputs),
    (error: Error & { exitCode?: number; field?: string }) => {
      assert.equal(error.exitCode, 2);
      assert.equal(error.field, field);
      assert.match(error.message, message);
      return true;
    },
  );
}

Deno.test("mergeRuns() refuses shards of different configs, naming config.hash and both values", () => {
  refused(
    [
      { path: "a.json", record: ONE() },
      { path: "b.json", record: TWO({ configHash: "deadbeef" }) },
    ],
    "config.hash",
    /config\.hash differs \("c0ffee" in "a\.json", "deadbeef" in "b\.json"\)/,
  );
});

Deno.test("mergeRuns() refuses a scenario whose dataset differs between shards", () => {
  const b = TWO({
    scenarios: ["api_fast", "ml_training"],
    sha256: { api_fast: sha256Hex("other") },
    extraCells: [],
  });
  // Cells of api_fast in b would also collide; drop them so the dataset check is what fails.
  b.cells = b.cells.filter((c) => c.scenario !== "api_fast");
  refused(
    [{ path: "a.json", record: ONE() }, { path: "b.json", record: withRunId(b) }],
    "datasets.api_fast.sha256",
    new RegExp(
      `datasets\\.api_fast\\.sha256 differs \\("${sha256Hex("api_fast")}" in "a\\.json", "${
        sha256Hex("other")
      }" in "b\\.json"\\)`,
    ),
  );
});

Deno.test("mergeRuns() refuses environments whose freeze differs, naming the distribution", () => {
  refused(
    [
      { path: "a.json", record: ONE() },
      { path: "b.json", record: TWO({ freeze: { ...ENVIRONMENT.freeze, numpy: "2.4.5" } }) },
    ],
    "environments.default.freeze.numpy",
    /environments\.default\.freeze\.numpy differs \("2\.4\.6" in "a\.json", "2\.4\.5" in "b\.json"\)/,
  );
});

Deno.test("mergeRuns() refuses a cell that appears in two shards", () => {
  refused(
    [
      { path: "a.json", record: ONE() },
      { path: "b.json", record: TWO({ extraCells: [cell("api_fast", "orjson", "serialize")] }) },
    ],
    "cells",
    /cell competitive\/api_fast\/orjson\/default\/serialize appears in both/,
  );
});

Deno.test("mergeRuns() refuses the same shard twice, unsharded records and different shard counts", () => {
  refused(
    [{ path: "a.json", record: ONE() }, { path: "a-copy.json", record: ONE() }],
    "shard.index",
    /both are shard 1\/2/,
  );
  const unsharded = withRunId<MeasuredRunRecord>({ ...ONE(), shard: null });
  refused([{ path: "u.json", record: unsharded }], "shard", /not a shard/);
  refused(
    [{ path: "a.json", record: ONE() }, { path: "b.json", record: TWO({ count: 3 }) }],
    "shard.count",
    /shard\.count differs \(2 in "a\.json", 3 in "b\.json"\)/,
  );
});
