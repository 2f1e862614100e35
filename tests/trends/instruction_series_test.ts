import assert from "node:assert/strict";
import { analyzeTrends } from "../../lib/trends/analyze_trends.ts";
import { buildSeries } from "../../lib/trends/build_series.ts";
import type { TrendsResult } from "../../lib/trends/types.ts";
import { countedRecord, type CountedRunSpec } from "./counted_fixtures.ts";
import { trendOptions, weekly } from "./trend_fixtures.ts";

const START = "2026-03-02T02:00:00.000Z";
const TIME_ID = "competitive/api_fast/datason/default/serialize";
const INSTRUCTIONS_ID = `${TIME_ID}:instructionsPerRecord`;
const CYCLES_ID = `${TIME_ID}:estimatedCyclesPerRecord`;

const OPTIONS = trendOptions(7);

/**
 * Weekly runs of datason (time noisy around 4 µs, ±3%) whose instructions per record, one value
 * per layout, come from `counts(week)`; `run(week)` overrides the run's fingerprint.
 */
function history(
  weeks: number,
  counts: (week: number) => number[],
  run: (week: number) => Partial<CountedRunSpec> = () => ({}),
) {
  const wobble = [1, 1.03, 0.98, 1.01, 0.97, 1.02, 0.99, 1.03, 0.98, 1.0, 1.02, 0.97];
  return Array.from({ length: weeks }, (_, week) =>
    countedRecord({
      startedAt: weekly(START, week),
      valgrind: "3.19.0",
      cells: [{
        target: "datason",
        ns: 4000 * wobble[week % wobble.length],
        instructions: counts(week),
      }],
      ...run(week),
    }));
}

const seriesOf = (result: TrendsResult, id: string) => result.series.find((s) => s.id === id)!;

Deno.test("buildSeries() keeps instructions and estimated cycles in series of their own beside time", () => {
  const records = [
    countedRecord({
      startedAt: weekly(START, 0),
      cells: [{ target: "datason", ns: 4000 }, { target: "orjson", ns: 500 }],
    }),
    countedRecord({
      startedAt: weekly(START, 1),
      valgrind: "3.19.0",
      cells: [
        // Median of the three layouts: 1,000,000.
        { target: "datason", ns: 4100, instructions: [1_003_000, 999_000, 1_000_000] },
        { target: "orjson", ns: 510 },
      ],
    }),
  ];
  const { series } = buildSeries(records);
  const byId = new Map(series.map((s) => [s.id, s]));
  // The time series keep their ids, and their points stay times.
  assert.deepEqual(byId.get(TIME_ID)!.points.map((p) => p.value), [4000, 4100]);
  assert.equal(byId.get(TIME_ID)!.measure, "nsPerRecord");
  assert.equal(byId.get(TIME_ID)!.measureFamily, "time");
  assert.equal(byId.get(TIME_ID)!.unit, "ns/record");
  const instructions = byId.get(INSTRUCTIONS_ID)!;
  assert.deepEqual(instructions.points.map((p) => [p.value, p.status]), [[1_000_000, "ok"]]);
  assert.equal(instructions.measureFamily, "instructions");
  assert.equal(instructions.unit, "instructions/record");
  assert.equal(instructions.label, "datason · api_fast · serialize · instructions/record");
  // Estimated cycles are the fixture's 1.5 × instructions: median 1,500,000.
  assert.deepEqual(byId.get(CYCLES_ID)!.points.map((p) => p.value), [1_500_000]);
  assert.equal(byId.get(CYCLES_ID)!.unit, "cycles/record");
  // orjson was never counted: no instruction series for it.
  assert.deepEqual(
    series.filter((s) => s.target === "orjson").map((s) => s.id),
    ["competitive/api_fast/orjson/default/serialize"],
  );
});

Deno.test("the --metric filter selects the instruction series by their measure", () => {
  const result = analyzeTrends(
    history(3, () => [1e6, 1e6, 1e6]),
    { ...OPTIONS, metric: ":instructions" },
  );
  assert.deepEqual(result.series.map((s) => s.id), [INSTRUCTIONS_ID]);
  assert.equal(result.counts.instructionSeries, 1);
});

Deno.test("identical instruction counts give no change point, no trend and no error", () => {
  const result = analyzeTrends(history(10, () => [2e6, 2e6, 2e6]), OPTIONS);
  const s = seriesOf(result, INSTRUCTIONS_ID);
  assert.equal(s.usablePoints, 10);
  assert.deepEqual(s.changePoints, []);
  assert.equal(s.volatility, 0);
  assert.equal(s.classification, "stable");
  assert.deepEqual(s.segments.map((g) => [g.from, g.to]), [[0, 9]]);
  assert.ok(Math.abs(s.segments[0].median - 2e6) < 1e-6);
  assert.deepEqual(result.environmentShifts, []);
});

Deno.test("a +2% step in instructions after 4 identical weeks is a change point; in time it is not", () => {
  // Weeks 0–3: 1,000,000 instructions; weeks 4–6: 1,020,000 (a new DataSON at week 4).
  const records = history(
    7,
    (week) => (week < 4 ? [1e6, 1e6, 1e6] : [1.02e6, 1.02e6, 1.02e6]),
    (week) => ({ datason: week < 4 ? "0.13.0" : "0.14.0" }),
  );
  const result = analyzeTrends(records, OPTIONS);
  const s = seriesOf(result, INSTRUCTIONS_ID);
  assert.equal(s.changePoints.length, 1);
  const [cp] = s.changePoints;
  assert.equal(cp.index, 4);
  assert.equal(cp.startedAt, weekly(START, 4));
  assert.ok(Math.abs(cp.before - 1e6) < 1e-6);
  assert.ok(Math.abs(cp.after - 1.02e6) < 1e-6);
  assert.ok(Math.abs(cp.change - 0.02) < 1e-12);
  assert.equal(cp.direction, "regression");
  assert.equal(cp.attribution.summary, "DataSON 0.13.0 → 0.14.0");
  // The finding names its measure.
  const finding = result.findings.regressions.find((f) => f.seriesId === INSTRUCTIONS_ID)!;
  assert.equal(finding.measure, "instructionsPerRecord");
  assert.equal(finding.measureFamily, "instructions");
  assert.equal(finding.unit, "instructions/record");
  // The same +2% in time is within time's 5% minimum change: no change point there.
  const timeRecords = history(
    7,
    () => [1e6, 1e6, 1e6],
    (week) => ({
      cells: [{ target: "datason", ns: week < 4 ? 4000 : 4080, instructions: [1e6, 1e6, 1e6] }],
    }),
  );
  assert.deepEqual(seriesOf(analyzeTrends(timeRecords, OPTIONS), TIME_ID).changePoints, []);
});

Deno.test("an instruction step below instructionMinChange is not a change point", () => {
  // +0.3% < 0.5%.
  const records = history(8, (week) => (week < 4 ? [1e6, 1e6, 1e6] : [1.003e6, 1.003e6, 1.003e6]));
  assert.deepEqual(seriesOf(analyzeTrends(records, OPTIONS), INSTRUCTIONS_ID).changePoints, []);
  // With a minimum of 0.2% it is one.
  const finer = analyzeTrends(records, { ...OPTIONS, instructionMinChange: 0.002 });
  assert.equal(seriesOf(finer, INSTRUCTIONS_ID).changePoints.length, 1);
});

/** Weeks 0–4 in one counting environment, weeks 5–9 in another, counts +3% in the second. */
function environmentChange(change: (week: number) => Partial<CountedRunSpec>) {
  return analyzeTrends(
    history(10, (week) => (week < 5 ? [1e6, 1e6, 1e6] : [1.03e6, 1.03e6, 1.03e6]), change),
    OPTIONS,
  );
}

for (
  const [what, change, kind, summary] of [
    [
      "the Valgrind version",
      (week: number) => ({ valgrind: week < 5 ? "3.19.0" : "3.22.0" }),
      "valgrind",
      "Valgrind 3.19.0 → 3.22.0",
    ],
    [
      "the simulated cache geometry",
      (week: number) => ({ llBytes: week < 5 ? 8388608 : 33554432 }),
      "cache",
      "cache geometry I1 32768/8/64 · D1 32768/8/64 · LL 8388608/16/64 → " +
      "I1 32768/8/64 · D1 32768/8/64 · LL 33554432/16/64",
    ],
    [
      "the CPU model",
      (week: number) => ({ cpuModel: week < 5 ? "AMD EPYC 7763" : "Intel Xeon 8370C" }),
      "machine",
      "machine AMD EPYC 7763 → Intel Xeon 8370C",
    ],
    [
      "glibc",
      (week: number) => ({ glibc: week < 5 ? "glibc 2.36" : "glibc 2.39" }),
      "libc",
      "C library glibc 2.36 → glibc 2.39",
    ],
  ] as const
) {
  Deno.test(`a change of ${what} is an environment shift of the instruction series`, () => {
    const result = environmentChange(change);
    const shifts = result.environmentShifts.filter((s) => s.measureFamily === "instructions");
    assert.equal(shifts.length, 1);
    const [shift] = shifts;
    assert.equal(shift.startedAt, weekly(START, 5));
    assert.ok(shift.attribution.changes.some((c) => c.kind === kind));
    assert.equal(shift.attribution.summary, summary);
    // Both counted series (instructions and cycles) moved +3%.
    assert.equal(shift.direction, "slower");
    assert.equal(shift.seriesMoved, 2);
    assert.equal(shift.seriesTested, 2);
    assert.ok(Math.abs(shift.medianChange - 0.03) < 1e-12);
    // The step is the environment's: no change point across it, a step attributed to the change.
    const s = seriesOf(result, INSTRUCTIONS_ID);
    assert.deepEqual(s.changePoints, []);
    assert.equal(s.environmentSteps!.length, 1);
    assert.equal(s.environmentSteps![0].index, 5);
    assert.ok(Math.abs(s.environmentSteps![0].change - 0.03) < 1e-12);
    assert.equal(s.environmentSteps![0].attribution.summary, summary);
    assert.deepEqual(
      result.findings.regressions.filter((f) => f.measureFamily === "instructions"),
      [],
    );
    // The trend statistics cover the counts since the change: 5 identical weeks.
    assert.equal(s.classification, "stable");
    assert.equal(s.windowChange, 0);
    // The time series did not move: no shift of time, no excluded point.
    assert.ok(result.environmentShifts.every((x) => x.measureFamily === "instructions"));
    assert.ok(seriesOf(result, TIME_ID).points.every((p) => p.excluded === null));
  });
}

Deno.test("a counting-environment change between runs that did not count is not a shift", () => {
  // Week 5 counted nothing; weeks 0–4 and 6–9 in the same environment.
  const records = history(
    10,
    () => [1e6, 1e6, 1e6],
    (week) =>
      week === 5
        ? { valgrind: undefined, cpuModel: "other CPU", cells: [{ target: "datason", ns: 4000 }] }
        : {},
  );
  const result = analyzeTrends(records, OPTIONS);
  assert.ok(result.environmentShifts.every((s) => s.measureFamily !== "instructions"));
  assert.equal(seriesOf(result, INSTRUCTIONS_ID).points.length, 9);
});
