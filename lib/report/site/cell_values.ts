/**
 * Quantities of one measured cell that the report shows, computed in one place: the time per
 * record and its CI (from the cell's summary, or recomputed from the raw values), the number of
 * records a value covers, the throughput of wire bytes, and the instructions per record when the
 * run counted them. A failed cell has none of them: every function returns null for it, never a
 * zero.
 */

import { ownValue } from "../../_common/own_key.ts";
import type { MeasuredCell, MeasuredRunRecord } from "../../results/run_record.ts";
import { summarizeProcesses } from "../../stats/summarize_processes.ts";
import { median } from "../../stats/median.ts";
import { formatMeasureValue } from "../format_measure.ts";

export interface CellTime {
  /** Median of the per-process medians, ns per record. */
  median: number;
  ci95: [number, number] | null;
  /** Processes with values. */
  n: number;
  /** Robust CV of the per-process medians. */
  cv: number;
}

/** The time of an `ok` cell; null for a failed cell or one without values. */
export function cellTime(cell: MeasuredCell | undefined): CellTime | null {
  if (cell === undefined || cell.status !== "ok") return null;
  let summary = cell.summary;
  if (summary === null) {
    if (!cell.nsPerRecord.some((values) => values.length > 0)) return null;
    summary = summarizeProcesses(cell.nsPerRecord);
  }
  if (!(summary.median > 0)) return null;
  return { median: summary.median, ci95: summary.ci95, n: summary.n, cv: summary.cv };
}

/**
 * Records behind each value of a scenario: the run's per-scenario limit (`config.measure.records`,
 * null = all) capped by the dataset's record count. Null when neither is known.
 */
export function measuredRecords(record: MeasuredRunRecord, scenario: string): number | null {
  const limit = ownValue(record.config.measure.records, scenario) ?? null;
  const available = ownValue(record.datasets, scenario)?.records ?? null;
  if (limit === null) return available;
  if (available === null) return limit;
  return Math.min(limit, available);
}

/**
 * Wire bytes per second: the cell's output bytes (all measured records) ÷ records ÷ time per
 * record. Deserialization reads the same wire bytes, so the same figure applies to both
 * operations. Null when the cell failed, has no output bytes (noop) or the record count is unknown.
 */
export function throughputBytesPerSecond(
  cell: MeasuredCell | undefined,
  records: number | null,
): number | null {
  const time = cellTime(cell);
  const bytes = cell?.outputBytes ?? null;
  if (time === null || bytes === null || bytes <= 0 || records === null || records <= 0) {
    return null;
  }
  return (bytes / records) / (time.median * 1e-9);
}

/** Output bytes of a target: the serialize cell's, else the deserialize cell's (same wire). */
export function outputBytesOf(
  serialize: MeasuredCell | undefined,
  deserialize: MeasuredCell | undefined,
): number | null {
  return serialize?.outputBytes ?? deserialize?.outputBytes ?? null;
}

/**
 * Instructions per record of a cell counted under Valgrind: the median over the layouts that
 * counted (as the trend series take it); null when the cell was not counted or no layout counted.
 */
export function cellInstructions(cell: MeasuredCell | undefined): number | null {
  const values = (cell?.instructionsPerRecord ?? []).filter((v) => Number.isFinite(v) && v > 0);
  if (cell?.instructions === undefined || values.length === 0) return null;
  return median(values);
}

/** `12.3 M` instructions per record, `—` where the cell has no counts. */
export function instructionsText(cell: MeasuredCell | undefined): string {
  return formatMeasureValue("instructionsPerRecord", cellInstructions(cell));
}

/** Whether any of the cells has instruction counts (a table shows the column only then). */
export function anyInstructions(cells: readonly (MeasuredCell | undefined)[]): boolean {
  return cells.some((c) => cellInstructions(c) !== null);
}
