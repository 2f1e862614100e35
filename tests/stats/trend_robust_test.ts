import assert from "node:assert/strict";
import { createRng } from "../../lib/_common/prng.ts";
import { mad, MAD_TO_SD } from "../../lib/stats/mad.ts";
import { differenceScale, medianInPlace } from "../../lib/stats/trend_robust.ts";

Deno.test("medianInPlace() equals the middle of the sorted values, for odd and even lengths", () => {
  const rng = createRng(5, "median");
  for (let trial = 0; trial < 200; trial++) {
    const n = rng.int(1, 40);
    // Few distinct values so that ties are common.
    const values = Array.from({ length: n }, () => rng.int(0, 9) + (rng.next() < 0.5 ? 0 : 0.5));
    const sorted = [...values].sort((a, b) => a - b);
    const expected = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    assert.equal(medianInPlace(Float64Array.from(values)), expected, `values ${values.join(",")}`);
  }
  assert.ok(Number.isNaN(medianInPlace([])));
});

Deno.test("differenceScale() measures the noise and ignores a step", () => {
  const alternating = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : 2));
  const expected = MAD_TO_SD / Math.SQRT2; // every |difference| is 1
  assert.equal(differenceScale(alternating), expected);
  const stepped = alternating.map((v, i) => (i >= 10 ? v + 100 : v));
  assert.equal(differenceScale(stepped), expected);
  // Quantised values (most differences zero) fall back to the scaled MAD.
  assert.equal(differenceScale([1, 1, 1, 2, 2, 2, 2]), MAD_TO_SD * mad([1, 1, 1, 2, 2, 2, 2]));
  assert.ok(Number.isNaN(differenceScale([1])));
});
