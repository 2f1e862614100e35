import type { ProcessSummary } from "../config/types.ts";
import { median } from "../stats/median.ts";

/**
 * The value that stands for one process in a time comparison: the median of its values, or their
 * minimum (`compare.processSummary`).
 */
export function processValue(values: readonly number[], summary: ProcessSummary): number {
  return summary === "min" ? Math.min(...values) : median(values);
}
