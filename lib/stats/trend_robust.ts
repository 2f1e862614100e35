/**
 * Small robust helpers used by the trend statistics (`theilSen`, `binarySegmentation`) and by
 * `lib/trends/`. They are kept in this one file, named after the trends module, so that they can be
 * unified with the general `median`/`mad` helpers of `lib/stats/` without touching those files.
 */

/** Median of `values` (not modified); NaN for an empty input. */
export function trendMedian(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  return trendMedianInPlace(Float64Array.from(values));
}

/**
 * Median of a scratch array, which is reordered (quickselect, expected linear time). The mean of the
 * two middle order statistics for an even length.
 */
export function trendMedianInPlace(values: Float64Array | number[]): number {
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

/** Median absolute deviation from the median (unscaled); NaN for an empty input. */
export function trendMad(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const center = trendMedian(values);
  const deviations = new Float64Array(n);
  for (let i = 0; i < n; i++) deviations[i] = Math.abs(values[i] - center);
  return trendMedianInPlace(deviations);
}

/** 1.4826: makes the MAD a consistent estimate of a normal standard deviation. */
export const MAD_TO_SD = 1.4826;

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
  const byDiff = MAD_TO_SD * trendMedianInPlace(diffs) / Math.SQRT2;
  if (byDiff > 0) return byDiff;
  return MAD_TO_SD * trendMad(values);
}
