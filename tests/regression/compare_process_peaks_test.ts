/** The memory rule against hand-computed cases: medians, floors, the processes' spread. */

import assert from "node:assert/strict";
import { judgePeaks } from "../../lib/regression/compare_process_peaks.ts";

const T = {
  fail: 0.25,
  warn: 0.1,
  notice: 0.02,
  improvement: 0.02,
  floorBytes: 2048,
  spreadMultiple: 1,
};

Deno.test("a 16-byte difference between identical peaks is not a verdict", () => {
  const judged = judgePeaks([12_077, 12_093, 12_077], [12_093, 12_093, 12_077], T);
  assert.equal(judged.verdict, "unchanged");
  // medians 12,077 and 12,093: +16 bytes, bound max(2048, 241.54, 16) = 2048
  assert.equal(judged.evidence.bound, 2048);
  assert.equal(judged.effect, 12_093 / 12_077 - 1);
});

Deno.test("64 KiB more per pass is a regression past every floor", () => {
  const base = [104_063, 103_599, 104_295];
  const judged = judgePeaks(base, base.map((v) => v + 65_536), T);
  assert.equal(judged.verdict, "regressed");
  // +65,536 on a median of 104,063: +62.98%, fail
  assert.equal(judged.severity, "fail");
  assert.equal(judged.evidence.spread, 696);
});

Deno.test("5% more is a notice when the spread is small, and nothing when the spread covers it", () => {
  const base = [103_599, 104_063, 104_295];
  const five = judgePeaks(base, base.map((v) => Math.round(v * 1.05)), T);
  // delta 5,203, bound max(2048, 2,081.26, 1 × 731) = 2,081.26
  assert.equal(five.verdict, "regressed");
  assert.equal(five.severity, "notice");
  assert.equal(Math.round(five.evidence.bound * 100), 208_126);
  const noisy = judgePeaks([100_000, 106_000, 103_000], [108_150, 104_000, 112_000], T);
  // medians 103,000 → 108,150 (+5,150); spread max(6,000, 8,000) = 8,000 ≥ 5,150
  assert.equal(noisy.verdict, "unchanged");
  assert.equal(noisy.evidence.spread, 8000);
});

Deno.test("less memory past the bound and the improvement threshold is improved", () => {
  const judged = judgePeaks([50_000, 50_100, 50_200], [40_000, 40_050, 40_100], T);
  assert.equal(judged.verdict, "improved");
  assert.equal(judged.severity, "improvement");
  assert.equal(judged.effect, 40_050 / 50_100 - 1);
});

Deno.test("one value per side (records before the protocol): the floors alone", () => {
  assert.equal(judgePeaks([10_000], [11_000], T).verdict, "unchanged"); // +1,000 < 2,048
  assert.equal(judgePeaks([100_000], [103_000], T).verdict, "regressed"); // +3,000 > 2,048 and 2,000
});
