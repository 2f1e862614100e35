import assert from "node:assert/strict";
import { signedRankCdf, signedRankDistribution } from "../../lib/stats/signed_rank_distribution.ts";
import { wilcoxonSignedRank } from "../../lib/stats/wilcoxon_signed_rank.ts";
import { assertClose } from "../helpers/assert_close.ts";
import { HW_DEPRESSION_X, HW_DEPRESSION_Y, WAVE_X, WAVE_Y } from "./reference_data.ts";

// Reference values: R 4.2.2 `psignrank` and `wilcox.test` (digits = 17).

Deno.test("signedRankCdf() matches R's psignrank", () => {
  const expected9 = [
    0.001953125,
    0.00390625,
    0.005859375,
    0.009765625,
    0.013671875,
    0.01953125,
    0.02734375,
    0.037109375,
    0.048828125,
    0.064453125,
    0.08203125,
  ];
  expected9.forEach((p, v) => assertClose(signedRankCdf(v, 9), p, 1e-14, `psignrank(${v}, 9)`));
  assertClose(signedRankCdf(20, 16), 0.0054931640625, 1e-13);
  assertClose(signedRankCdf(30, 30), 1.8952414393425005e-6, 1e-12);
});

Deno.test("signedRankDistribution() counts subset sums (hand count: n = 3)", () => {
  // Subsets of {1,2,3}: sums 0,1,2,3,3,4,5,6 → counts 1,1,1,2,1,1,1 over 8.
  assert.deepEqual([...signedRankDistribution(3)].map((p) => p * 8), [1, 1, 1, 2, 1, 1, 1]);
});

Deno.test("signed-rank critical values agree with the published two-sided 5% table", () => {
  // Reject when V ≤ c (two-sided α = 0.05): n = 9 → 5, n = 16 → 29 (Wilcoxon signed-rank table,
  // e.g. Hollander & Wolfe Table A.4; R: qsignrank(0.025, n) − 1).
  for (const [n, critical] of [[9, 5], [16, 29]]) {
    assert.ok(2 * signedRankCdf(critical, n) <= 0.05);
    assert.ok(2 * signedRankCdf(critical + 1, n) > 0.05);
  }
});

Deno.test("wilcoxonSignedRank() reproduces R's exact paired test on the depression data", () => {
  const d = HW_DEPRESSION_X.map((x, i) => x - HW_DEPRESSION_Y[i]);
  const result = wilcoxonSignedRank(d);
  assert.equal(result.v, 40); // R: V = 40
  assert.equal(result.method, "exact");
  assertClose(result.pValue, 0.0390625, 1e-14); // R: two-sided p = 0.0390625 (one-sided 0.01953)
});

Deno.test("wilcoxonSignedRank() exact for 40 pairs matches R", () => {
  const d = WAVE_X.slice(0, 40).map((x, i) => x - WAVE_Y[i] * 0.3);
  const result = wilcoxonSignedRank(d);
  assert.equal(result.method, "exact");
  assert.equal(result.v, 563); // R: V = 563
  assertClose(result.pValue, 0.039446681344998069, 1e-12);
});

Deno.test("wilcoxonSignedRank() normal approximation with ties matches R", () => {
  // R: wilcox.test(c(1.5,-0.5,2,2,3,-1,4,2.5,3,0.5,1,-2), exact = FALSE) → V = 66,
  // p = 0.037119200194514146.
  const result = wilcoxonSignedRank([1.5, -0.5, 2, 2, 3, -1, 4, 2.5, 3, 0.5, 1, -2]);
  assert.equal(result.method, "normal");
  assert.equal(result.v, 66);
  assertClose(result.pValue, 0.037119200194514146, 1e-12);
  const large = wilcoxonSignedRank(WAVE_X.map((x) => x - 2)); // R: V = 1115, p = 0.141930514027
  assert.equal(large.v, 1115);
  assertClose(large.pValue, 0.14193051402700288, 1e-11);
});

Deno.test("wilcoxonSignedRank() drops zero differences and then approximates, as R does", () => {
  // R: wilcox.test(c(0, 1.5, -0.5, 2, 2, 3, -1, 4)) → "cannot compute exact p-value with zeroes",
  // V = 25, p = 0.075403562871263388.
  const result = wilcoxonSignedRank([0, 1.5, -0.5, 2, 2, 3, -1, 4]);
  assert.equal(result.zeros, 1);
  assert.equal(result.n, 7);
  assert.equal(result.method, "normal");
  assert.equal(result.v, 25);
  assertClose(result.pValue, 0.075403562871263388, 1e-12);
  assert.equal(wilcoxonSignedRank([0, 0, 0]).pValue, 1);
});

Deno.test("wilcoxonSignedRank() floors at 2/2ⁿ: 16 positive pairs give p = 2⁻¹⁵", () => {
  const result = wilcoxonSignedRank(Array.from({ length: 16 }, (_, i) => 0.01 + i / 1000));
  assert.equal(result.v, 136);
  assertClose(result.pValue, Math.pow(2, -15), 1e-13);
});
