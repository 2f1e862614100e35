/**
 * Bencher Metric Format (BMF, https://bencher.dev/docs/reference/bencher-metric-format): one JSON
 * object whose keys are benchmark names, each holding measures keyed by slug with `value` and the
 * optional `lower_value` / `upper_value`. `latency` is Bencher's built-in measure in nanoseconds:
 * here the median of the per-process medians of ns per record, bounded by its 95% CI when it has
 * one. `output-size` and `peak-memory` (bytes) are custom measures that Bencher creates on first
 * use. Only cells with status ok are exported.
 */

import type { MeasuredRunRecord } from "../results/run_record.ts";

export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

export type Bmf = Record<string, Record<string, BmfMetric>>;

export function benchmarkName(
  cell: { suite: string; scenario: string; target: string; environment: string; operation: string },
): string {
  return `${cell.suite}/${cell.scenario}/${cell.target}/${cell.environment}/${cell.operation}`;
}

export function exportBmf(record: MeasuredRunRecord): Bmf {
  const out: Bmf = {};
  for (const cell of record.cells) {
    if (cell.status !== "ok" || cell.summary === null) continue;
    const measures: Record<string, BmfMetric> = {};
    const latency: BmfMetric = { value: cell.summary.median };
    if (cell.summary.ci95 !== null) {
      latency.lower_value = cell.summary.ci95[0];
      latency.upper_value = cell.summary.ci95[1];
    }
    measures.latency = latency;
    if (cell.outputBytes !== null) measures["output-size"] = { value: cell.outputBytes };
    if (cell.peakTracedBytes !== null) measures["peak-memory"] = { value: cell.peakTracedBytes };
    out[benchmarkName(cell)] = measures;
  }
  return out;
}
