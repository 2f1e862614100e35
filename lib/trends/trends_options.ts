import type { TrendsConfig } from "../config/types.ts";
import type { TrendsOptions } from "./types.ts";

/** Trend analysis options from the config's `trends` section, a window and a series filter. */
export function trendsOptions(
  trends: TrendsConfig,
  seed: number,
  window: { days: number | null; metric: string | null },
): TrendsOptions {
  return {
    days: window.days,
    metric: window.metric,
    minSegment: trends.minSegment,
    permutations: trends.permutations,
    alpha: trends.alpha,
    environmentShiftFraction: trends.environmentShiftFraction,
    minChange: trends.minChange,
    instructionMinChange: trends.instructionMinChange,
    volatileCv: trends.volatileCv,
    seed,
  };
}
