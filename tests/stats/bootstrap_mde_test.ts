import assert from "node:assert/strict";
import { createRng } from "../../lib/_common/prng.ts";
import { bootstrapMde } from "../../lib/stats/bootstrap_mde.ts";
import { hodgesLehmannPaired } from "../../lib/stats/hodges_lehmann_paired.ts";
import { mad, MAD_TO_SD } from "../../lib/stats/mad.ts";
import { minimumDetectableEffect } from "../../lib/stats/minimum_detectable_effect.ts";
import { standardDeviation } from "../../lib/stats/standard_deviation.ts";
import { wilcoxonSignedRank } from "../../lib/stats/wilcoxon_signed_rank.ts";
import { assertClose } from "../helpers/assert_close.ts";

const PLAN = { alpha: 0.01, power: 0.8 };

/** n draws of a normal with this SD (Box–Muller on the project's seeded stream). */
function normalSample(n: number, sd: number, seed: number): number[] {
  const rng = createRng(seed, "bootstrap-mde-test");
  return Array.from({ length: n }, () => {
    const u = 1 - rng.next();
    const v = rng.next();
    return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  });
}

Deno.test("bootstrapMde() on 40 normal rounds agrees with normal theory for the signed-rank test", () => {
  const d = normalSample(40, 0.1, 7).map((x) => x + 0.02);
  const s = standardDeviation(d);
  // The t-test's MDE, (z₀.₉₉₅ + z₀.₈)·s/√n, over the signed-rank test's efficiency 3/π.
  const normalTheory = minimumDetectableEffect(s, { paired: true, n: 40 }, PLAN) *
    Math.sqrt(Math.PI / 3);
  const mde = bootstrapMde(d, PLAN);
  assert.ok(
    Math.abs(mde / normalTheory - 1) < 0.15,
    `bootstrap ${mde.toFixed(4)} vs normal theory ${normalTheory.toFixed(4)}`,
  );
});

/**
 * The power at `shift`, test by test: the fraction of the resamples (drawn as `bootstrapMde()`
 * documents) on which `wilcoxonSignedRank()` reaches α. Repeated rounds get distinct values a
 * hair apart, as real rounds are, so the test takes the exact path as it does on real data.
 */
function powerByTests(d: number[], shift: number, alpha: number): number {
  const n = d.length;
  const center = hodgesLehmannPaired(d).estimate;
  const residuals = d.map((x) => x - center).sort((a, b) => a - b);
  const rng = createRng(1, `bootstrap-mde/${n}`);
  let rejected = 0;
  for (let b = 0; b < 400; b++) {
    const x = Array.from({ length: n }, (_, i) => residuals[rng.int(0, n - 1)] + shift + i * 1e-13);
    if (wilcoxonSignedRank(x).pValue <= alpha) rejected++;
  }
  return rejected / 400;
}

Deno.test("bootstrapMde() is the shift where the signed-rank test's power reaches the target", () => {
  for (
    const [n, alpha, seed] of [[12, 0.01, 1], [12, 0.01 / 16, 2], [20, 0.05, 3], [16, 0.01, 4]]
  ) {
    const d = normalSample(n, 0.05, seed);
    const mde = bootstrapMde(d, { alpha, power: 0.8 });
    const above = powerByTests(d, mde * (1 + 1e-6), alpha);
    const below = powerByTests(d, mde * (1 - 1e-6), alpha);
    assert.ok(above >= 0.8 && below < 0.8, `n ${n}, α ${alpha}: ${below} … ${above}`);
  }
});

Deno.test("bootstrapMde() at 8 rounds and α = 0.01 must lift the lowest round above zero", () => {
  // With 8 pairs only a unanimous sign reaches p ≤ 0.01 (2/2⁸ = 0.0078; one round against: 0.016).
  // A shift δ is detected by a resample whose every round lands above −δ; once δ exceeds the
  // lowest residual's distance below the centre every resample is, below it only the ≈34% that
  // missed that round are. The data are symmetric about 0.05, their Hodges–Lehmann centre, so
  // the MDE is 0.05 − 0.01 = 0.04 whatever the draws.
  const d = [0.01, 0.02, 0.04, 0.05, 0.05, 0.06, 0.08, 0.09];
  assertClose(bootstrapMde(d, PLAN), 0.04, 1e-9);
});

Deno.test("bootstrapMde() gives the same MDE for the same log-ratios, in any order", () => {
  const d = normalSample(12, 0.05, 3);
  const mde = bootstrapMde(d, PLAN);
  assert.equal(bootstrapMde([...d], PLAN), mde);
  assert.equal(bootstrapMde([...d].reverse(), PLAN), mde);
  // Other seeds draw other resamples: the MDE stays close (it can land on the same value, as it
  // is always half a sum of two residuals).
  for (const seed of [2, 3, 4]) {
    const other = bootstrapMde(d, { ...PLAN, seed });
    assert.ok(Math.abs(other / mde - 1) < 0.2, `seed ${seed}: ${other} vs ${mde}`);
  }
});

Deno.test("bootstrapMde() scales with the spread and ignores the centre", () => {
  const d = normalSample(12, 0.05, 4);
  const mde = bootstrapMde(d, PLAN);
  assertClose(bootstrapMde(d.map((x) => 2 * x), PLAN), 2 * mde, 1e-9);
  assertClose(bootstrapMde(d.map((x) => x + 0.3), PLAN), mde, 1e-9);
});

Deno.test("bootstrapMde() sees outlying rounds that a MAD-based SD does not", () => {
  // Ten quiet rounds (±1%) and two that a neighbour's burst threw 25–30% off.
  const d = [0.01, -0.012, 0.005, -0.003, 0.008, -0.007, 0.002, 0, -0.004, 0.006, 0.25, -0.3];
  const madBased = minimumDetectableEffect(MAD_TO_SD * mad(d), { paired: true, n: 12 }, PLAN);
  const mde = bootstrapMde(d, PLAN);
  assert.ok(mde > 2 * madBased, `bootstrap ${mde.toFixed(4)} vs MAD-based ${madBased.toFixed(4)}`);
});

Deno.test("bootstrapMde() is Infinity when no shift can reach α and 0 without spread", () => {
  // 3 pairs: the smallest p is 2/2³ = 0.25.
  assert.equal(bootstrapMde([0.01, 0.02, 0.03], PLAN), Infinity);
  assert.equal(bootstrapMde([0.01], { alpha: 0.5, power: 0.8 }), Infinity);
  assert.equal(bootstrapMde([], PLAN), Infinity);
  assert.equal(bootstrapMde(new Array(12).fill(0.03), PLAN), 0);
  assert.throws(() => bootstrapMde([0.01, 0.02], { alpha: 0, power: 0.8 }), RangeError);
  assert.throws(() => bootstrapMde([0.01, 0.02], { ...PLAN, resamples: 0 }), RangeError);
});
