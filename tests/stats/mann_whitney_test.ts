import assert from "node:assert/strict";
import { mannWhitney } from "../../lib/stats/mann_whitney.ts";
import {
  mannWhitneyCdf,
  mannWhitneyDistribution,
} from "../../lib/stats/mann_whitney_distribution.ts";
import { assertClose } from "../helpers/assert_close.ts";
import { HW_PERMEABILITY_X, HW_PERMEABILITY_Y, WAVE_X, WAVE_Y } from "./reference_data.ts";

// Reference values: R 4.2.2 `pwilcox`, `qwilcox` and `wilcox.test` (printed with digits = 17).

Deno.test("mannWhitneyCdf() matches R's pwilcox", () => {
  const expected5x5 = [
    0.003968253968253968, // 1/252
    0.007936507936507936,
    0.015873015873015872,
    0.027777777777777776,
    0.047619047619047616,
    0.07539682539682539,
    0.1111111111111111,
  ];
  expected5x5.forEach((p, u) =>
    assertClose(mannWhitneyCdf(u, 5, 5), p, 1e-13, `pwilcox(${u}, 5, 5)`)
  );
  assertClose(mannWhitneyCdf(10, 8, 7), 0.020046620046620046, 1e-13);
  assertClose(mannWhitneyCdf(100, 20, 20), 0.0030724778246178836, 1e-12);
});

Deno.test("mannWhitneyDistribution() is symmetric and sums to 1 (hand count: 2 vs 2)", () => {
  // The C(4,2) = 6 orderings of two x's and two y's give U = 0, 1, 2, 2, 3, 4.
  assert.deepEqual([...mannWhitneyDistribution(2, 2)].map((p) => p * 6), [1, 1, 2, 1, 1]);
  const p = mannWhitneyDistribution(12, 9);
  assertClose(p.reduce((a, b) => a + b, 0), 1, 1e-12);
  for (let u = 0; u < p.length; u++) assertClose(p[u], p[p.length - 1 - u], 1e-12);
});

Deno.test("Mann–Whitney critical values agree with the published two-sided 5% table", () => {
  // Table of critical U (reject when U ≤ c, two-sided α = 0.05): n₁ = n₂ = 5 → 2, 8 → 13, 10 → 23
  // (e.g. Siegel & Castellan, Table J; R: qwilcox(0.025, n, n) − 1).
  for (const [n, critical] of [[5, 2], [8, 13], [10, 23]]) {
    assert.ok(2 * mannWhitneyCdf(critical, n, n) <= 0.05, `n = ${n}: U = ${critical} rejects`);
    assert.ok(
      2 * mannWhitneyCdf(critical + 1, n, n) > 0.05,
      `n = ${n}: U = ${critical + 1} does not`,
    );
  }
});

Deno.test("mannWhitney() reproduces R's exact test on Hollander & Wolfe's permeability data", () => {
  const result = mannWhitney(HW_PERMEABILITY_X, HW_PERMEABILITY_Y);
  assert.equal(result.u, 35); // R: W = 35
  assert.equal(result.method, "exact");
  // R: wilcox.test(x, y, alternative = "g") p = 0.1272061272061272; two-sided is twice that.
  assertClose(result.pValue, 0.2544122544122544, 1e-13);
});

Deno.test("mannWhitney() normal approximation matches R with correct = TRUE", () => {
  const approx = mannWhitney(HW_PERMEABILITY_X, HW_PERMEABILITY_Y, { exact: false });
  assertClose(approx.pValue, 0.24462360512698336, 1e-12); // R: exact = FALSE, two-sided
  const large = mannWhitney(WAVE_X, WAVE_Y); // 60 vs 55: too large for exact
  assert.equal(large.method, "normal");
  assert.equal(large.u, 2138); // R: W = 2138
  assertClose(large.pValue, 0.0063435068080177045, 1e-11);
});

Deno.test("mannWhitney() corrects the variance for ties like R", () => {
  // R: wilcox.test(c(1,2,2,3,4,5,5,5,6), c(3,4,4,5,7,8,8,9), exact = FALSE) → W = 17,
  // p = 0.072018433657986131.
  const result = mannWhitney([1, 2, 2, 3, 4, 5, 5, 5, 6], [3, 4, 4, 5, 7, 8, 8, 9]);
  assert.equal(result.method, "normal");
  assert.equal(result.ties, true);
  assert.equal(result.u, 17);
  assertClose(result.pValue, 0.07201843365798613, 1e-12);
});

Deno.test("mannWhitney() gives the smallest possible p for a perfect separation of 5 vs 5", () => {
  const result = mannWhitney([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
  assert.equal(result.u, 25);
  assertClose(result.pValue, 2 / 252, 1e-13); // 0.0079: can never pass α = 0.005
});
