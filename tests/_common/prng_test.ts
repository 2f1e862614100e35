import assert from "node:assert/strict";
import { createRng, xoshiro128StarStar } from "../../lib/_common/prng.ts";
import { logUniformInt } from "../../lib/generate/log_uniform.ts";

// Reference: the first outputs of xoshiro128** from the state {1, 2, 3, 4}, as printed by the
// authors' reference C implementation (Blackman & Vigna, prng.di.unimi.it/xoshiro128starstar.c).
Deno.test("xoshiro128** from state [1, 2, 3, 4] gives the published reference sequence", () => {
  const next = xoshiro128StarStar(new Uint32Array([1, 2, 3, 4]));
  const values = Array.from({ length: 6 }, () => next());
  assert.deepEqual(values, [11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
});

Deno.test("createRng() gives the same stream for the same seed and label, others differ", () => {
  const a = createRng(7, "scenario/api_fast");
  const b = createRng(7, "scenario/api_fast");
  const sequence = Array.from({ length: 8 }, () => a.nextUint32());
  assert.deepEqual(Array.from({ length: 8 }, () => b.nextUint32()), sequence);
  const otherLabel = createRng(7, "scenario/ml_training");
  const otherSeed = createRng(8, "scenario/api_fast");
  assert.notDeepEqual(Array.from({ length: 8 }, () => otherLabel.nextUint32()), sequence);
  assert.notDeepEqual(Array.from({ length: 8 }, () => otherSeed.nextUint32()), sequence);
  // A fork depends on the label only, not on how far the parent has advanced.
  assert.deepEqual(
    createRng(7, "x").fork("rows").nextUint32(),
    (() => {
      const r = createRng(7, "x");
      r.nextUint32();
      return r.fork("rows").nextUint32();
    })(),
  );
});

Deno.test("logUniformInt() stays in range and spreads evenly over the decades", () => {
  const rng = createRng(1, "log-uniform");
  const decades = [0, 0, 0, 0];
  for (let i = 0; i < 4000; i++) {
    const x = logUniformInt(rng, 10, 100_000);
    assert.ok(x >= 10 && x <= 100_000, `${x} out of range`);
    decades[Math.min(3, Math.floor(Math.log10(x)) - 1)]++;
  }
  // Each decade holds a quarter of the draws (±20% of 1000 is far beyond sampling noise, σ≈27).
  for (const n of decades) assert.ok(n > 800 && n < 1200, `decade counts ${decades}`);
  assert.equal(logUniformInt(rng, 5, 5), 5);
  assert.throws(() => logUniformInt(rng, 0, 10), RangeError);
});
