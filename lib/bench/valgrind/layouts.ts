/**
 * Memory layouts for the instruction measure. Counting is deterministic for one layout, but a
 * process's layout — string hashes (the hash seed) and where the stack and heap start (the size of
 * the environment) — moves a region's instruction count by a few tenths of a percent (dict probe
 * lengths, `id()`-keyed tables). So every side is counted in K processes with deliberately
 * different layouts, the same K for base and head: a change's estimate is the median over the
 * layouts, and their spread says how much layout alone can move it.
 *
 * A layout is drawn from the run's seed: a hash seed for `PYTHONHASHSEED` and a padding length for
 * an environment variable, so a resumed run and both sides of a comparison use the same layouts.
 */

import { createRng } from "../../_common/prng.ts";

/** The variable whose length moves the initial stack (its value is `x` repeated). */
export const LAYOUT_PADDING_VAR = "DATASON_BENCH_LAYOUT_PADDING";
/** Padding lengths are drawn from 0 … this (in steps of 16 bytes). */
export const MAX_LAYOUT_PADDING = 4096;

export interface Layout {
  /** 0-based; layouts with the same index are paired across sides. */
  index: number;
  /** `PYTHONHASHSEED` (0 … 4294967295). */
  hashSeed: number;
  /** Length in bytes of `DATASON_BENCH_LAYOUT_PADDING`'s value. */
  paddingBytes: number;
}

/** `count` layouts drawn from `seed`; layout i is the same whatever `count` is. */
export function drawLayouts(seed: number, count: number): Layout[] {
  const layouts: Layout[] = [];
  for (let index = 0; index < count; index++) {
    const rng = createRng(seed, `layout:${index}`);
    layouts.push({
      index,
      hashSeed: rng.nextUint32(),
      paddingBytes: 16 * rng.int(0, MAX_LAYOUT_PADDING / 16),
    });
  }
  return layouts;
}

/** The environment variables that set a layout in a runner process. */
export function layoutEnvironment(layout: Layout): Record<string, string> {
  return {
    PYTHONHASHSEED: String(layout.hashSeed),
    [LAYOUT_PADDING_VAR]: "x".repeat(layout.paddingBytes),
  };
}
