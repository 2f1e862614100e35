/**
 * github-action-benchmark's `customSmallerIsBetter` input: a JSON array of
 * `{ name, unit, value, range?, extra? }` (value a number, range and extra strings; the action
 * compares entries by name across commits and shows `extra` in the chart tooltip). Per ok cell:
 * the time per record (median of process medians, ns) with the 95% CI half-width as range, and
 * the output size in bytes.
 */

import type { MeasuredRunRecord } from "../results/run_record.ts";
import { formatPercent } from "../_common/format.ts";
import { benchmarkName } from "./export_bmf.ts";

export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

function round(x: number, digits = 4): number {
  return Number(x.toPrecision(digits + 2));
}

export function exportGab(record: MeasuredRunRecord): GabEntry[] {
  const out: GabEntry[] = [];
  for (const cell of record.cells) {
    if (cell.status !== "ok" || cell.summary === null) continue;
    const name = benchmarkName(cell);
    const s = cell.summary;
    const entry: GabEntry = {
      name: `${name} - time per record`,
      unit: "ns",
      value: round(s.median),
    };
    if (s.ci95 !== null) entry.range = `± ${round((s.ci95[1] - s.ci95[0]) / 2)}`;
    entry.extra = [
      `processes: ${s.n}`,
      `robust CV: ${formatPercent(s.cv)}`,
      s.ci95 ? `95% CI: ${round(s.ci95[0])} – ${round(s.ci95[1])} ns` : "95% CI: n < 6",
      `fidelity: ${cell.fidelity ?? "unknown"}`,
    ].join("\n");
    out.push(entry);
    if (cell.outputBytes !== null) {
      out.push({ name: `${name} - output size`, unit: "bytes", value: cell.outputBytes });
    }
  }
  return out;
}
