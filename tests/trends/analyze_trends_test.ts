import assert from "node:assert/strict";
import type { RunRecord } from "../../lib/results/run_record.ts";
import { analyzeTrends } from "../../lib/trends/analyze_trends.ts";
import type { TrendSeries } from "../../lib/trends/types.ts";
import {
  type CellSpec,
  createRng,
  legacyRecord,
  measuredRecord,
  normal,
  t3Noise,
  trendOptions,
  weekly,
} from "./trend_fixtures.ts";

const OPTIONS = trendOptions(20250101);

const START = "2026-01-05T02:00:00.000Z";

function seriesById(series: TrendSeries[], fragment: string): TrendSeries {
  const found = series.filter((s) => s.id.includes(fragment));
  assert.equal(found.length, 1, `${fragment}: ${found.map((s) => s.id).join(", ")}`);
  return found[0];
}

/** Weekly measured runs of a few series with 2% noise; `shape(week, target)` gives the factor. */
function weeklyRuns(
  weeks: number,
  targets: string[],
  shape: (week: number, target: string) => number,
  extra: (week: number) => Partial<Parameters<typeof measuredRecord>[0]> = () => ({}),
): RunRecord[] {
  const rng = createRng(11, "weekly");
  return Array.from({ length: weeks }, (_, week) =>
    measuredRecord({
      startedAt: weekly(START, week),
      datason: "0.13.0",
      libraries: { orjson: "3.11.0" },
      cells: targets.map((target, k): CellSpec => ({
        scenario: "api_fast",
        target,
        value: 1000 * (k + 1) * shape(week, target) * Math.exp(0.02 * normal(rng)),
      })),
      ...extra(week),
    }));
}

Deno.test("analyzeTrends() finds a 15% step after 5 runs at the 6th and attributes it to the DataSON release", () => {
  const records = weeklyRuns(
    20,
    ["datason", "orjson", "json"],
    (week, target) => (target === "datason" && week >= 5 ? 1.15 : 1),
    (week) => ({ datason: week >= 5 ? "0.13.0" : "0.12.0" }),
  );
  const result = analyzeTrends(records, OPTIONS);
  const datason = seriesById(result.series, "/datason/");
  assert.equal(datason.changePoints.length, 1);
  const cp = datason.changePoints[0];
  assert.equal(cp.index, 5);
  assert.equal(cp.startedAt, weekly(START, 5));
  assert.equal(cp.direction, "regression");
  assert.ok(Math.abs(cp.change - 0.15) < 0.03, `change ${cp.change}`);
  assert.equal(cp.attribution.summary, "DataSON 0.12.0 → 0.13.0");
  assert.deepEqual(seriesById(result.series, "/orjson/").changePoints, []);
  assert.deepEqual(seriesById(result.series, "/json/").changePoints, []);
  assert.equal(result.findings.regressions[0].seriesId, datason.id);
  assert.equal(result.findings.regressions[0].basis, "change-point");
  assert.deepEqual(result.environmentShifts, []);
});

Deno.test("analyzeTrends() attributes a step to a competitor's version, Python or the machine", () => {
  const records = weeklyRuns(
    16,
    ["orjson", "json", "datason"],
    (week, target) => (target === "orjson" && week >= 8 ? 0.7 : 1),
    (week) => ({
      libraries: { orjson: week >= 8 ? "3.12.0" : "3.11.0" },
      python: week >= 8 ? "3.12.12" : "3.12.11",
    }),
  );
  const orjson = seriesById(analyzeTrends(records, OPTIONS).series, "/orjson/");
  assert.equal(orjson.changePoints.length, 1);
  assert.equal(
    orjson.changePoints[0].attribution.summary,
    "orjson 3.11.0 → 3.12.0; Python 3.12.11 → 3.12.12",
  );

  const machine = weeklyRuns(
    16,
    ["json", "pickle"],
    (week, target) => (target === "json" && week >= 8 ? 1.3 : 1),
    (week) => ({ cpuModel: week >= 8 ? "Intel Xeon 8370C" : "AMD EPYC 7763" }),
  );
  const json = seriesById(analyzeTrends(machine, OPTIONS).series, "/json/");
  assert.equal(
    json.changePoints[0].attribution.summary,
    "machine AMD EPYC 7763 → Intel Xeon 8370C",
  );
  assert.equal(json.changePoints[0].attribution.changes[0].kind, "machine");
});

Deno.test("analyzeTrends() says 'no recorded cause' when nothing in the fingerprint changed", () => {
  const records = weeklyRuns(12, ["datason"], (week) => (week >= 6 ? 0.8 : 1));
  const s = analyzeTrends(records, OPTIONS).series[0];
  assert.equal(s.changePoints.length, 1);
  assert.equal(s.changePoints[0].direction, "improvement");
  assert.equal(s.changePoints[0].attribution.summary, "no recorded cause");
});

Deno.test("analyzeTrends() never makes a change point of a single-run spike", () => {
  for (const week of [0, 7, 15, 19]) {
    const records = weeklyRuns(20, ["datason"], (w) => (w === week ? 1.6 : 1));
    const s = analyzeTrends(records, OPTIONS).series[0];
    assert.deepEqual(s.changePoints, [], `spike at week ${week}`);
    assert.equal(s.classification, "stable");
  }
});

Deno.test("analyzeTrends() flags a run where every series jumps as one environment shift", () => {
  const targets = ["datason", "orjson", "ujson", "json", "pickle", "msgpack"];
  const records = weeklyRuns(24, targets, (week) => (week === 12 ? 1.35 : 1));
  const result = analyzeTrends(records, OPTIONS);
  assert.equal(result.environmentShifts.length, 1);
  const shift = result.environmentShifts[0];
  assert.equal(shift.startedAt, weekly(START, 12));
  assert.equal(shift.direction, "slower");
  assert.equal(shift.seriesMoved, 6);
  assert.ok(Math.abs(shift.medianChange - 0.35) < 0.06, `median change ${shift.medianChange}`);
  for (const s of result.series) {
    assert.equal(s.points[12].excluded, "environment-shift");
    assert.equal(s.usablePoints, 23);
    assert.deepEqual(s.changePoints, []);
    assert.equal(s.classification, "stable");
  }
});

Deno.test("analyzeTrends() classifies a slow 1%-per-week drift under t₃ noise as degrading", () => {
  for (let seed = 0; seed < 10; seed++) {
    const rng = createRng(seed, "drift");
    const records = Array.from({ length: 52 }, (_, week) =>
      legacyRecord({
        startedAt: weekly(START, week),
        datason: "0.13.0",
        cells: [{
          scenario: "api",
          target: "datason",
          value: 1e5 * 1.01 ** week * t3Noise(rng, 0.05),
        }],
      }));
    const s = analyzeTrends(records, OPTIONS).series[0];
    assert.equal(s.classification, "degrading", `seed ${seed}`);
    assert.ok(Math.abs(s.changePerWeek! - 0.01) < 0.004, `per week ${s.changePerWeek}`);
    assert.ok(s.mannKendall!.pValue < 1e-6);
    assert.ok(s.strength! > 0.5);
  }
});

Deno.test("analyzeTrends() classifies flat noisy series as volatile and flat quiet ones as stable", () => {
  const rng = createRng(2, "flat");
  const records = Array.from({ length: 30 }, (_, week) =>
    legacyRecord({
      startedAt: weekly(START, week),
      cells: [
        { scenario: "s", target: "orjson", value: 2000 * Math.exp(0.25 * normal(rng)) },
        { scenario: "s", target: "datason", value: 9e4 * Math.exp(0.01 * normal(rng)) },
      ],
    }));
  const result = analyzeTrends(records, OPTIONS);
  assert.equal(seriesById(result.series, "/orjson/").classification, "volatile");
  assert.equal(seriesById(result.series, "/datason/").classification, "stable");
  const short = analyzeTrends(records.slice(0, 4), OPTIONS);
  assert.ok(short.series.every((s) => s.classification === "insufficient"));
});

Deno.test("analyzeTrends() keeps imported and measured runs in separate series", () => {
  const records: RunRecord[] = [];
  for (let week = 0; week < 6; week++) {
    const cells = [{ suite: "same", scenario: "api", target: "datason", value: 1000 }];
    records.push(legacyRecord({ startedAt: weekly(START, week), cells }));
    records.push(measuredRecord({ startedAt: weekly(START, week + 10), cells }));
  }
  const result = analyzeTrends(records, OPTIONS);
  assert.deepEqual(result.series.map((s) => [s.source, s.unit, s.statistic, s.points.length]), [
    ["measured", "ns/record", "median", 6],
    ["legacy", "ns/call", "mean", 6],
  ]);
  assert.equal(result.counts.legacyRuns, 6);
  assert.equal(result.counts.measuredRuns, 6);
});

Deno.test("analyzeTrends() looks back `days` from the newest run and filters series by --metric", () => {
  const records = weeklyRuns(52, ["datason", "orjson"], () => 1);
  const result = analyzeTrends(records, { ...OPTIONS, days: 30 });
  assert.equal(result.window.to, weekly(START, 51));
  assert.equal(
    result.window.from,
    new Date(Date.parse(weekly(START, 51)) - 30 * 86_400_000).toISOString(),
  );
  assert.equal(result.counts.runs, 5); // weeks 47–51
  assert.ok(result.series.every((s) => s.points.length === 5));
  const filtered = analyzeTrends(records, { ...OPTIONS, days: 30, metric: "orj*" });
  assert.deepEqual(filtered.series.map((s) => s.target), ["orjson"]);
  assert.deepEqual(
    analyzeTrends(records, { ...OPTIONS, metric: "api_fast/datason" }).series.map((s) => s.target),
    ["datason"],
  );
});

Deno.test("analyzeTrends() keeps failed cells as points without a value, never as zeros", () => {
  const records = Array.from({ length: 8 }, (_, week) =>
    measuredRecord({
      startedAt: weekly(START, week),
      cells: [{ scenario: "api", target: "datason", value: week === 3 ? null : 1000 + week }],
    }));
  const s = analyzeTrends(records, OPTIONS).series[0];
  assert.equal(s.points.length, 8);
  assert.equal(s.points[3].value, null);
  assert.equal(s.points[3].status, "error");
  assert.equal(s.usablePoints, 7);
  assert.ok(s.segments.every((seg) => seg.median > 1000));
});

Deno.test("analyzeTrends() of no records is empty, not an error", () => {
  const result = analyzeTrends([], OPTIONS);
  assert.equal(result.counts.runs, 0);
  assert.deepEqual(result.series, []);
  assert.deepEqual(result.window, { from: null, to: null, days: null });
});
