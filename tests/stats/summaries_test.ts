import assert from "node:assert/strict";
import { mad } from "../../lib/stats/mad.ts";
import { median } from "../../lib/stats/median.ts";
import { medianCi } from "../../lib/stats/median_ci.ts";
import { quantile } from "../../lib/stats/quantile.ts";
import { robustCv } from "../../lib/stats/robust_cv.ts";
import { summarizeProcesses } from "../../lib/stats/summarize_processes.ts";
import { assertClose } from "../helpers/assert_close.ts";

const PI_DIGITS = [3, 1, 4, 1, 5, 9, 2, 6];

Deno.test("median(), quantile() and mad() match R (type-7 quantiles, mad constant = 1)", () => {
  // R 4.2.2: median(q) = 3.5; quantile(q, c(0, .1, .25, .5, .95, 1)) = 1 1 1.75 3.5 7.95 9;
  // mad(q, constant = 1) = 2; mad(q) = 2.9652.
  assert.equal(median(PI_DIGITS), 3.5);
  assert.equal(median([5, 1, 3]), 3);
  const expected = [[0, 1], [0.1, 1], [0.25, 1.75], [0.5, 3.5], [0.95, 7.95], [1, 9]];
  for (const [p, q] of expected) assertClose(quantile(PI_DIGITS, p), q, 1e-14, `p = ${p}`);
  assert.equal(mad(PI_DIGITS), 2);
  assertClose(robustCv(PI_DIGITS), 2.9652 / 3.5, 1e-14);
  assert.throws(() => median([]), RangeError);
});

Deno.test("medianCi() uses the order statistics of the binomial table", () => {
  // Coverage 1 − 2·P(B ≤ k − 1), B ~ Bin(n, ½) (R: 1 - 2*pbinom(k - 1, n, .5)):
  // n = 6 → (x₁, x₆) 0.96875; n = 10 → (x₂, x₉) 0.978515625; n = 16 → (x₄, x₁₃) 0.978729248046875.
  const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
  const ci10 = medianCi(ten)!;
  assert.deepEqual([ci10.lower, ci10.upper, ...ci10.ranks], [2, 9, 2, 9]);
  assertClose(ci10.coverage, 0.978515625, 1e-14);
  const sixteen = Array.from({ length: 16 }, (_, i) => 100 + i);
  const ci16 = medianCi(sixteen)!;
  assert.deepEqual(ci16.ranks, [4, 13]);
  assert.deepEqual([ci16.lower, ci16.upper], [103, 112]);
  assertClose(ci16.coverage, 0.978729248046875, 1e-14);
  const ci6 = medianCi([6, 5, 4, 3, 2, 1])!;
  assert.deepEqual([ci6.lower, ci6.upper], [1, 6]);
  assertClose(ci6.coverage, 0.96875, 1e-14);
});

Deno.test("medianCi() is null below 6 values: [min, max] of 5 covers only 93.75%", () => {
  assert.equal(medianCi([1, 2, 3, 4, 5]), null);
  assert.equal(medianCi([1]), null);
  assert.ok(medianCi([1, 2, 3, 4, 5], 0.9) !== null);
});

Deno.test("summarizeProcesses() summarizes the per-process medians", () => {
  // Process medians 3.5 (π digits), 2, 7, 4, 5, 6 → sorted 2, 3.5, 4, 5, 6, 7.
  const summary = summarizeProcesses([
    PI_DIGITS,
    [2, 1, 3],
    [7],
    [4, 4, 4, 4],
    [5, 6, 4],
    [6, 6, 100],
  ]);
  assert.equal(summary.n, 6);
  assert.equal(summary.median, 4.5);
  assert.equal(summary.mad, 1.25); // |dev| 2.5, 1, .5, .5, 1.5, 2.5 → median 1.25
  assertClose(summary.cv, (1.4826 * 1.25) / 4.5, 1e-14);
  assert.equal(summary.min, 2);
  assertClose(summary.p95, 6.75, 1e-14); // type 7: h = 4.75 → 6 + .75·(7 − 6)
  assert.deepEqual(summary.ci95, [2, 7]); // n = 6: (x₁, x₆), coverage 96.9%
  assert.equal(summarizeProcesses([[1], [2], [3]]).ci95, null);
  assert.throws(() => summarizeProcesses([[], []]), RangeError);
});
