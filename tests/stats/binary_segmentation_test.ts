import assert from "node:assert/strict";
import { createRng, type Rng } from "../../lib/_common/prng.ts";
import {
  binarySegmentation,
  type BinarySegmentationOptions,
} from "../../lib/stats/binary_segmentation.ts";
import { normal, t3Noise } from "../trends/trend_fixtures.ts";
import { NILE, NILE_FIRST_YEAR } from "./reference_series.ts";

const OPTIONS: BinarySegmentationOptions = {
  minSegment: 3,
  permutations: 999,
  alpha: 0.01,
  minShift: Math.log1p(0.05),
  seed: 20250101,
  label: "test",
};

const logs = (values: number[]) => values.map(Math.log);

/** Level 1 with multiplicative noise, times `factor` from `from` on. */
function series(rng: Rng, n: number, noise: (rng: Rng) => number, steps: [number, number][]) {
  return Array.from({ length: n }, (_, i) => {
    let level = 1;
    for (const [from, factor] of steps) if (i >= from) level *= factor;
    return level * noise(rng);
  });
}

Deno.test("binarySegmentation() finds the Nile's 1899 change point (Cobb 1978) and no other", () => {
  const found = binarySegmentation(logs(NILE), { ...OPTIONS, minShift: Math.log1p(0.05) });
  assert.deepEqual(found.map((c) => NILE_FIRST_YEAR + c.index), [1899]);
  assert.ok(found[0].pValue <= 0.002);
  // Levels: about 1100 before, 850 after (Cobb's estimates 1097.75 and 849.97 are means).
  assert.ok(Math.abs(Math.exp(found[0].levelBefore) - 1100) < 60);
  assert.ok(Math.abs(Math.exp(found[0].levelAfter) - 850) < 40);
});

Deno.test("binarySegmentation() finds a 15% step after 5 points at the 6th run", () => {
  const rng = createRng(1, "step");
  const values = series(rng, 20, (r) => Math.exp(0.03 * normal(r)), [[5, 1.15]]);
  const found = binarySegmentation(logs(values), OPTIONS);
  assert.deepEqual(found.map((c) => c.index), [5]);
  assert.ok(Math.abs(Math.expm1(found[0].levelAfter - found[0].levelBefore) - 0.15) < 0.04);
});

Deno.test("binarySegmentation() locates 15% steps under heavy-tailed noise (200 seeded series)", () => {
  // Student t₃ noise with a 5% CV: a 15% step is three standard deviations.
  let exact = 0;
  let withinOne = 0;
  for (let trial = 0; trial < 200; trial++) {
    const rng = createRng(trial, "t3-step");
    const values = series(rng, 20, (r) => t3Noise(r, 0.05), [[5, 1.15]]);
    const found = binarySegmentation(logs(values), { ...OPTIONS, label: `t3-step-${trial}` });
    if (found.some((c) => c.index === 5)) exact++;
    if (found.some((c) => Math.abs(c.index - 5) <= 1)) withinOne++;
  }
  assert.ok(exact >= 150, `exact run in ${exact}/200`);
  assert.ok(withinOne >= 170, `within one run in ${withinOne}/200`);
});

Deno.test("binarySegmentation() never turns a single-run spike into a change point", () => {
  for (const at of [0, 1, 10, 18, 19]) {
    for (const factor of [0.5, 1.5, 3]) {
      const rng = createRng(at, `spike-${factor}`);
      const values = series(rng, 20, (r) => Math.exp(0.02 * normal(r)), []);
      values[at] *= factor;
      assert.deepEqual(binarySegmentation(logs(values), OPTIONS), [], `spike ×${factor} at ${at}`);
    }
  }
});

Deno.test("binarySegmentation() ignores a two-run blip but finds a three-run level at the end", () => {
  const rng = createRng(3, "blip");
  const base = series(rng, 30, (r) => Math.exp(0.02 * normal(r)), []);
  const blip = base.map((v, i) => (i >= 28 ? v * 1.4 : v));
  assert.deepEqual(binarySegmentation(logs(blip), OPTIONS), []);
  const middleBlip = base.map((v, i) => (i === 14 || i === 15 ? v * 1.4 : v));
  assert.deepEqual(binarySegmentation(logs(middleBlip), OPTIONS), []);
  const fresh = base.map((v, i) => (i >= 27 ? v * 1.3 : v));
  assert.deepEqual(binarySegmentation(logs(fresh), OPTIONS).map((c) => c.index), [27]);
});

Deno.test("binarySegmentation() on 52 weekly points of t₃ noise with 5% of runs shifted ±30%: at most 3 of 100 trials", () => {
  let trialsWithChange = 0;
  for (let trial = 0; trial < 100; trial++) {
    const rng = createRng(trial, "false-alarm");
    const values = series(rng, 52, (r) => t3Noise(r, 0.05), []);
    for (const i of rng.shuffle([...values.keys()]).slice(0, Math.round(0.05 * 52))) {
      values[i] *= rng.next() < 0.5 ? 0.7 : 1.3;
    }
    const found = binarySegmentation(logs(values), { ...OPTIONS, label: `false-alarm-${trial}` });
    if (found.length > 0) trialsWithChange++;
  }
  console.log(`false change points: ${trialsWithChange} of 100 trials`);
  assert.ok(trialsWithChange <= 3, `${trialsWithChange} of 100 trials had a change point`);
});

Deno.test("binarySegmentation() is deterministic for a seed and rejects non-finite values", () => {
  const rng = createRng(9, "det");
  const values = logs(series(rng, 40, (r) => t3Noise(r, 0.05), [[20, 1.1]]));
  assert.deepEqual(binarySegmentation(values, OPTIONS), binarySegmentation(values, OPTIONS));
  assert.deepEqual(binarySegmentation([0, 0, 0, 0, 0, 0, 0], OPTIONS), []);
  assert.throws(() => binarySegmentation([1, Infinity, 2], OPTIONS), RangeError);
});

Deno.test("binarySegmentation() reports no change below minShift even when significant", () => {
  const rng = createRng(4, "small");
  const values = logs(series(rng, 60, (r) => Math.exp(0.002 * normal(r)), [[30, 1.03]]));
  assert.deepEqual(binarySegmentation(values, OPTIONS), []);
  assert.deepEqual(
    binarySegmentation(values, { ...OPTIONS, minShift: Math.log1p(0.01) }).map((c) => c.index),
    [30],
  );
});

Deno.test("binarySegmentation() needs the new level to persist: 3 runs in 10 back at the old level veto it", () => {
  const rng = createRng(8, "persist");
  const pattern = [1, 0, 1, 1, 0, 1, 1, 0, 1, 1]; // 70% of the runs after the split moved
  const values = Array.from({ length: 30 }, (_, i) => {
    const moved = i >= 20 && pattern[i - 20] === 1;
    return (moved ? 1.3 : 1) * Math.exp(0.01 * normal(rng));
  });
  assert.deepEqual(binarySegmentation(logs(values), OPTIONS), []);
  const relaxed = binarySegmentation(logs(values), { ...OPTIONS, persistence: 0.6 });
  assert.deepEqual(relaxed.map((c) => c.index), [20]);
});

Deno.test("binarySegmentation() with stepOverNoise finds a clean step too short for the permutation test", () => {
  // 4 equal values then 3 values 0.02 higher (a +2% step in log counts): the permutation p-value
  // cannot go below 2 / C(7, 3) = 0.057, so at alpha 0.01 only the step-over-noise rule finds it.
  const values = [0, 0, 0, 0, 0.02, 0.02, 0.02];
  const options = {
    minSegment: 3,
    permutations: 999,
    alpha: 0.01,
    minShift: 0.005,
    seed: 1,
    label: "t",
  };
  assert.deepEqual(binarySegmentation(values, options), []);
  const found = binarySegmentation(values, { ...options, stepOverNoise: 4 });
  assert.deepEqual(found.map((d) => [d.index, d.levelBefore, d.levelAfter]), [[4, 0, 0.02]]);
  // A constant series has no split, and a step below minShift none either.
  assert.deepEqual(binarySegmentation([0, 0, 0, 0, 0, 0, 0], { ...options, stepOverNoise: 4 }), []);
  assert.deepEqual(
    binarySegmentation([0, 0, 0, 0, 0.003, 0.003, 0.003], { ...options, stepOverNoise: 4 }),
    [],
  );
  // Sides whose run-to-run noise is over a quarter of the step: not a step over noise.
  const noisy = [0, 0.012, -0.01, 0.011, 0.02, 0.032, 0.009];
  assert.deepEqual(binarySegmentation(noisy, { ...options, stepOverNoise: 4 }), []);
});
