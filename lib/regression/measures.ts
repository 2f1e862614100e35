/**
 * The table of measures: every quantity that comparisons judge, the outputs show and the exporters
 * write, declared once. A measure that RunRecords already carry is compared, rendered and exported
 * by adding its entry here (measuring a new one touches the runner and the RunRecord schema):
 *
 * - `id`: the field of a measured cell that holds it, and the row's `metric` in comparisons;
 * - `label`, `unit`, `direction`: how people read it;
 * - `comparison`: how two runs' values are judged — a kind with one comparator each in
 *   `comparators.ts` (`rank-test`: per-process values, rank test and Hodges–Lehmann shift on log
 *   values, Holm over gated rows; `threshold`: one near-deterministic number per cell, judged by the
 *   severity thresholds alone; `processes`: one peak per process that took the cell's memory,
 *   judged against floors and the processes' spread — see `compare_process_peaks.ts`; `layouts`:
 *   one count per layout of the process's memory, from
 *   Valgrind, judged against a floor and a multiple of the layouts' spread — see
 *   `compare_layouts.ts`);
 * - `thresholds`: the key of the config's `compare` section holding the measure's severity
 *   thresholds (`thresholds` for time and output bytes, `memory` for peak memory, `instructions`
 *   for the counts: their noise is a hundred times smaller, so are their thresholds);
 * - `render`: a kind that `lib/report` maps to its formatter (analysis never formats values);
 * - `export`: the Bencher Metric Format measure slug and the github-action-benchmark entry name,
 *   where the measure is exported.
 *
 * Adding a measure with a comparison of its own is an entry here and, for the new comparison kind,
 * one comparator (instructions per record and estimated cycles per record came that way).
 */

export type ComparisonKind = "rank-test" | "threshold" | "layouts" | "processes";
export type RenderKind = "duration-ns" | "bytes" | "count";
/** A key of the config's `compare` section that holds severity thresholds. */
export type ThresholdsKey = "thresholds" | "instructions" | "memory";

export interface Measure<Id extends string = string> {
  id: Id;
  label: string;
  unit: string;
  direction: "smaller-is-better";
  comparison: ComparisonKind;
  thresholds: ThresholdsKey;
  render: RenderKind;
  export: {
    /** Bencher Metric Format measure slug (`latency` is Bencher's built-in ns measure). */
    bmf?: string;
    /** github-action-benchmark `customSmallerIsBetter`: the entry name after the cell's name. */
    gab?: string;
  };
}

const TABLE = [
  {
    id: "nsPerRecord",
    label: "time/record",
    unit: "ns",
    direction: "smaller-is-better",
    comparison: "rank-test",
    thresholds: "thresholds",
    render: "duration-ns",
    export: { bmf: "latency", gab: "time per record" },
  },
  {
    id: "outputBytes",
    label: "output bytes",
    unit: "bytes",
    direction: "smaller-is-better",
    comparison: "threshold",
    thresholds: "thresholds",
    render: "bytes",
    export: { bmf: "output-size", gab: "output size" },
  },
  {
    id: "peakTracedBytes",
    label: "peak memory",
    unit: "bytes",
    direction: "smaller-is-better",
    comparison: "processes",
    thresholds: "memory",
    render: "bytes",
    export: { bmf: "peak-memory" },
  },
  {
    id: "instructionsPerRecord",
    label: "instructions/record",
    unit: "instructions",
    direction: "smaller-is-better",
    comparison: "layouts",
    thresholds: "instructions",
    render: "count",
    export: { bmf: "instructions", gab: "instructions per record" },
  },
  {
    id: "estimatedCyclesPerRecord",
    label: "est. cycles/record",
    unit: "cycles",
    direction: "smaller-is-better",
    comparison: "layouts",
    // Same thresholds as instructions: the layout bias of the estimate is no larger (≤ 0.14%
    // measured, against ≤ 0.23% for instructions) and the spread multiple covers the rest.
    thresholds: "instructions",
    render: "count",
    export: { bmf: "estimated-cycles", gab: "estimated cycles per record" },
  },
] as const satisfies readonly Measure[];

export type MeasureId = typeof TABLE[number]["id"];
export type KnownMeasure = Measure<MeasureId>;

/** The measures, in the order rows, columns and exports list them. */
export const MEASURES: readonly KnownMeasure[] = TABLE;

/** The measure of an id; undefined for ids this version does not know (an old stored result). */
export function measureOf(id: string): KnownMeasure | undefined {
  return MEASURES.find((m) => m.id === id);
}

/** The measure whose row carries a cell's status and fidelity verdicts: the first, time. */
export const PRIMARY_MEASURE: KnownMeasure = TABLE[0];

/** "output bytes and peak memory": the labels of the measures judged by thresholds alone. */
export function thresholdMeasureLabels(): string {
  const labels = MEASURES.filter((m) => m.comparison === "threshold").map((m) => m.label);
  return labels.length <= 1
    ? labels.join("")
    : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}
