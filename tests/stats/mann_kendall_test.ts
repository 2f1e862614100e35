import assert from "node:assert/strict";
import { mannKendall } from "../../lib/stats/mann_kendall.ts";
import { assertClose } from "../helpers/assert_close.ts";
import { LAKE_HURON, NILE } from "./reference_series.ts";

// Reference values: pymannkendall 1.4.3 `original_test` (S, var_s, z, p) and R 4.2.2
// `cor.test(x, seq_along(x), method = "kendall", exact = FALSE, continuity = TRUE)` (z, p; the two
// agree to 12 digits) and `cor(x, seq_along(x), method = "kendall")` (τ-b).
Deno.test("mannKendall() on the Nile series: S, tie-corrected Var(S), z, p and τ-b", () => {
  const r = mannKendall(NILE);
  assert.equal(r.n, 100);
  assert.equal(r.s, -1387);
  // 100 values with 7 tied pairs and 4 tied triples:
  // [100·99·205 − (7·2·1·9 + 4·3·2·11)] / 18 = (2,029,500 − 390) / 18 = 112,728.33…
  assertClose(r.varS, 112728.33333333333, 1e-14);
  assertClose(r.z, -4.128066522844101, 1e-12);
  assertClose(r.pValue, 3.658262921657496e-05, 1e-9);
  assertClose(r.tau, -0.280741334724613, 1e-12);
});

Deno.test("mannKendall() on the Lake Huron levels matches pymannkendall and R", () => {
  const r = mannKendall(LAKE_HURON);
  assert.equal(r.s, -1682);
  assertClose(r.varS, 106136.66666666667, 1e-14);
  assertClose(r.z, -5.159825226030389, 1e-12);
  assertClose(r.pValue, 2.471804838588554e-07, 1e-8);
  assertClose(r.tau, -0.354366707502826, 1e-12);
});

Deno.test("mannKendall() on a five-value example with a tie", () => {
  // y = 2, 4, 5, 4, 5: S = 6; Var(S) = (5·4·15 − 2·(2·1·9)) / 18 = 14.67; z = 5/√14.67.
  // pymannkendall: z 1.3055824196677337, p 0.19169460205188793; R: τ-b 0.670820393249937.
  const r = mannKendall([2, 4, 5, 4, 5]);
  assert.equal(r.s, 6);
  assertClose(r.varS, 44 / 3, 1e-15);
  assertClose(r.z, 1.3055824196677337, 1e-13);
  assertClose(r.pValue, 0.19169460205188793, 1e-12);
  assertClose(r.tau, 0.670820393249937, 1e-13);
});

Deno.test("mannKendall() gives p = 1 for too few or constant values", () => {
  assert.equal(mannKendall([1, 2]).pValue, 1);
  const flat = mannKendall([3, 3, 3, 3]);
  assert.equal(flat.s, 0);
  assert.equal(flat.pValue, 1);
  assert.equal(flat.tau, 0);
  assert.throws(() => mannKendall([1, NaN, 2]), RangeError);
});
