/**
 * The measures a trend series can follow: time (`nsPerRecord`) and the counted measures of a cell
 * — the fields of a measured cell that hold one count per layout (`MeasuredCell` in
 * lib/results/run_record.ts). They are the entries with comparison `layouts` of the table of
 * measures (lib/regression/measures.ts), with the same ids and labels; trends sit below the
 * comparisons and do not import them, so a test keeps this list in step with that table.
 */

export const TIME_MEASURE = "nsPerRecord";

export interface CountedMeasure {
  /** The cell field with one value per layout, and the measure's id in the table of measures. */
  id: "instructionsPerRecord" | "estimatedCyclesPerRecord";
  /** The measure's label in the table of measures: `instructions/record`. */
  label: string;
  unit: "instructions/record" | "cycles/record";
}

/** In the order of the table of measures. */
export const COUNTED_MEASURES: readonly CountedMeasure[] = [
  { id: "instructionsPerRecord", label: "instructions/record", unit: "instructions/record" },
  { id: "estimatedCyclesPerRecord", label: "est. cycles/record", unit: "cycles/record" },
];
