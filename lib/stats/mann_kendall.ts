/**
 * Mann–Kendall test for a monotonic trend (Mann 1945; Kendall 1975; Hipel & McLeod 1994): the
 * Kendall score S = Σ_{i<j} sign(x_j − x_i) of the values against their order, its variance with
 * the tie correction Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 (t = size of each group of tied
 * values), and a two-sided p-value from the normal approximation with continuity correction
 * z = (S − sign(S)) / √Var(S) — the same figures as R's `cor.test(x, seq_along(x), method =
 * "kendall", exact = FALSE)` and pymannkendall's `original_test`.
 */

import { normalSurvival } from "./normal.ts";

export interface MannKendallResult {
  n: number;
  /** Kendall score S. */
  s: number;
  /** Tie-corrected variance of S under no trend. */
  varS: number;
  /**
   * Kendall's τ-b of the values against time (ties in the values lower the denominator), as R's
   * `cor(x, seq_along(x), method = "kendall")`. Its absolute value is the trend's strength.
   */
  tau: number;
  /** Standard normal statistic with continuity correction (0 when S = 0). */
  z: number;
  /** Two-sided p-value; 1 for fewer than three values or no variance. */
  pValue: number;
}

/** Runs the test on values given in time order. NaN values are not allowed. */
export function mannKendall(values: ArrayLike<number>): MannKendallResult {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = values[i];
    for (let j = i + 1; j < n; j++) {
      const d = values[j] - xi;
      if (d > 0) s++;
      else if (d < 0) s--;
      else if (d !== 0) throw new RangeError("mannKendall(): values must not be NaN");
    }
  }
  // Tie groups of the values.
  const sorted = Float64Array.from(values).sort();
  let tieTerm = 0;
  let tiedPairs = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) {
      tieTerm += t * (t - 1) * (2 * t + 5);
      tiedPairs += (t * (t - 1)) / 2;
    }
    i = j;
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedPairs) * pairs);
  const tau = denominator > 0 ? s / denominator : 0;
  if (n < 3 || !(varS > 0)) return { n, s, varS, tau, z: 0, pValue: 1 };
  const z = s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(varS);
  const pValue = Math.min(1, 2 * normalSurvival(Math.abs(z)));
  return { n, s, varS, tau, z, pValue };
}
