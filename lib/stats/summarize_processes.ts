import { mad, MAD_TO_SD } from "./mad.ts";
import { median } from "./median.ts";
import { medianCi } from "./median_ci.ts";
import { quantile } from "./quantile.ts";

/** Summary of per-process medians (the `summary` of a RunRecord cell). n is the number of processes. */
export interface ProcessSummaryStatistics {
  n: number;
  median: number;
  mad: number;
  /** Robust coefficient of variation: 1.4826 · MAD / median. */
  cv: number;
  min: number;
  p95: number;
  /** Distribution-free 95% CI of the median from order statistics; null when n is too small. */
  ci95: [number, number] | null;
}

/**
 * The summary `run` stores in each cell. The unit of evidence is the process (values inside one
 * process are correlated), so everything is computed over the per-process medians m₁ … mₙ:
 * `median` = median(m), `mad` = median|mᵢ − median(m)| (unscaled), `cv` = 1.4826·mad/median,
 * `min` = min(m), `p95` = quantile(m, 0.95) (Hyndman–Fan type 7), `ci95` = the distribution-free
 * 95% CI of the median from order statistics (null for n < 6). Processes without values are
 * ignored; at least one must have values.
 */
export function summarizeProcesses(
  nsPerRecord: readonly (readonly number[])[],
): ProcessSummaryStatistics {
  const medians = processMedians(nsPerRecord);
  if (medians.length === 0) {
    throw new RangeError("summarizeProcesses(): no process produced values");
  }
  const center = median(medians);
  const deviation = mad(medians);
  const ci = medianCi(medians, 0.95);
  return {
    n: medians.length,
    median: center,
    mad: deviation,
    cv: center === 0 ? 0 : (MAD_TO_SD * deviation) / center,
    min: Math.min(...medians),
    p95: quantile(medians, 0.95),
    ci95: ci === null ? null : [ci.lower, ci.upper],
  };
}

/** The median of each process that produced values, in input order. */
export function processMedians(nsPerRecord: readonly (readonly number[])[]): number[] {
  return nsPerRecord.filter((values) => values.length > 0).map((values) => median(values));
}
