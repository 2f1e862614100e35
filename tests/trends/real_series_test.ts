/**
 * The two real daily series of the predecessor (tests/fixtures/series/, 361 runs from 2025-08-28 to
 * 2026-08-22) with known truth: the orjson down-step on 2026-02-03, a null series, and twelve
 * fast-machine days.
 */

import assert from "node:assert/strict";
import type { RunRecord } from "../../lib/results/run_record.ts";
import { analyzeTrends } from "../../lib/trends/analyze_trends.ts";
import type { TrendSeries } from "../../lib/trends/types.ts";
import {
  createRng,
  FAST_MACHINE_DAYS,
  legacyRecord,
  NULL_SERIES,
  ORJSON_SERIES,
  readSeriesCsv,
  rowTimestamps,
  t3Noise,
  trendOptions,
} from "./trend_fixtures.ts";

const OPTIONS = trendOptions(20250101);

const orjsonRows = await readSeriesCsv(ORJSON_SERIES);
const nullRows = await readSeriesCsv(NULL_SERIES);
const timestamps = rowTimestamps(orjsonRows);

/** Each series on its own (as if the rest of each run were missing). */
function singleSeriesRecords(): RunRecord[] {
  return orjsonRows.map((row, i) =>
    legacyRecord({
      startedAt: timestamps[i],
      datason: row.version,
      cells: [
        { scenario: "ml_model_serialization", target: "orjson", value: row.value * 1e9 },
        {
          scenario: "ml_model_serialization",
          target: "datason.deserialize",
          operation: "deserialize",
          value: nullRows[i].value * 1e9,
        },
      ],
    })
  );
}

/**
 * Whole runs: the two real series plus six more that, like every metric of the real runs, are
 * faster on the fast-machine days by that run's factor (taken from the null series against its
 * typical level, 271 µs), and otherwise carry 3% t₃ noise.
 */
function wholeRunRecords(): RunRecord[] {
  const rng = createRng(7, "whole-runs");
  return orjsonRows.map((row, i) => {
    const fast = FAST_MACHINE_DAYS.includes(row.date);
    const factor = fast ? nullRows[i].value / 271e-6 : 1;
    return legacyRecord({
      startedAt: timestamps[i],
      datason: row.version,
      cells: [
        { scenario: "ml_model_serialization", target: "orjson", value: row.value * 1e9 },
        {
          scenario: "ml_model_serialization",
          target: "datason.deserialize",
          operation: "deserialize",
          value: nullRows[i].value * 1e9,
        },
        ...Array.from({ length: 6 }, (_, k) => ({
          scenario: `other_${k}`,
          target: k % 2 === 0 ? "datason.serialize" : "json",
          value: 1e5 * (k + 1) * factor * t3Noise(rng, 0.03),
        })),
      ],
    });
  });
}

function byTarget(series: TrendSeries[], target: string): TrendSeries {
  return series.find((s) => s.target === target && s.scenario === "ml_model_serialization")!;
}

function runIndexOf(date: string): number {
  return orjsonRows.findIndex((row) => row.date === date);
}

Deno.test("trends find the orjson step on 2026-02-03 (±1 run) and no DataSON cause", () => {
  const result = analyzeTrends(singleSeriesRecords(), OPTIONS);
  const orjson = byTarget(result.series, "orjson");
  const step = orjson.changePoints.filter((cp) => cp.startedAt.startsWith("2026-02"));
  assert.equal(step.length, 1, JSON.stringify(orjson.changePoints.map((c) => c.startedAt)));
  const at = timestamps.indexOf(step[0].startedAt);
  assert.ok(Math.abs(at - runIndexOf("2026-02-03")) <= 1, `found at ${step[0].startedAt}`);
  // 6.8 µs → 4.6 µs: about −32%.
  assert.ok(Math.abs(step[0].change - -0.32) < 0.03, `change ${step[0].change}`);
  assert.equal(step[0].attribution.summary, "no recorded cause");
  assert.equal(orjson.classification, "improving");
  assert.equal(result.findings.improvements[0].seriesId, orjson.id);
});

Deno.test("trends find no change point in the null series and none on the fast-machine days", () => {
  const result = analyzeTrends(singleSeriesRecords(), OPTIONS);
  const nullSeries = byTarget(result.series, "datason.deserialize");
  assert.deepEqual(nullSeries.changePoints.map((c) => c.startedAt), []);
  assert.equal(nullSeries.classification, "stable");
  // Two series are too few to call any run an environment shift: the fast days stay in the data.
  assert.deepEqual(result.environmentShifts, []);
  const fastRuns = FAST_MACHINE_DAYS.map(runIndexOf);
  for (const s of result.series) {
    for (const cp of s.changePoints) {
      const at = timestamps.indexOf(cp.startedAt);
      assert.ok(fastRuns.every((f) => Math.abs(f - at) > 1), `${s.target}: ${cp.startedAt}`);
    }
  }
});

Deno.test("trends call the twelve fast-machine days environment shifts when whole runs move", () => {
  const result = analyzeTrends(wholeRunRecords(), OPTIONS);
  assert.deepEqual(
    result.environmentShifts.map((s) => s.startedAt.slice(0, 10)),
    FAST_MACHINE_DAYS,
  );
  for (const shift of result.environmentShifts) {
    assert.equal(shift.direction, "faster");
    assert.ok(shift.medianChange < -0.15 && shift.medianChange > -0.55, `${shift.medianChange}`);
  }
  const orjson = byTarget(result.series, "orjson");
  assert.deepEqual(orjson.changePoints.map((c) => c.startedAt.slice(0, 10)), ["2026-02-03"]);
  for (const s of result.series.filter((s) => s.target !== "orjson")) {
    assert.deepEqual(s.changePoints, [], s.id);
  }
  const excluded = orjson.points.filter((p) => p.excluded === "environment-shift");
  assert.equal(excluded.length, 12);
});
