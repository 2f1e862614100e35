/**
 * github-action-benchmark's `customSmallerIsBetter` input: a JSON array of
 * `{ name, unit, value, range?, extra? }` (value a number, range and extra strings; the action
 * compares entries by name across commits and shows `extra` in the chart tooltip). Per ok cell, one
 * entry per measure the table of measures exports here: the time per record (median of process
 * medians, ns) with the 95% CI half-width as range and the summary as extra, and the output size
 * in bytes, and where the run counted them, instructions and estimated cycles per record (the
 * median over the layouts). Names start with the cell's key (`…/api_fast@json/…` on the JSON tier).
 */

import { formatPercent } from "../_common/format.ts";
import { COMPARATORS } from "../regression/comparators.ts";
import { MEASURES } from "../regression/measures.ts";
import { cellKey, type MeasuredRunRecord } from "../results/run_record.ts";

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
    if (cell.status !== "ok") continue;
    const name = cellKey(cell);
    for (const measure of MEASURES) {
      const entryName = measure.export.gab;
      const exported = COMPARATORS[measure.comparison].exported(cell, measure);
      if (entryName === undefined || exported === null) continue;
      const s = exported.summary;
      if (s === null) {
        out.push({ name: `${name} - ${entryName}`, unit: measure.unit, value: exported.value });
        continue;
      }
      // A summarized measure: rounded, with its CI as range and the summary as tooltip.
      const entry: GabEntry = {
        name: `${name} - ${entryName}`,
        unit: measure.unit,
        value: round(s.median),
      };
      if (s.ci95 !== null) entry.range = `± ${round((s.ci95[1] - s.ci95[0]) / 2)}`;
      entry.extra = [
        `processes: ${s.n}`,
        `robust CV: ${formatPercent(s.cv)}`,
        s.ci95
          ? `95% CI: ${round(s.ci95[0])} – ${round(s.ci95[1])} ${measure.unit}`
          : "95% CI: n < 6",
        `fidelity: ${cell.fidelity ?? "unknown"}`,
      ].join("\n");
      out.push(entry);
    }
  }
  return out;
}
