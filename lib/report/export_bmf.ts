/**
 * Bencher Metric Format (BMF, https://bencher.dev/docs/reference/bencher-metric-format): one JSON
 * object whose keys are benchmark names, each holding measures keyed by slug with `value` and the
 * optional `lower_value` / `upper_value`. The slugs come from the table of measures
 * (lib/regression/measures.ts): `latency` is Bencher's built-in measure in nanoseconds — here the
 * median of the per-process medians of ns per record, bounded by its 95% CI when it has one;
 * `output-size` and `peak-memory` (bytes), `instructions` and `estimated-cycles` (per record, the
 * median over the layouts) are custom measures that Bencher creates on first use. Only cells with
 * status ok are exported. Benchmark names are the cells' keys
 * (`competitive/api_fast/orjson/default/serialize`; `competitive/api_fast@json/…` on the JSON tier).
 */

import { COMPARATORS } from "../regression/comparators.ts";
import { MEASURES } from "../regression/measures.ts";
import { cellKey, type MeasuredRunRecord } from "../results/run_record.ts";

export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

export type Bmf = Record<string, Record<string, BmfMetric>>;

export function exportBmf(record: MeasuredRunRecord): Bmf {
  const out: Bmf = {};
  for (const cell of record.cells) {
    if (cell.status !== "ok") continue;
    const measures: Record<string, BmfMetric> = {};
    for (const measure of MEASURES) {
      const slug = measure.export.bmf;
      const exported = COMPARATORS[measure.comparison].exported(cell, measure);
      if (slug === undefined || exported === null) continue;
      const metric: BmfMetric = { value: exported.value };
      const ci = exported.summary?.ci95 ?? null;
      if (ci !== null) {
        metric.lower_value = ci[0];
        metric.upper_value = ci[1];
      }
      measures[slug] = metric;
    }
    if (Object.keys(measures).length > 0) out[cellKey(cell)] = measures;
  }
  return out;
}
