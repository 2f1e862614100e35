import assert from "node:assert/strict";
import { parseRunRecord, RunRecordError } from "../../lib/results/parse_run_record.ts";
import { computeRunId, withRunId } from "../../lib/results/run_id.ts";
import { loadRunRecord, runRecordPath, saveRunRecord } from "../../lib/results/store.ts";
import type { LegacyRunRecord, MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { fixtureCell, fixtureRunRecord } from "../helpers/run_record_fixture.ts";
import { tempDir } from "../helpers/run_cli.ts";

function problem(value: unknown): RunRecordError {
  try {
    parseRunRecord(value, "runs/x.json");
  } catch (error) {
    if (error instanceof RunRecordError) return error;
    throw error;
  }
  throw new Error("expected a RunRecordError");
}

Deno.test("a RunRecord survives save and load unchanged, under <date>/<runId>.json", async () => {
  await using dir = await tempDir();
  const record = fixtureRunRecord();
  const path = await saveRunRecord(dir.path, record);
  assert.equal(path, runRecordPath(dir.path, record));
  assert.match(path, /2026-11-23\/[0-9a-f]{64}\.json$/);
  assert.deepEqual(await loadRunRecord(path), record);
});

Deno.test("runId is the SHA-256 of the canonical content, independent of key order", () => {
  const record = fixtureRunRecord();
  const { runId: _, ...content } = record;
  const reordered = Object.fromEntries(Object.entries(content).reverse());
  assert.equal(computeRunId(reordered as unknown as typeof record), record.runId);
  assert.notEqual(fixtureRunRecord({ startedAt: "2026-11-23T02:00:01.000Z" }).runId, record.runId);
});

Deno.test("parseRunRecord() rejects a newer schema with an upgrade hint", () => {
  const error = problem({ ...fixtureRunRecord(), schema: "datason-bench/run@2" });
  assert.equal(error.kind, "future-schema");
  assert.match(
    error.message,
    /runs\/x\.json": written by a newer datason-bench \(schema datason-bench\/run@2/,
  );
  assert.match(error.hint ?? "", /upgrade/);
});

Deno.test("parseRunRecord() names the JSON path of a bad value", () => {
  const negative = fixtureRunRecord({
    cells: [fixtureCell({ nsPerRecord: [[100, -5]], rounds: [0] })],
  });
  const error = problem(negative);
  assert.equal(error.kind, "invalid");
  assert.match(error.message, /cells\[0\]\.nsPerRecord\[0\]\[1\]: got -5, must be > 0/);
  const status = problem(fixtureRunRecord({ cells: [fixtureCell({ status: "fine" as "ok" })] }));
  assert.match(status.message, /cells\[0\]\.status: got "fine", expected one of "ok"/);
  const rounds = problem(fixtureRunRecord({ cells: [fixtureCell({ rounds: [0] })] }));
  assert.match(rounds.message, /cells\[0\]\.rounds: has 1 entries for 2 processes/);
});

Deno.test("parseRunRecord() detects a record edited after it was written", () => {
  const record = fixtureRunRecord();
  const edited = { ...record, cells: [fixtureCell({ nsPerRecord: [[1, 1, 1], [1, 1, 1]] })] };
  assert.match(problem(edited).message, /runId does not match the content/);
});

Deno.test("parseRunRecord() tells a predecessor file from a RunRecord", () => {
  const error = problem({ metadata: { timestamp: 1786935916 }, competitive: {} });
  assert.equal(error.kind, "not-a-run-record");
  assert.match(error.hint ?? "", /datason-bench import/);
});

Deno.test("an ok cell needs values; an ok legacy cell needs its mean", () => {
  const empty = fixtureRunRecord({ cells: [fixtureCell({ nsPerRecord: [], rounds: [] })] });
  assert.match(problem(empty).message, /nsPerRecord: is empty for an ok cell/);
  const legacy = withRunId<LegacyRunRecord>({
    schema: "datason-bench/run@1",
    source: "legacy",
    startedAt: "2025-06-17T11:24:44.000Z",
    finishedAt: "2025-06-17T11:24:44.000Z",
    complete: true,
    tool: { name: "datason-benchmarks", version: "legacy", deno: null },
    git: null,
    machine: null,
    environments: {},
    legacy: { file: "ci_x.json", format: "C", datasonVersion: "0.9.0", pythonVersion: null },
    cells: [{
      suite: "legacy-competitive",
      scenario: "api_response",
      target: "orjson",
      environment: "legacy",
      operation: "serialize",
      status: "ok",
      statistic: "mean",
      nsPerCall: null,
      samples: 5,
    }],
  });
  assert.match(problem(legacy).message, /cells\[0\]\.nsPerCall: is null for an ok cell/);
});

Deno.test("parseRunRecord() accepts a failed cell with no values and an error", () => {
  const failed = fixtureRunRecord({
    cells: [fixtureCell({
      status: "crashed",
      nsPerRecord: [],
      rounds: [],
      loops: null,
      fidelity: null,
      summary: null,
      error: { type: "Crash", message: "killed by SIGKILL", signal: "SIGKILL", exitCode: null },
    })],
  });
  const parsed = parseRunRecord(JSON.parse(JSON.stringify(failed)), "x.json") as MeasuredRunRecord;
  assert.equal(parsed.cells[0].status, "crashed");
});
