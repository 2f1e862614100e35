import assert from "node:assert/strict";
import { InputError } from "../../lib/_common/errors.ts";
import { type CompareRow } from "../../lib/regression/types.ts";
import { rowFailsGate } from "../../lib/regression/build_comparison.ts";
import { compareRuns } from "../../lib/regression/compare_runs.ts";
import type { LegacyRunRecord } from "../../lib/results/run_record.ts";
import { withRunId } from "../../lib/results/run_id.ts";
import { parseRunRecord } from "../../lib/results/parse_run_record.ts";
import { renderCompareText } from "../../lib/report/render_compare_text.ts";
import { renderPrComment } from "../../lib/report/render_pr_comment.ts";
import {
  type FixtureCell,
  type FixtureOptions,
  makeRunRecord,
} from "../helpers/make_run_record.ts";

function run(cells: FixtureCell[], extra: Partial<FixtureOptions> = {}) {
  return makeRunRecord({ noise: "balanced", rounds: 16, sigma: 0.02, cells, ...extra });
}

function row(rows: CompareRow[], target: string, metric = "nsPerRecord"): CompareRow {
  const found = rows.find((r) => r.target === target && r.metric === metric);
  assert.ok(found, `no ${metric} row for ${target}`);
  return found;
}

Deno.test("compareRuns() flags a 30% slowdown between two runs as fail", () => {
  const baseline = run([{ target: "datason" }, { target: "json" }], { label: "base" });
  const current = run([{ target: "datason", shift: 0.3 }, { target: "json" }], { label: "cur" });
  const result = compareRuns(baseline, current);
  assert.equal(result.mode, "runs");
  assert.equal(result.paired, false);
  const datason = row(result.rows, "datason");
  assert.equal(datason.verdict, "regressed");
  assert.equal(datason.severity, "fail");
  assert.equal(datason.test?.name, "mann-whitney");
  assert.ok(Math.abs(datason.effect! - 0.3) < 1e-9);
  assert.ok(datason.ci95![0] < 0.3 && datason.ci95![1] > 0.3);
  assert.equal(row(result.rows, "json").verdict, "unchanged");
  assert.equal(result.summary.gateFailed, true);
  assert.equal(result.rows[0].target, "datason"); // the worst row first
});

Deno.test("compareRuns() flags a 10% slowdown as warn and a 0% change as unchanged", () => {
  const baseline = run([{ target: "datason" }, { target: "datason-str" }], { label: "b" });
  const current = run([{ target: "datason", shift: 0.1 }, { target: "datason-str" }], {
    label: "c",
  });
  const result = compareRuns(baseline, current);
  assert.equal(row(result.rows, "datason").severity, "warn");
  assert.equal(row(result.rows, "datason-str").verdict, "unchanged");
  // Both gated time rows are in the Holm family: adjusted p ≥ raw p, α′ = 0.01/2 and 0.01.
  const thresholds = result.rows.filter((r) => r.metric === "nsPerRecord").map((r) =>
    r.alphaThreshold
  ).sort();
  assert.deepEqual(thresholds, [0.005, 0.01]);
  for (const r of result.rows.filter((r) => r.pValue !== null)) {
    assert.ok(r.pAdjusted! >= r.pValue!);
  }
});

Deno.test("compareRuns() calls 3 vs 3 processes inconclusive (underpowered) and says what would do", () => {
  const baseline = run([{ target: "datason" }], { rounds: 3, label: "b" });
  const current = run([{ target: "datason", shift: 0.3 }], { rounds: 3, label: "c" });
  const r = row(compareRuns(baseline, current).rows, "datason");
  // Smallest two-sided p of 3 vs 3 is 2/C(6,3) = 0.1 > α′ = 0.01, and no 95% CI exists.
  assert.equal(r.verdict, "inconclusive");
  assert.equal(r.underpowered, true);
  assert.equal(r.ci95, null);
  assert.ok(Math.abs(r.pValue! - 0.1) < 1e-12);
  assert.ok(r.processesNeeded! >= 5, `processesNeeded ${r.processesNeeded}`);
  assert.match(r.reason, /underpowered: 3 vs 3 processes can never reach p ≤ 0\.01/);
});

Deno.test("compareRuns() reports a fidelity break as broken (fail) and a crash as broken", () => {
  const baseline = run([{ target: "datason" }, { target: "datason-str" }, { target: "ujson" }], {
    label: "b",
  });
  const current = run([
    { target: "datason", fidelity: "lossy" },
    { target: "datason-str", status: "crashed" },
    { target: "ujson", status: "unavailable" },
  ], { label: "c" });
  const result = compareRuns(baseline, current);
  const lossy = row(result.rows, "datason");
  assert.equal(lossy.verdict, "broken");
  assert.equal(lossy.severity, "fail");
  assert.match(lossy.reason, /fidelity exact → lossy/);
  assert.equal(row(result.rows, "datason-str").verdict, "broken");
  assert.match(row(result.rows, "datason-str").reason, /ok → crashed/);
  assert.equal(row(result.rows, "ujson").verdict, "missing");
  assert.equal(result.summary.counts.broken, 2);
  assert.equal(result.summary.status, "fail");
});

Deno.test("compareRuns() lists cells only in one run as missing and new", () => {
  const baseline = run([{ target: "datason" }, { target: "ujson" }], { label: "b" });
  const current = run([{ target: "datason" }, { target: "orjson" }], { label: "c" });
  const result = compareRuns(baseline, current);
  assert.equal(row(result.rows, "ujson").verdict, "missing");
  assert.equal(row(result.rows, "orjson").verdict, "new");
  assert.equal(result.summary.counts.missing, 1);
  assert.equal(result.summary.counts.new, 1);
});

Deno.test("compareRuns() flags a CPU change on every row and keeps those rows from gating", () => {
  const baseline = run([{ target: "datason" }], { label: "b", cpuModel: "CPU A" });
  const current = run([{ target: "datason", shift: 0.3 }], { label: "c", cpuModel: "CPU B" });
  const result = compareRuns(baseline, current);
  assert.deepEqual(result.environmentNotes.map((n) => n.id), ["cpu"]);
  const r = row(result.rows, "datason");
  assert.equal(r.verdict, "regressed");
  assert.deepEqual(r.environmentNotes, ["cpu"]);
  assert.equal(r.gateMatched, true);
  assert.equal(r.gated, false);
  assert.equal(result.summary.gateFailed, false);
  const allowed = compareRuns(baseline, current, { allowEnvMismatch: true });
  assert.equal(allowed.summary.gateFailed, true);
});

Deno.test("compareRuns() ties Python, competitor and dataset differences to the rows they affect", () => {
  const env = (orjson: string, python = "3.11.7") => ({
    default: {
      python,
      libraries: {
        datason: { version: "0.13.0", apis: [] },
        orjson: { version: orjson, apis: [] },
      },
    },
  });
  const baseline = run([{ target: "datason" }, { target: "orjson" }], {
    label: "b",
    environments: env("3.13.0"),
  });
  const current = run([{ target: "datason" }, { target: "orjson" }], {
    label: "c",
    environments: env("3.14.0"),
  });
  const result = compareRuns(baseline, current, { gate: ["*"] });
  assert.deepEqual(row(result.rows, "orjson").environmentNotes, ["library:default:orjson"]);
  assert.deepEqual(row(result.rows, "datason").environmentNotes, []);
  const python = compareRuns(
    run([{ target: "datason" }], { label: "b", environments: env("3.13.0", "3.11.7") }),
    run([{ target: "datason" }], { label: "c", environments: env("3.13.0", "3.12.1") }),
  );
  assert.deepEqual(row(python.rows, "datason").environmentNotes, ["python:default"]);
  const data = compareRuns(
    run([{ target: "datason" }], { label: "b" }),
    run([{ target: "datason" }], { label: "c", datasetSha256: { api_fast: "b".repeat(64) } }),
  );
  assert.deepEqual(row(data.rows, "datason").environmentNotes, ["dataset:api_fast"]);
});

Deno.test("compareRuns() judges output bytes by the thresholds, peak memory by floors and spread", () => {
  const baseline = run([{ target: "datason", outputBytes: 1000, peakTracedBytes: 50_000 }], {
    label: "b",
  });
  const current = run([{ target: "datason", outputBytes: 1300, peakTracedBytes: 45_000 }], {
    label: "c",
  });
  const result = compareRuns(baseline, current);
  const bytes = row(result.rows, "datason", "outputBytes");
  assert.equal(bytes.verdict, "regressed");
  assert.equal(bytes.severity, "fail");
  assert.equal(bytes.pValue, null);
  assert.ok(Math.abs(bytes.effect! - 0.3) < 1e-12);
  // −5,000 bytes: past the 2,048-byte floor and 2% of 50,000 (one value per side, no spread).
  const memory = row(result.rows, "datason", "peakTracedBytes");
  assert.equal(memory.verdict, "improved");
  assert.equal(memory.severity, "improvement");
  const small = compareRuns(
    run([{ target: "datason", peakTracedBytes: 5000 }], { label: "b" }),
    run([{ target: "datason", peakTracedBytes: 4500 }], { label: "c" }),
  );
  assert.equal(
    row(small.rows, "datason", "peakTracedBytes").verdict,
    "unchanged",
    "500 bytes is below the floor",
  );
  assert.equal(rowFailsGate(bytes, "fail"), true);
  assert.equal(rowFailsGate(bytes, "never"), false);
});

Deno.test("compareRuns() refuses legacy records and runs with nothing in common", () => {
  const measured = run([{ target: "datason" }], { label: "b" });
  const legacy = withRunId<LegacyRunRecord>({
    schema: "datason-bench/run@1",
    source: "legacy",
    startedAt: "2024-01-01T00:00:00.000Z",
    finishedAt: "2024-01-01T00:00:00.000Z",
    complete: true,
    tool: { name: "predecessor", version: "?", deno: null },
    git: null,
    machine: null,
    environments: {},
    legacy: {
      file: "benchmark_2024.json",
      format: "A",
      datasonVersion: "0.9",
      pythonVersion: null,
    },
    cells: [],
  });
  assert.throws(
    () => compareRuns(legacy, measured, {}, { baseline: "old.json" }),
    (e: unknown) =>
      e instanceof InputError && /cannot compare old\.json statistically/.test(e.message) &&
      /legacy/.test(e.message),
  );
  const other = run([{ target: "orjson", scenario: "large_data" }], { label: "c" });
  assert.throws(
    () => compareRuns(measured, other),
    (e: unknown) => e instanceof InputError && /no cell in common/.test(e.message),
  );
});

Deno.test("compareRuns() results carry a content id", () => {
  const a = run([{ target: "datason" }], { label: "b" });
  const b = run([{ target: "datason", shift: 0.1 }], { label: "c" });
  const first = compareRuns(a, b);
  assert.match(first.id, /^[0-9a-f]{64}$/);
  assert.equal(compareRuns(a, b).id, first.id);
  assert.notEqual(compareRuns(a, b, { failOn: "warn" }).id, first.id);
});

Deno.test("compareRuns() says how the fidelity changed instead of a Δ across classes", () => {
  const baseline = run([{ target: "datason", scenario: "large_data", fidelity: "mismatch" }], {
    label: "b",
  });
  // 2.0 round-trips the large arrays that 0.13 replaced with a marker: far slower, and right.
  const current = run([{ target: "datason", scenario: "large_data", shift: 7000 }], {
    label: "c",
  });
  const result = compareRuns(baseline, current);
  const r = row(result.rows, "datason");
  assert.deepEqual(r.fidelityChange, { from: "mismatch", to: "exact" });
  assert.equal(r.verdict, "improved");
  assert.equal(r.effect, null, "no Δ across fidelity classes");
  assert.equal(r.ci95, null);
  assert.match(
    r.reason,
    /fidelity mismatch → exact: the output changed, so times are not compared/,
  );
  assert.equal(result.summary.gateFailed, false);
  const text = renderCompareText(result);
  assert.match(text, /fidelity changed: mismatch → exact/);
  assert.doesNotMatch(text, /\+700000/);
  assert.match(renderPrComment(result), /fidelity changed: mismatch → exact/);
});

Deno.test("compareRuns() never calls a faster output that does not round-trip an improvement", () => {
  const baseline = run([{ target: "datason", fidelity: "mismatch" }], { label: "b" });
  const current = run([{ target: "datason", fidelity: "mismatch", shift: -0.3 }], { label: "c" });
  const r = row(compareRuns(baseline, current).rows, "datason");
  assert.ok(Math.abs(r.effect! + 0.3) < 1e-9, "the change is still reported");
  assert.equal(r.verdict, "inconclusive");
  assert.equal(r.severity, null);
  assert.match(r.reason, /not an improvement: the output does not round-trip \(mismatch\)/);
});

Deno.test("compareRuns() keeps the tiers apart and matches typed cells of older records", () => {
  const baseline = run([
    { target: "orjson" },
    { target: "orjson", tier: "json", shift: -0.5 },
  ], { label: "b" });
  const current = run([
    { target: "orjson", shift: 0.3 },
    { target: "orjson", tier: "json", shift: -0.5 },
  ], { label: "c" });
  // A record written before the JSON tier: its cells carry no tier and are read as typed.
  const older = structuredClone(baseline);
  older.cells = older.cells.filter((c) => c.tier === "typed");
  for (const cell of older.cells) delete (cell as { tier?: string }).tier;
  const migrated = parseRunRecord(JSON.parse(JSON.stringify(withRunId(older))), "older.json");
  const result = compareRuns(baseline, current);
  const ids = result.rows.filter((r) => r.metric === "nsPerRecord").map((r) => r.id).sort();
  assert.deepEqual(ids, [
    "competitive/api_fast/orjson/default/serialize:nsPerRecord",
    "competitive/api_fast@json/orjson/default/serialize:nsPerRecord",
  ]);
  const byTier = (rows: CompareRow[], tier: string) =>
    rows.find((r) => r.tier === tier && r.metric === "nsPerRecord")!;
  assert.equal(byTier(result.rows, "typed").verdict, "regressed");
  assert.equal(byTier(result.rows, "json").verdict, "unchanged");
  const fromOlder = compareRuns(migrated, current);
  assert.equal(byTier(fromOlder.rows, "typed").verdict, "regressed");
  assert.equal(byTier(fromOlder.rows, "json").verdict, "new");
});
