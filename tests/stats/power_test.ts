import assert from "node:assert/strict";
import { minimumDetectableEffect } from "../../lib/stats/minimum_detectable_effect.ts";
import { processesForMde } from "../../lib/stats/processes_for_mde.ts";
import { processesForSmallestP, smallestPValue } from "../../lib/stats/smallest_p_value.ts";
import { assertClose } from "../helpers/assert_close.ts";

// z-quantiles from R: qnorm(0.995) = 2.5758293035489004, qnorm(0.8) = 0.8416212335729143.
const Z = 2.5758293035489004 + 0.8416212335729143;

Deno.test("smallestPValue() is 2/C(n₁+n₂, n₁) unpaired and 2/2ⁿ paired", () => {
  assertClose(smallestPValue({ paired: false, n1: 5, n2: 5 }), 2 / 252, 1e-13); // 0.0079
  assertClose(smallestPValue({ paired: false, n1: 3, n2: 3 }), 0.1, 1e-13); // 2/20
  assertClose(smallestPValue({ paired: false, n1: 10, n2: 5 }), 2 / 3003, 1e-12);
  assertClose(smallestPValue({ paired: true, n: 16 }), Math.pow(2, -15), 1e-14);
  assert.equal(smallestPValue({ paired: true, n: 1 }), 1);
  // Sizes that reach α = 0.01: 5 per side (2/252 < 0.01, 2/70 > 0.01), 8 pairs (2⁻⁷ < 0.01).
  assert.equal(processesForSmallestP(0.01, false), 5);
  assert.equal(processesForSmallestP(0.01, true), 8);
  assert.equal(processesForSmallestP(0.0005, true), 12); // 2⁻¹¹ = 0.00049
});

Deno.test("minimumDetectableEffect() follows (z₁₋α/₂ + z_power)·s·√(1/n₁ + 1/n₂)", () => {
  assertClose(
    minimumDetectableEffect(0.02, { paired: false, n1: 8, n2: 8 }, { alpha: 0.01, power: 0.8 }),
    Z * 0.02 * Math.sqrt(2 / 8),
    1e-13,
  );
  assertClose(
    minimumDetectableEffect(0.03, { paired: true, n: 16 }, { alpha: 0.01, power: 0.8 }),
    (Z * 0.03) / 4,
    1e-13,
  );
});

Deno.test("processesForMde() solves the MDE formula and respects the smallest p", () => {
  // Paired, s_d = 2%, target ln(1.05) = 0.04879: n = ⌈(Z·0.02/0.04879)²⌉ = ⌈1.96⌉ = 2, but 2 pairs
  // can never reach p ≤ 0.01: 8 are needed.
  assert.equal(processesForMde(Math.log(1.05), 0.02, true, { alpha: 0.01, power: 0.8 }), 8);
  // Paired, s_d = 5%: (Z·0.05/0.04879)² = 12.27 → 13.
  assert.equal(processesForMde(Math.log(1.05), 0.05, true, { alpha: 0.01, power: 0.8 }), 13);
  // Unpaired, s = 5%: 2·12.27 = 24.5 → 25 per side.
  assert.equal(processesForMde(Math.log(1.05), 0.05, false, { alpha: 0.01, power: 0.8 }), 25);
});
