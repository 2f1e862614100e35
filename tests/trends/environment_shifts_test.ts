import assert from "node:assert/strict";
import { buildSeries } from "../../lib/trends/build_series.ts";
import { detectEnvironmentShifts } from "../../lib/trends/environment_shifts.ts";
import { createRng, measuredRecord, normal, weekly } from "./trend_fixtures.ts";

const START = "2026-03-02T02:00:00.000Z";
const TARGETS = ["datason", "orjson", "ujson", "json", "pickle"];

function runs(factorAt: (week: number) => number, weeks = 20, cpu?: (week: number) => string) {
  const rng = createRng(21, "shift");
  return buildSeries(Array.from({ length: weeks }, (_, week) =>
    measuredRecord({
      startedAt: weekly(START, week),
      cpuModel: cpu?.(week),
      cells: TARGETS.map((target, k) => ({
        scenario: "api_fast",
        target,
        value: 500 * (k + 1) * factorAt(week) * Math.exp(0.02 * normal(rng)),
      })),
    })));
}

const OPTIONS = { fraction: 0.6, minChange: 0.05 };

Deno.test("detectEnvironmentShifts() flags nearby shifted runs, not the runs between them", () => {
  // Weeks 10 and 11 make week 9's next neighbours look shifted, and weeks 8 and 10 hide week
  // 11's own move: flagged runs leave the neighbourhoods until the answer settles.
  const shifted = [8, 10, 11];
  const { runs: r, series } = runs((week) => (shifted.includes(week) ? 0.7 : 1));
  const shifts = detectEnvironmentShifts(series, r, OPTIONS);
  assert.deepEqual(shifts.map((s) => s.startedAt), shifted.map((w) => weekly(START, w)));
  assert.ok(shifts.every((s) => s.direction === "faster" && s.seriesMoved === 5));
});

Deno.test("detectEnvironmentShifts() does not call a lasting step of every series a shift", () => {
  // A new machine from week 10 on: a change point in every series, attributed to the machine.
  const { runs: r, series } = runs(
    (week) => (week >= 10 ? 0.75 : 1),
    20,
    (week) => (week >= 10 ? "new CPU" : "old CPU"),
  );
  assert.deepEqual(detectEnvironmentShifts(series, r, OPTIONS), []);
});

Deno.test("detectEnvironmentShifts() needs the configured share of series and at least three", () => {
  // Only 2 of 5 series jump: 40% < 60%.
  const rng = createRng(3, "partial");
  const built = buildSeries(Array.from({ length: 16 }, (_, week) =>
    measuredRecord({
      startedAt: weekly(START, week),
      cells: TARGETS.map((target, k) => ({
        scenario: "api_fast",
        target,
        value: 500 * (week === 7 && k < 2 ? 1.4 : 1) * Math.exp(0.02 * normal(rng)),
      })),
    })));
  assert.deepEqual(detectEnvironmentShifts(built.series, built.runs, OPTIONS), []);
  const two = runs((week) => (week === 7 ? 1.4 : 1));
  assert.deepEqual(
    detectEnvironmentShifts(two.series.slice(0, 2), two.runs, OPTIONS),
    [],
    "two series are too few",
  );
  assert.equal(detectEnvironmentShifts(two.series, two.runs, OPTIONS).length, 1);
});

Deno.test("detectEnvironmentShifts() records what changed in the fingerprint of a shifted run", () => {
  const { runs: r, series } = runs(
    (week) => (week === 6 ? 0.6 : 1),
    14,
    (week) => (week === 6 ? "fast CPU" : "usual CPU"),
  );
  const [shift] = detectEnvironmentShifts(series, r, OPTIONS);
  assert.equal(shift.attribution.summary, "machine usual CPU → fast CPU");
  assert.ok(Math.abs(shift.medianChange - -0.4) < 0.05);
});
