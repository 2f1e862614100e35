/**
 * Two robust helpers of the trend statistics that the general `median`/`mad` do not cover:
 * a linear-time median that reorders a scratch array (Theil–Sen takes the median of up to millions
 * of pairwise slopes), and the run-to-run noise of a series, which ignores steps and drifts.
 */

import { mad, MAD_TO_SD } from "./mad.ts";

/**
 * Median of a scratch array, which is reordered (quickselect, expected linear time). The mean of the
 * two middle order statistics for an even length; NaN for an empty array.
 */
export function medianInPlace(values: Float64Array | number[]): number {
  const n = values.length;
  if (n === 0) return NaN;
  const upper = select(values, n >> 1, 0, n - 1);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest element left of the upper middle after the partition.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/** k-th smallest (0-based) of values[lo..hi]; partitions the array around it (Hoare/Wirth). */
function select(a: Float64Array | number[], k: number, lo: number, hi: number): number {
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * Run-to-run noise of a series: 1.4826 · median |x[i+1] − x[i]| / √2. Differencing removes steps
 * and slow drifts (only one difference spans a step), so the figure is the noise alone. Falls back
 * to the scaled MAD when more than half of the differences are zero (quantised values), and is 0
 * only for a constant series. NaN for fewer than two values.
 */
export function differenceScale(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const diffs = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) diffs[i - 1] = Math.abs(values[i] - values[i - 1]);
  const byDiff = MAD_TO_SD * medianInPlace(diffs) / Math.SQRT2;
  if (byDiff > 0) return byDiff;
  return MAD_TO_SD * mad(Array.from(values));
}
