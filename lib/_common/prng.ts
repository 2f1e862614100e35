/**
 * The project's seeded pseudo-random number generator: xoshiro128** (Blackman & Vigna, 2018),
 * 32-bit state words updated with `Math.imul` and shifts only, so every platform produces the
 * same sequence. A stream is seeded from SHA-256 of `"<seed>:<label>"`, which gives independent
 * streams per purpose (one per scenario, one per schedule round …): changing one scenario's count
 * never changes another scenario's data.
 */

import { createHash } from "node:crypto";

export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [min, max] (inclusive), without modulo bias. */
  int(min: number, max: number): number;
  /** A random element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new array with the elements in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent stream derived from this stream's seed and a label. */
  fork(label: string): Rng;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * The raw xoshiro128** step over a 4-word state (mutated in place). Exported for the reference
 * vector test: state [1, 2, 3, 4] yields 11520, 0, 5927040, 70819200, …
 */
export function xoshiro128StarStar(s: Uint32Array): () => number {
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
}

/** Creates the stream for (`seed`, `label`). */
export function createRng(seed: number, label = ""): Rng {
  const name = `${seed}:${label}`;
  const digest = createHash("sha256").update(name).digest();
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  const s = new Uint32Array([
    view.getUint32(0, true),
    view.getUint32(4, true),
    view.getUint32(8, true),
    view.getUint32(12, true),
  ]);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;

  const nextUint32 = xoshiro128StarStar(s);
  const rng: Rng = {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}): need integers with min ≤ max`);
      }
      const range = max - min + 1;
      if (range > 4294967296) {
        const high = nextUint32() % Math.ceil(range / 4294967296);
        return min + Math.min(range - 1, high * 4294967296 + nextUint32());
      }
      const limit = 4294967296 - (4294967296 % range);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return min + (x % range);
    },
    pick(items) {
      if (items.length === 0) throw new RangeError("pick() from an empty array");
      return items[rng.int(0, items.length - 1)];
    },
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    fork: (child) => createRng(seed, label === "" ? child : `${label}/${child}`),
  };
  return rng;
}
