/**
 * The view model of the HTML site and of its Markdown summary. Everything here is plain data:
 * strings already formatted, classes already chosen, charts already rendered to SVG text. The
 * templates (`templates/report.html.eta`, `templates/report_summary.md.eta`) only lay it out.
 */

import type { AttributionView } from "../attribution_view.ts";
import type { CompareRowFigures } from "../compare_row_figures.ts";
import type { CompareResult } from "../../regression/types.ts";
import type { StoreListing } from "../../results/store.ts";
import type { TrendsResult } from "../../trends/types.ts";

/** Inputs of `buildReportModel()`. */
export interface ReportInput {
  listing: StoreListing;
  trends: {
    /** `analyzeTrends(records, { days: null, … })`: the charts' whole history. */
    history: TrendsResult;
    /** `analyzeTrends(records, { days: trends.days, … })`: the findings' window. */
    window: TrendsResult;
  };
  /** The newest stored comparison (by its current run's date), if any. */
  comparison: { path: string; result: CompareResult } | null;
  /** Stored comparison files that could not be read: listed with the other problems. */
  comparisonProblems?: ProblemRow[];
  title: string;
  /** When the page is generated; shown in the footer and used for the staleness warning. */
  now?: Date;
}

export interface NavItem {
  id: string;
  label: string;
}

export interface ProblemRow {
  path: string;
  kind: string;
  reason: string;
}

/** A chart ready to inline: SVG text (escaped by the chart renderer) plus its caption. */
export interface ChartView {
  id: string;
  svg: string;
}

/** A run a section is drawn from. */
export interface RunRef {
  runId: string;
  runIdShort: string;
  date: string;
  /** `profile default · 8 processes × 5 values`. */
  settings: string;
  /** Set when the run stopped early. */
  incomplete: boolean;
}

/** One operation of a target in the latest-run table. */
export type OperationView =
  | {
    ok: true;
    time: string;
    /** `48.2 µs – 53.1 µs`, or `no CI (n = 3)` below 6 processes. */
    ci: string;
    /**
     * Time ÷ the reference target's time: `4.23×`; `—` when either failed or when the two do not
     * compare (different fidelity classes, see lib/regression/speed_ratio.ts).
     */
    ratio: string;
    /** What the ratio carries: `lossy vs exact`, `not compared: mismatch vs exact`, or empty. */
    ratioNote: string;
    /** `12.3 MB/s` of wire bytes, `—` without output bytes. */
    throughput: string;
    peakTraced: string;
    rssDelta: string;
    /** Robust CV above 10%: `CV 14%`, else empty. */
    noise: string;
  }
  | {
    ok: false;
    status: string;
    /** Error type and message, cut to a line; the whole text is in `errorFull`. */
    error: string;
    errorFull: string;
    /** Set when the failure is a documented exception: the library's reason and its docs. */
    exception: ExceptionView | null;
  };

/** A documented exception (lib/config/documented_exceptions.ts), as the page shows it. */
export interface ExceptionView {
  target: string;
  /** What the library cannot carry: `integers beyond 64 bits`. */
  values: string;
  reason: string;
  docs: string;
}

export interface FidelityView {
  /** exact, lossy, mismatch, error, unsupported, timeout, crashed, skipped, unavailable, unknown. */
  verdict: string;
  /** CSS class suffix: `good`, `warn`, `bad`, `off`. */
  tone: "good" | "warn" | "bad" | "off";
  /** Why, in one sentence (the failed operation and its message). */
  detail: string;
}

export interface LatestRow {
  target: string;
  isDatason: boolean;
  isReference: boolean;
  /** `competitor`, `DataSON`, `loop overhead` (noop), `custom`. */
  role: string;
  /**
   * How the target calls its library on this tier, from the record (the runner's description):
   * `orjson.dumps(x, default=encode, option=…) / orjson.loads(b)`; empty for older records.
   */
  call: string;
  /** The documentation the typed adapter follows (competitors), else empty. */
  docs: string;
  serialize: OperationView;
  deserialize: OperationView;
  /** Instructions per record (median of the layouts): `12.3 M`, `—` where not counted. */
  instructions: { serialize: string; deserialize: string };
  outputBytes: string;
  fidelity: FidelityView;
}

export interface LatestScenario {
  scenario: string;
  /** `typed` or `json`. */
  tier: string;
  /** `api_fast · typed tier`, `api_fast · JSON tier`. */
  title: string;
  /** What the tier is, in a sentence. */
  tierNote: string;
  anchor: string;
  /** `1,000 records (330.2 KiB dataset), all measured`. */
  records: string;
  /** One sentence on DataSON against json and the fastest competitor. */
  headline: string;
  chart: ChartView;
  /** Some cell of the table has instruction counts: the table shows their column. */
  hasInstructions: boolean;
  rows: LatestRow[];
  /** The documented exceptions of this scenario and tier, for the targets in its table. */
  exceptions: ExceptionView[];
}

/** One scenario of the "at a glance" table: DataSON's default target against the others. */
export interface OverviewRow {
  /** `api_fast`, `api_fast · JSON tier`. */
  scenario: string;
  /** Anchor of the scenario's detailed section. */
  anchor: string;
  serialize: string;
  /** `37.2× slower than orjson (fastest)`, `json unsupported` … */
  serializeVs: string;
  deserialize: string;
  deserializeVs: string;
  /** Instructions per record of each operation, `—` where not counted. */
  serializeInstructions: string;
  deserializeInstructions: string;
  fidelity: FidelityView | null;
}

export interface Overview {
  reference: string;
  suite: string;
  /** Some row has instruction counts: the table shows their columns. */
  hasInstructions: boolean;
  rows: OverviewRow[];
  /** `10 regressions and 0 improvements in the last 90 days`. */
  findings: string;
  /** `Last comparison: warn — 2 regressed …`, or empty. */
  comparison: string;
}

export interface LatestSuite {
  suite: string;
  anchor: string;
  title: string;
  description: string;
  run: RunRef;
  /** Target that ratios divide by (`datason`), null when the suite has no DataSON target. */
  reference: string | null;
  notes: string[];
  scenarios: LatestScenario[];
}

export interface FidelityMatrixCell {
  scenario: string;
  fidelity: FidelityView | null;
}

export interface FidelityMatrixRow {
  /** `datason`, or `datason [datason-0.12 · 0.12.0]` for the versions suite. */
  label: string;
  isDatason: boolean;
  cells: FidelityMatrixCell[];
}

export interface FidelityMatrixGroup {
  suite: string;
  title: string;
  rows: FidelityMatrixRow[];
}

export interface FidelityMatrix {
  scenarios: string[];
  groups: FidelityMatrixGroup[];
  /** The folding rule, in words. */
  rule: string;
  /** Counts per verdict over all cells: `31 exact · 12 lossy · …`. */
  totals: string;
}

export interface ConfigurationRow {
  target: string;
  /** `default`, `API variant`, `config profile`. */
  kind: string;
  isDefault: boolean;
  serialize: string;
  deserialize: string;
  /** Instructions per record of each operation, `—` where not counted. */
  serializeInstructions: string;
  deserializeInstructions: string;
  roundTrip: string;
  /** Round trip ÷ the default target's round trip: `0.82×` (only where the fidelities compare). */
  vsDefault: string;
  /** What the ratio carries (`lossy vs exact`, `not compared: mismatch vs exact`), or empty. */
  vsDefaultNote: string;
  outputBytes: string;
  peakTraced: string;
  fidelity: FidelityView;
  /** Labels of the recommendations this row won (`fastest exact`, `smallest`, `least memory`). */
  picks: string[];
  /** Failed operations: `deserialize unsupported: TypeError …`. */
  failure: string;
}

export interface Recommendation {
  /** `Fastest round trip with exact fidelity`. */
  goal: string;
  target: string;
  /** `112 µs round trip · 2.0 KiB · 8.6 KiB peak · exact`. */
  values: string;
  /** Against each other pick: `vs datason-cfg-strict (smallest output): −18% time, +30% bytes`. */
  costs: string[];
}

export interface ConfigurationScenario {
  scenario: string;
  anchor: string;
  /** Some row has instruction counts: the table shows their columns. */
  hasInstructions: boolean;
  rows: ConfigurationRow[];
  recommendations: Recommendation[];
  /** When no candidate keeps exact fidelity, or nothing worked: says so. */
  note: string;
}

export interface VersionRow {
  environment: string;
  version: string;
  serialize: string;
  serializeChange: string;
  deserialize: string;
  deserializeChange: string;
  /** Instructions per record of each operation, `—` where not counted. */
  serializeInstructions: string;
  deserializeInstructions: string;
  outputBytes: string;
  peakTraced: string;
  fidelity: FidelityView;
  failure: string;
}

export interface VersionScenario {
  scenario: string;
  /** Some row has instruction counts: the table shows their columns. */
  hasInstructions: boolean;
  rows: VersionRow[];
  /** `Fastest: 2.0.0a1 (serialize and deserialize)`. */
  summary: string;
}

/** A scenario's configurations and versions, side by side. */
export interface ScenarioChoices {
  scenario: string;
  anchor: string;
  configurations: ConfigurationScenario | null;
  versions: VersionScenario | null;
}

export interface ChoicesSection {
  configurationsRun: RunRef | null;
  versionsRun: RunRef | null;
  rule: string;
  scenarios: ScenarioChoices[];
}

export interface HistorySeriesRow {
  name: string;
  legacy: boolean;
  first: string;
  latest: string;
  /** `2025-05-12 +25.1% (DataSON 0.11.2 → 0.12.0); …`, or `none`. */
  changePoints: string;
  classification: string;
}

export interface HistoryChart {
  id: string;
  title: string;
  chart: ChartView;
  /** `median time per record · 2021-11-29 → 2026-11-16 · log scale`. */
  caption: string;
  rows: HistorySeriesRow[];
}

export interface FindingRow {
  when: string;
  change: string;
  direction: "regression" | "improvement";
  /** `time`, or `instructions per record (median of layouts)` … */
  measure: string;
  series: string;
  suite: string;
  values: string;
  basis: string;
  cause: string;
  legacy: boolean;
}

export interface ShiftRow {
  date: string;
  /** `time` or `instructions`: the series the shift concerns. */
  measure: string;
  direction: string;
  change: string;
  series: string;
  cause: string;
}

export interface HistorySection {
  /** `2021-11-29 → 2026-11-16 · 260 runs (260 measured, 0 imported)`. */
  span: string;
  window: string;
  /** How the charts are drawn (down-sampling, left-out points), once for all of them. */
  chartNote: string;
  charts: HistoryChart[];
  /** Instructions per record, one chart per slot and operation with counts (own axis). */
  instructionCharts: HistoryChart[];
  /** How the instruction charts read, once for all of them; empty without them. */
  instructionNote: string;
  legacyCharts: HistoryChart[];
  /** Legacy charts left out (single-run series, or over the cap). */
  legacyOmitted: string;
  regressions: FindingRow[];
  improvements: FindingRow[];
  shifts: ShiftRow[];
  /** Environment shifts over the whole history (chart markers), in one line. */
  historyShifts: string;
}

/** A comparison row on the page: its figures (shared with the PR comment) and labels. */
export interface ComparisonRowView extends CompareRowFigures {
  verdict: string;
  tone: "bad" | "warn" | "good" | "off";
  severity: string;
  cell: string;
  gate: string;
  reason: string;
}

export interface ComparisonSection {
  path: string;
  status: string;
  tone: "bad" | "warn" | "good" | "off";
  line: string;
  context: string;
  /** Set when the comparison's current run is not the newest run shown on the page. */
  staleNote: string;
  notes: string[];
  groups: { title: string; open: boolean; rows: ComparisonRowView[] }[];
  unchanged: number;
  /** Where the instructions of each flagged instruction row went: its top functions. */
  attributions: AttributionView[];
}

export interface KeyValue {
  label: string;
  value: string;
}

export interface FingerprintSection {
  run: RunRef;
  items: KeyValue[];
  machine: KeyValue[];
  /** Library versions per environment: header + rows. */
  environments: string[];
  python: string[];
  libraries: { name: string; versions: string[] }[];
  datasets: { scenario: string; sha256: string; records: string; bytes: string; seed: string }[];
  /** Other runs the page draws from (a suite measured in a different run). */
  otherRuns: string[];
}

export interface EmptyState {
  message: string;
  steps: { command: string; why: string }[];
}

export interface ReportModel {
  title: string;
  subtitle: string;
  /** Things a reader must know first: a stale newest run, no measured run yet … */
  notices: string[];
  generated: string;
  toolVersion: string;
  nav: NavItem[];
  empty: EmptyState | null;
  problems: ProblemRow[];
  overview: Overview | null;
  latest: LatestSuite[];
  fidelity: FidelityMatrix | null;
  choices: ChoicesSection | null;
  history: HistorySection | null;
  comparison: ComparisonSection | null;
  fingerprint: FingerprintSection | null;
}
