/**
 * Trend classification of one series (see `TrendClass`). The rules, in order:
 *
 * 1. fewer than 5 usable points → `insufficient`;
 * 2. Mann–Kendall p < `alpha` AND |Theil–Sen change over the window| ≥ `minChange` →
 *    `degrading` when times rise, `improving` when they fall (a material, significant trend is
 *    reported even on a noisy series: it is the actionable part);
 * 3. run-to-run robust CV > `volatileCv` → `volatile`;
 * 4. otherwise `stable`.
 */

import type { TrendClass } from "./types.ts";

export const MIN_TREND_POINTS = 5;

export interface TrendEvidence {
  usablePoints: number;
  /** Mann–Kendall two-sided p-value. */
  pValue: number | null;
  /** exp(Theil–Sen slope · window span) − 1. */
  windowChange: number | null;
  /** Robust CV of the run-to-run noise. */
  volatility: number | null;
}

export function classifyTrend(
  evidence: TrendEvidence,
  thresholds: { alpha: number; minChange: number; volatileCv: number },
): TrendClass {
  if (evidence.usablePoints < MIN_TREND_POINTS) return "insufficient";
  const { pValue, windowChange, volatility } = evidence;
  if (
    pValue !== null && windowChange !== null && pValue < thresholds.alpha &&
    Math.abs(windowChange) >= thresholds.minChange
  ) {
    return windowChange > 0 ? "degrading" : "improving";
  }
  if (volatility !== null && volatility > thresholds.volatileCv) return "volatile";
  return "stable";
}
