/**
 * A provisional cell summary: the median of the per-process medians and simple spreads around it.
 * `summarizeProcesses()` in lib/stats (distribution-free CI from order statistics) replaces this;
 * until then `ci95` is null.
 */

import type { CellSummary } from "../results/run_record.ts";

const MAD_TO_SD = 1.4826;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Summary over processes: each process contributes its median (the process is the unit). */
export function simpleSummary(nsPerRecord: readonly (readonly number[])[]): CellSummary | null {
  const medians = nsPerRecord.filter((values) => values.length > 0).map((v) => median(v));
  if (medians.length === 0) return null;
  const center = median(medians);
  const mad = median(medians.map((m) => Math.abs(m - center)));
  const sorted = [...medians].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
  return {
    n: medians.length,
    median: center,
    mad,
    cv: center > 0 ? (MAD_TO_SD * mad) / center : 0,
    min: sorted[0],
    p95,
    ci95: null,
  };
}
