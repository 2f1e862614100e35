/**
 * How the outputs name the measure of a trend series or finding, and format its values: time per
 * record (median of per-process medians), time per call (the predecessor's mean), or a count per
 * record (median over the layouts) — with each measure's formatter from the table of measures.
 */

import type { SeriesUnit } from "../trends/types.ts";
import { formatMeasureValue } from "./format_measure.ts";

const TEXT: Record<SeriesUnit, string> = {
  "ns/record": "time per record (median)",
  "ns/call": "time per call (imported mean)",
  "instructions/record": "instructions per record (median of layouts)",
  "cycles/record": "est. cycles per record (median of layouts)",
};

/** `time per record (median)`, `instructions per record (median of layouts)` … */
export function seriesMeasureText(unit: SeriesUnit): string {
  return TEXT[unit] ?? unit;
}

/** A value of a series in its own measure: `1.23 µs`, `12.3 M` (instructions). */
export function seriesValueText(measure: string, value: number | null): string {
  return formatMeasureValue(measure, value);
}
