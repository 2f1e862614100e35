import assert from "node:assert/strict";
import {
  judgeLayouts,
  type LayoutSide,
  sameLayouts,
} from "../../lib/regression/compare_layouts.ts";
import type { LayoutThresholds } from "../../lib/regression/types.ts";
import { fixtureInstrumentation } from "../helpers/run_record_fixture.ts";

/** The defaults of `compare.instructions`. */
const T: LayoutThresholds = {
  notice: 0.005,
  warn: 0.02,
  fail: 0.05,
  improvement: 0.005,
  spreadMultiple: 3,
};

function side(values: number[], layouts: number[] | null = values.map((_, i) => i)): LayoutSide {
  return { values, layouts };
}

const close = (actual: number | null | undefined, expected: number) =>
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-12,
    `${actual} ≉ ${expected}`,
  );

Deno.test("judgeLayouts() paired: the median of the per-layout ratios, spread their range", () => {
  // Ratios 1030/1000 = 1.030, 2062/2000 = 1.031, 4120/4000 = 1.030 → median 1.030; range 0.001.
  // (The ratio of the medians would be 2062/2000 = 1.031: pairing decides.)
  const judged = judgeLayouts(side([1000, 2000, 4000]), side([1030, 2062, 4120]), true, T, "instr");
  close(judged.change, 0.03);
  close(judged.evidence!.spread, 0.001);
  close(judged.evidence!.margin, 0.003);
  assert.deepEqual(judged.evidence!.ratios!.map((r) => Math.round(r * 1000)), [1030, 1031, 1030]);
  assert.equal(judged.verdict, "regressed");
  assert.equal(judged.severity, "warn");
  assert.match(
    judged.reason,
    /^\+3\.00% instr \(median of 3 per-layout ratios; layout spread 0\.10%/,
  );
});

Deno.test("judgeLayouts() pairs values by layout index, whatever order each side lists them", () => {
  const judged = judgeLayouts(
    side([1000, 2000, 4000], [0, 1, 2]),
    side([4120, 1030, 2062], [2, 0, 1]),
    true,
    T,
    "instr",
  );
  close(judged.change, 0.03);
  close(judged.evidence!.spread, 0.001);
});

Deno.test("judgeLayouts() unpaired: the ratio of medians, spread the sum of both relative ranges", () => {
  // Medians 1000 and 1100: +10%. Relative ranges 20/1000 = 2% and 22/1100 = 2%: spread 4%.
  const base = side([1000, 1010, 990], null);
  const head = side([1100, 1111, 1089], null);
  const judged = judgeLayouts(base, head, false, T, "instr");
  close(judged.change, 0.1);
  close(judged.evidence!.spread, 0.04);
  assert.equal(judged.evidence!.paired, false);
  assert.equal(judged.evidence!.ratios, null);
  // 3 × 4% = 12% > 10%: beyond the floor, inside the spread multiple → inconclusive.
  assert.equal(judged.verdict, "inconclusive");
  assert.match(judged.reason, /not beyond 3× the layout spread \(4\.00%\)/);
  // With a multiple of 2 the margin is 8%: a regression, fail at ≥ 5%.
  const strict = judgeLayouts(base, head, false, { ...T, spreadMultiple: 2 }, "instr");
  assert.equal(strict.verdict, "regressed");
  assert.equal(strict.severity, "fail");
  assert.match(strict.reason, /ratio of medians, layouts not shared/);
});

Deno.test("judgeLayouts() calls a change inside the floor unchanged, even with no spread", () => {
  // +0.4% < the 0.5% floor, identical ratios (spread 0).
  const judged = judgeLayouts(side([1000, 2000]), side([1004, 2008]), true, T, "instr");
  close(judged.change, 0.004);
  close(judged.evidence!.spread, 0);
  assert.equal(judged.verdict, "unchanged");
  assert.equal(judged.severity, null);
  assert.match(judged.reason, /inside the floor \(−0\.50% … \+0\.50%/);
});

Deno.test("judgeLayouts() calls a change past the floor but inside 3× the spread inconclusive", () => {
  // Ratios 1.008, 1.010, 1.012: +1.0% past the 0.5% floor, spread 0.4%, 3× = 1.2% ≥ 1.0%.
  const judged = judgeLayouts(
    side([1000, 1000, 1000]),
    side([1008, 1010, 1012]),
    true,
    T,
    "instr",
  );
  close(judged.change, 0.01);
  close(judged.evidence!.margin, 0.012);
  assert.equal(judged.verdict, "inconclusive");
  // The same change with a tighter spread (0.2% → 0.6%) is a regression, severity notice.
  const tight = judgeLayouts(side([1000, 1000, 1000]), side([1009, 1010, 1011]), true, T, "i");
  assert.equal(tight.verdict, "regressed");
  assert.equal(tight.severity, "notice");
});

Deno.test("judgeLayouts() severities: notice from 0.5%, warn from 2%, fail from 5%", () => {
  const at = (ratio: number) =>
    judgeLayouts(side([100_000]), side([100_000 * ratio]), true, T, "instr");
  assert.equal(at(1.004).verdict, "unchanged");
  assert.deepEqual([at(1.005).verdict, at(1.005).severity], ["regressed", "notice"]);
  assert.equal(at(1.0199).severity, "notice");
  assert.equal(at(1.02).severity, "warn");
  assert.equal(at(1.0499).severity, "warn");
  assert.equal(at(1.05).severity, "fail");
  assert.deepEqual([at(0.99).verdict, at(0.99).severity], ["improved", "improvement"]);
  assert.equal(at(0.996).verdict, "unchanged");
});

Deno.test("judgeLayouts() refuses a ratio of a zero count", () => {
  const judged = judgeLayouts(side([0, 1000]), side([1000, 1000]), true, T, "instr");
  assert.equal(judged.verdict, "inconclusive");
  assert.equal(judged.change, null);
});

Deno.test("sameLayouts() pairs only the same indices with the same hash seed and padding", () => {
  const both = { baseline: fixtureInstrumentation(), current: fixtureInstrumentation() };
  const a = side([1, 2, 3], [0, 1, 2]);
  assert.equal(sameLayouts(a, side([1, 2, 3], [2, 1, 0]), both), true);
  assert.equal(sameLayouts(a, side([1, 2], [0, 1]), both), false);
  assert.equal(sameLayouts(a, side([1, 2, 3], null), both), false);
  const reseeded = fixtureInstrumentation({
    layouts: [
      { index: 0, hashSeed: 11, paddingBytes: 0 },
      { index: 1, hashSeed: 99, paddingBytes: 48 },
      { index: 2, hashSeed: 33, paddingBytes: 96 },
    ],
  });
  assert.equal(sameLayouts(a, a, { baseline: fixtureInstrumentation(), current: reseeded }), false);
  assert.equal(sameLayouts(a, a, { baseline: null, current: fixtureInstrumentation() }), false);
});
