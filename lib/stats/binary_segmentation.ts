/**
 * Change points in a series by binary segmentation with a seeded permutation test — the
 * E-divisive / binary-segmentation family used for performance histories (Matteson & James 2014;
 * Otava), made robust for benchmark noise:
 *
 * 1. **Robust scores.** Within the segment under test, each value becomes a Huber score
 *    clamp((y − median) / σ, −k, k), σ = run-to-run noise (`differenceScale`). An outlier counts at
 *    most k noise units, so one spike cannot outweigh a persistent shift.
 * 2. **Statistic.** The largest standardised CUSUM of the scores over every split that leaves
 *    `minSegment` values on each side: max_τ |S_τ − τ·mean| / √(τ(n−τ)/n).
 * 3. **Significance.** The same statistic over random permutations of the scores (seeded with
 *    `createRng`, one stream per segment): p = (1 + #{T_perm ≥ T}) / (1 + permutations). The test
 *    stops early once 10 permutations reach T (Besag & Clifford 1991 sequential p-value), so the
 *    common no-change case costs a few dozen permutations, not hundreds.
 * 4. **Location.** The split is refined within ±3 values by the L1 step fit around it (the split
 *    that minimises Σ|y − level| with the two local medians as levels), as asv's step detection.
 * 5. **Guards.** A significant split becomes a change point only when (a) the local medians of up
 *    to `window` values on each side differ by at least `minShift`, and (b) it is persistent: at
 *    least 75% of those values on each side lie on their own side of the midpoint between the two
 *    levels. With `minSegment` 3, a single-run spike or a two-run blip can never pass (b).
 *
 * 6. **Near-deterministic series** (option `stepOverNoise`, for instruction counts). The
 *    permutation p-value of a split is at least 2 / C(n, k), so a clean step a few runs after the
 *    start of a short series can never reach `alpha` (4 runs then 3: p ≥ 0.057) however large it
 *    is against the noise. With the option, a split that the test found but could not make
 *    significant still passes when its step is at least `stepOverNoise` times the larger
 *    run-to-run noise of the two sides (`differenceScale` of each side alone, so the step itself
 *    is not counted as noise) — and the guards (a) and (b) as always. A constant segment has no
 *    split at all.
 *
 * Then both halves are searched again, until no segment holds a significant, persistent split.
 */

import { createRng, type Rng } from "../_common/prng.ts";
import { differenceScale, medianInPlace } from "./trend_robust.ts";

export interface BinarySegmentationOptions {
  /** Minimum number of values in every segment (≥ 2). */
  minSegment: number;
  /** Maximum number of permutations per test (999 gives p-values down to 0.001). */
  permutations: number;
  /** Significance level of each split: a split needs p < alpha. */
  alpha: number;
  /** Smallest shift between the local levels (in the values' unit, e.g. log time) to report. */
  minShift: number;
  /** Seed and label of the permutation streams (each segment forks its own stream). */
  seed: number;
  label: string;
  /** Values on each side used for the levels and the persistence check. @default 10 */
  window?: number;
  /** Huber clipping, in noise units. @default 3 */
  clip?: number;
  /** Fraction of the values on each side that must sit on their own side of the midpoint. @default 0.75 */
  persistence?: number;
  /**
   * Near-deterministic series: a split that is not significant still passes when its step is at
   * least this many times the larger noise of its two sides. Absent: significance is required.
   */
  stepOverNoise?: number;
}

export interface DetectedChange {
  /** Index of the first value of the new segment. */
  index: number;
  /** Permutation p-value of the split. */
  pValue: number;
  /** Permutations run for the test (fewer than requested when it stopped early). */
  permutations: number;
  /** Median of up to `window` values before / from the change (values' unit). */
  levelBefore: number;
  levelAfter: number;
}

/** Exceedances after which the sequential permutation test stops. */
const STOP_AFTER_EXCEEDANCES = 10;
const REFINE_RADIUS = 3;

/** Returns the change points, sorted by index. */
export function binarySegmentation(
  values: ArrayLike<number>,
  options: BinarySegmentationOptions,
): DetectedChange[] {
  const minSegment = Math.max(2, Math.floor(options.minSegment));
  const window = Math.max(minSegment, options.window ?? 10);
  const clip = options.clip ?? 3;
  const persistence = options.persistence ?? 0.75;
  const y = Float64Array.from(values);
  for (const v of y) {
    if (!Number.isFinite(v)) throw new RangeError("binarySegmentation(): values must be finite");
  }
  const found: DetectedChange[] = [];
  const pending: [number, number][] = [[0, y.length]];
  while (pending.length > 0) {
    const [a, b] = pending.pop()!;
    if (b - a < 2 * minSegment) continue;
    const rng = createRng(options.seed, `${options.label}/${a}-${b}`);
    const test = permutationTest(y, a, b, minSegment, clip, options.permutations, rng);
    if (test === null) continue;
    const significant = test.pValue < options.alpha;
    if (!significant && options.stepOverNoise === undefined) continue;
    const index = refineSplit(y, a, b, test.index, minSegment, window);
    const levels = localLevels(y, a, b, index, window);
    const step = Math.abs(levels.after - levels.before);
    if (step < options.minShift) continue;
    if (!significant && !(step >= options.stepOverNoise! * sideNoise(y, a, b, index, window))) {
      continue;
    }
    if (!isPersistent(y, a, b, index, window, levels, persistence)) continue;
    found.push({
      index,
      pValue: test.pValue,
      permutations: test.permutations,
      levelBefore: levels.before,
      levelAfter: levels.after,
    });
    pending.push([a, index], [index, b]);
  }
  return found.sort((p, q) => p.index - q.index);
}

interface SplitTest {
  index: number;
  statistic: number;
  pValue: number;
  permutations: number;
}

function permutationTest(
  y: Float64Array,
  a: number,
  b: number,
  minSegment: number,
  clip: number,
  permutations: number,
  rng: Rng,
): SplitTest | null {
  const n = b - a;
  const segment = y.subarray(a, b);
  const center = medianInPlace(Float64Array.from(segment));
  let scale = differenceScale(segment);
  if (!(scale > 0)) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of segment) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) return null; // constant segment
    scale = (hi - lo) * 1e-3;
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = (segment[i] - center) / scale;
    scores[i] = z > clip ? clip : z < -clip ? -clip : z;
  }
  const weights = new Float64Array(n);
  for (let t = minSegment; t <= n - minSegment; t++) weights[t] = 1 / Math.sqrt((t * (n - t)) / n);
  const observed = cusumMax(scores, minSegment, weights);
  if (!(observed.statistic > 0)) return null;
  const threshold = observed.statistic * (1 - 1e-12);
  let exceedances = 0;
  let run = 0;
  const shuffled = Float64Array.from(scores);
  while (run < permutations) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(0, i);
      const t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    run++;
    if (cusumMax(shuffled, minSegment, weights).statistic >= threshold) {
      exceedances++;
      if (exceedances >= STOP_AFTER_EXCEEDANCES) {
        return {
          index: a + observed.index,
          statistic: observed.statistic,
          pValue: exceedances / run,
          permutations: run,
        };
      }
    }
  }
  return {
    index: a + observed.index,
    statistic: observed.statistic,
    pValue: (exceedances + 1) / (permutations + 1),
    permutations: run,
  };
}

/** Largest weighted |CUSUM| over splits t in [minSegment, n − minSegment]; index = t. */
function cusumMax(
  scores: Float64Array,
  minSegment: number,
  weights: Float64Array,
): { statistic: number; index: number } {
  const n = scores.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += scores[i];
  const mean = total / n;
  let prefix = 0;
  for (let i = 0; i < minSegment - 1; i++) prefix += scores[i];
  let best = -1;
  let bestIndex = minSegment;
  for (let t = minSegment; t <= n - minSegment; t++) {
    prefix += scores[t - 1];
    const value = Math.abs(prefix - t * mean) * weights[t];
    if (value > best) {
      best = value;
      bestIndex = t;
    }
  }
  return { statistic: best, index: bestIndex };
}

/** Moves the split within ±3 values to the best L1 step fit between the two local medians. */
function refineSplit(
  y: Float64Array,
  a: number,
  b: number,
  index: number,
  minSegment: number,
  window: number,
): number {
  const { before, after } = localLevels(y, a, b, index, window);
  const lo = Math.max(a, index - window);
  const hi = Math.min(b, index + window);
  let best = index;
  let bestCost = Infinity;
  const first = Math.max(a + minSegment, index - REFINE_RADIUS);
  const last = Math.min(b - minSegment, index + REFINE_RADIUS);
  for (let t = first; t <= last; t++) {
    let cost = 0;
    for (let i = lo; i < hi; i++) cost += Math.abs(y[i] - (i < t ? before : after));
    const better = cost < bestCost - 1e-15 ||
      (Math.abs(cost - bestCost) <= 1e-15 && Math.abs(t - index) < Math.abs(best - index));
    if (better) {
      best = t;
      bestCost = cost;
    }
  }
  return best;
}

function localLevels(
  y: Float64Array,
  a: number,
  b: number,
  index: number,
  window: number,
): { before: number; after: number } {
  const left = Float64Array.from(y.subarray(Math.max(a, index - window), index));
  const right = Float64Array.from(y.subarray(index, Math.min(b, index + window)));
  return { before: medianInPlace(left), after: medianInPlace(right) };
}

/** The larger run-to-run noise of the values on each side of a split (0 for constant sides). */
function sideNoise(y: Float64Array, a: number, b: number, index: number, window: number): number {
  const left = y.subarray(Math.max(a, index - window), index);
  const right = y.subarray(index, Math.min(b, index + window));
  const noise = (side: Float64Array) => (side.length < 2 ? 0 : differenceScale(side));
  return Math.max(noise(left), noise(right));
}

function isPersistent(
  y: Float64Array,
  a: number,
  b: number,
  index: number,
  window: number,
  levels: { before: number; after: number },
  persistence: number,
): boolean {
  const mid = (levels.before + levels.after) / 2;
  const up = levels.after > levels.before;
  const lo = Math.max(a, index - window);
  const hi = Math.min(b, index + window);
  let leftOk = 0;
  for (let i = lo; i < index; i++) if (up ? y[i] < mid : y[i] > mid) leftOk++;
  let rightOk = 0;
  for (let i = index; i < hi; i++) if (up ? y[i] > mid : y[i] < mid) rightOk++;
  return leftOk >= persistence * (index - lo) - 1e-9 &&
    rightOk >= persistence * (hi - index) - 1e-9;
}
