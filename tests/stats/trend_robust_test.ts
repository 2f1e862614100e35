import assert from "node:assert/strict";
import { createRng } from "../../lib/generate/prng.ts";
import { differenceScale, MAD_TO_SD, trendMad, trendMedian } from "../../lib/stats/trend_robust.ts";

Deno.test("trendMedian() equals the middle of the sorted values, for odd and even lengths", () => {
  const rng = createRng(5, "median");
  for (let trial = 0; trial < 200; trial++) {
    const n = rng.int(1, 40);
    // Few distinct values so that ties are common.
    const values = Array.from({ length: n }, () => rng.int(0, 9) + (rng.next() < 0.5 ? 0 : 0.5));
    const sorted = [...values].sort((a, b) => a - b);
    const expected = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    assert.equal(trendMedian(values), expected, `values ${values.join(",")}`);
  }
  assert.ok(Number.isNaN(trendMedian([])));
});

Deno.test("trendMad() is the median absolute deviation", () => {
  // median 3; deviations 2, 1, 0, 1, 6 → MAD 1
  assert.equal(trendMad([1, 2, 3, 4, 9]), 1);
});

Deno.test("differenceScale() measures the noise and ignores a step", () => {
  const alternating = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : 2));
  const expected = MAD_TO_SD / Math.SQRT2; // every |difference| is 1
  assert.equal(differenceScale(alternating), expected);
  const stepped = alternating.map((v, i) => (i >= 10 ? v + 100 : v));
  assert.equal(differenceScale(stepped), expected);
  // Quantised values (most differences zero) fall back to the scaled MAD.
  assert.equal(differenceScale([1, 1, 1, 2, 2, 2, 2]), MAD_TO_SD * trendMad([1, 1, 1, 2, 2, 2, 2]));
  assert.ok(Number.isNaN(differenceScale([1])));
});
