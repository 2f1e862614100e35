import assert from "node:assert/strict";
import { hodgesLehmann } from "../../lib/stats/hodges_lehmann.ts";
import { hodgesLehmannPaired } from "../../lib/stats/hodges_lehmann_paired.ts";
import { assertClose } from "../helpers/assert_close.ts";
import {
  HW_DEPRESSION_X,
  HW_DEPRESSION_Y,
  HW_PERMEABILITY_X,
  HW_PERMEABILITY_Y,
  WAVE_X,
  WAVE_Y,
} from "./reference_data.ts";

// Reference values: R 4.2.2 `wilcox.test(..., conf.int = TRUE, exact = TRUE)`.

Deno.test("hodgesLehmann() matches R's two-sample estimate and exact 95% CI", () => {
  const result = hodgesLehmann(HW_PERMEABILITY_X, HW_PERMEABILITY_Y);
  assert.equal(result.method, "exact");
  assertClose(result.estimate, 0.305, 1e-12); // R: difference in location 0.305
  assertClose(result.ci![0], -0.15, 1e-12); // R: 95 percent CI -0.15 0.76
  assertClose(result.ci![1], 0.76, 1e-12);
  // Achieved coverage 1 − 2·pwilcox(qwilcox(0.025, 10, 5) − 1, 10, 5) ≥ 0.95.
  assert.ok(result.confidence! >= 0.95 && result.confidence! < 0.97);
});

Deno.test("hodgesLehmann() matches R on 40 vs 40 values", () => {
  const result = hodgesLehmann(WAVE_X.slice(0, 40), WAVE_Y.slice(0, 40));
  assertClose(result.estimate, 2.4555, 1e-12); // R: 2.4555
  assertClose(result.ci![0], -0.384, 1e-12); // R: -0.384 5.661
  assertClose(result.ci![1], 5.661, 1e-12);
});

Deno.test("hodgesLehmann() has no 95% CI for 3 vs 3 (the widest interval covers 90%)", () => {
  // P(U = 0) = 1/C(6,3) = 0.05 > 0.025, so [min, max] of the 9 differences covers only 90%.
  const result = hodgesLehmann([1.1, 1.2, 1.3], [1.0, 1.05, 1.15]);
  assert.equal(result.ci, null);
  assert.equal(
    hodgesLehmann([1.1, 1.2, 1.3], [1.0, 1.05, 1.15], { confidence: 0.9 }).ci?.length,
    2,
  );
});

Deno.test("hodgesLehmann() normal-approximation CI is close to the exact one at 40 vs 40", () => {
  const x = WAVE_X.slice(0, 40);
  const y = WAVE_Y.slice(0, 40);
  const exact = hodgesLehmann(x, y);
  const approx = hodgesLehmann(x, y, { exact: false });
  assert.equal(approx.method, "normal");
  const width = exact.ci![1] - exact.ci![0];
  assert.ok(Math.abs(approx.ci![0] - exact.ci![0]) < 0.02 * width);
  assert.ok(Math.abs(approx.ci![1] - exact.ci![1]) < 0.02 * width);
});

Deno.test("hodgesLehmannPaired() matches R's pseudomedian and exact CI on the depression data", () => {
  const d = HW_DEPRESSION_X.map((x, i) => x - HW_DEPRESSION_Y[i]);
  const result = hodgesLehmannPaired(d);
  assertClose(result.estimate, 0.46, 1e-12); // R: (pseudo)median 0.46
  assertClose(result.ci![0], 0.01, 1e-12); // R: 95 percent CI 0.010 0.786
  assertClose(result.ci![1], 0.786, 1e-12);
  assertClose(result.confidence!, 1 - 2 * 0.01953125, 1e-14); // 1 − 2·psignrank(5, 9)
});

Deno.test("hodgesLehmannPaired() matches R on 40 pairs", () => {
  const d = WAVE_X.slice(0, 40).map((x, i) => x - WAVE_Y[i] * 0.3);
  const result = hodgesLehmannPaired(d);
  assertClose(result.estimate, 2.5526, 1e-12); // R: (pseudo)median 2.5526
  assertClose(result.ci![0], 0.0982, 1e-10); // R: 0.0982 5.05965
  assertClose(result.ci![1], 5.05965, 1e-12);
});

Deno.test("hodgesLehmannPaired() has no 95% CI below 6 pairs", () => {
  // n = 5: the widest interval covers 1 − 2/32 = 93.75%; n = 6: 1 − 2/64 = 96.9%.
  assert.equal(hodgesLehmannPaired([0.1, 0.2, 0.3, 0.4, 0.5]).ci, null);
  const six = hodgesLehmannPaired([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
  assert.deepEqual(six.ci, [0.1, 0.6]);
  assertClose(six.confidence!, 0.96875, 1e-14);
});
