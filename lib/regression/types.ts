/** The comparison result (`datason-bench/compare@1`) and its parts. */

import type { FailOn, ProcessSummary, Severity } from "../config/types.ts";
import type { CellStatus, Fidelity } from "../results/run_record.ts";
import type { DataTier, Operation } from "../_common/vocabulary.ts";

import type { LayoutEvidence } from "./compare_layouts.ts";
import { type MeasureId, MEASURES } from "./measures.ts";

export const COMPARE_SCHEMA = "datason-bench/compare@1" as const;

/**
 * - `regressed` / `improved`: significant (Holm-adjusted for gated rows) and the point estimate
 *   beyond the notice / improvement threshold;
 * - `unchanged`: the 95% CI of the change lies inside ±notice (threshold metrics: the change does;
 *   instruction counts: the change lies inside the floor, see `compare_layouts.ts`);
 * - `inconclusive`: neither — too noisy, too few processes (`underpowered`), or a small real change
 *   (instruction counts: beyond the floor but inside the spread multiple of the layouts);
 * - `broken`: status or fidelity got worse (ok → error, exact → lossy); severity fail;
 * - `missing`: in the baseline only (or now skipped/unavailable); `new`: in the current run only
 *   (or newly measurable).
 */
export type Verdict =
  | "regressed"
  | "improved"
  | "unchanged"
  | "inconclusive"
  | "broken"
  | "missing"
  | "new";
export const VERDICTS: readonly Verdict[] = [
  "broken",
  "regressed",
  "inconclusive",
  "improved",
  "new",
  "missing",
  "unchanged",
];

export type RowSeverity = Severity | "improvement";

/**
 * Time per record is judged statistically; output bytes and peak traced memory by thresholds;
 * instructions and estimated cycles per record against their layouts' spread.
 */
export type Metric = MeasureId;
export const METRICS: readonly Metric[] = MEASURES.map((m) => m.id);

export type CompareAxis = "environment" | "target";

export interface Thresholds {
  fail: number;
  warn: number;
  notice: number;
  improvement: number;
}

/**
 * The thresholds of a measure counted in several layouts (`compare.instructions`): the severity
 * thresholds (notice is the floor a change must reach) and the multiple of the layouts' spread a
 * change must exceed as well.
 */
export interface LayoutThresholds extends Thresholds {
  spreadMultiple: number;
}

/**
 * The thresholds of peak traced memory (`compare.memory`): severity thresholds (notice is the
 * relative floor), an absolute floor in bytes and the multiple of the processes' spread a change
 * must exceed (`compare_process_peaks.ts`).
 */
export interface MemoryThresholds extends Thresholds {
  floorBytes: number;
  spreadMultiple: number;
}

/** Options of a comparison; unset fields come from the config's `compare` section. */
export interface CompareOptions {
  /** Family-wise significance level across gated rows (Holm). @default config compare.alpha (0.01) */
  alpha?: number;
  /** Power for the MDE. @default config compare.power (0.8) */
  power?: number;
  /** Target patterns whose rows gate (`*` matches any run of characters). @default ["datason*"] */
  gate?: string[];
  /** Lowest gating severity that fails the comparison. @default config compare.failOn ("fail") */
  failOn?: FailOn;
  /** Severity thresholds as fractions. @default 0.25 / 0.10 / 0.05 / 0.05 */
  thresholds?: Partial<Thresholds>;
  /**
   * Thresholds of instructions and estimated cycles per record.
   * @default config compare.instructions (0.05 / 0.02 / 0.005 / 0.005, spread multiple 3)
   */
  instructions?: Partial<LayoutThresholds>;
  /**
   * Thresholds of peak traced memory.
   * @default config compare.memory (0.25 / 0.10 / 0.02 / 0.02, floor 2048 bytes, spread multiple 1)
   */
  memory?: Partial<MemoryThresholds>;
  /** Let rows whose fingerprints differ gate anyway. @default false */
  allowEnvMismatch?: boolean;
  /** The value that stands for one process. @default config compare.processSummary ("median") */
  processSummary?: ProcessSummary;
}

export interface ResolvedCompareOptions {
  alpha: number;
  power: number;
  gate: string[];
  failOn: FailOn;
  thresholds: Thresholds;
  instructions: LayoutThresholds;
  memory: MemoryThresholds;
  allowEnvMismatch: boolean;
  processSummary: ProcessSummary;
}

/** One side of a row. */
export interface CompareSide {
  runId: string;
  target: string;
  environment: string;
  status: CellStatus;
  fidelity: Fidelity | null;
  /** Median of the per-process summaries (ns per record), or the bytes of a threshold metric. */
  value: number | null;
  /** Number of processes with values. */
  n: number;
  /** Robust CV of the per-process medians (time rows). */
  cv: number | null;
}

export interface RankTestInfo {
  name: "mann-whitney" | "wilcoxon-signed-rank";
  method: "exact" | "normal";
  /** U of the current sample, or V of the paired log-ratios. */
  statistic: number;
}

export interface CompareRow {
  /**
   * `suite/scenario/target/environment/operation:metric`, with `a→b` on the compared axis; the
   * scenario is `scenario@json` for a JSON-tier row (typed rows keep the ids they always had).
   */
  id: string;
  suite: string;
  scenario: string;
  tier: DataTier;
  operation: Operation;
  /** The current side's target and environment (what gating patterns see). */
  target: string;
  environment: string;
  metric: Metric;
  verdict: Verdict;
  severity: RowSeverity | null;
  /** The target matches a gate pattern. */
  gateMatched: boolean;
  /** The row counts for the gate: pattern matched, and no fingerprint mismatch (unless allowed). */
  gated: boolean;
  baseline: CompareSide | null;
  current: CompareSide | null;
  /**
   * Set when the two sides' fidelity classes differ: then no measure is compared across them
   * (`effect`, `ci95`, `pValue` stay null) and the row says `fidelity changed: from → to`.
   */
  fidelityChange: { from: Fidelity; to: Fidelity } | null;
  /**
   * Relative change of current vs baseline: exp(shift) − 1 (threshold metrics: ratio − 1); null
   * across fidelity classes.
   */
  effect: number | null;
  /** 95% CI of the change (same scale as `effect`); null when none exists at this n. */
  ci95: [number, number] | null;
  /** Actual coverage of `ci95` (≥ 0.95 for exact intervals). */
  ciCoverage: number | null;
  /** Unadjusted two-sided p-value. */
  pValue: number | null;
  /** Holm-adjusted p-value (gated statistical rows only). */
  pAdjusted: number | null;
  /** α′: the level this row had to reach (its Holm threshold when gated, α otherwise). */
  alphaThreshold: number | null;
  /**
   * Minimum detectable change at α′ and the configured power (exp(MDE) − 1): the normal formula on
   * `noiseSdLog` for two runs, resampled from the rounds' log-ratios for paired rows; null when no
   * change could reach α′ (too few pairs) or there is no noise estimate.
   */
  mde: number | null;
  /** Even a perfect separation could not reach α′ with this many processes. */
  underpowered: boolean;
  /** Processes (per side, or pairs) that would reach α′ and an MDE within the notice threshold. */
  processesNeeded: number | null;
  /** Number of paired rounds (paired comparisons). */
  pairs: number | null;
  test: RankTestInfo | null;
  /**
   * SD of one observation (log scale): robust (1.4826·MAD) over per-process medians for two runs;
   * the sample SD of the per-round log-ratios for paired rows.
   */
  noiseSdLog: number | null;
  /** Instruction rows: how the layouts were compared (paired or not), their ratios and spread. */
  layouts?: LayoutEvidence;
  /** Ids of `environmentNotes` that affect this row. */
  environmentNotes: string[];
  /** Why this verdict, in one sentence. */
  reason: string;
  /**
   * Where the change went, function by function: on instruction rows flagged `regressed` or
   * `improved` (absent on every other row).
   */
  attribution?: RowAttribution;
}

/**
 * The functions behind a flagged instruction row: the C-level diff of the two cells' instruction
 * profiles (callgrind), and the Python-level diff of the call and line counts the PR gate's second
 * pass collects (null where it did not run: `compare`, and rows the gate does not judge).
 */
export interface RowAttribution {
  callgrind: InstructionAttribution;
  python: PythonAttribution | null;
}

/** A diff that could not be made, and why (old records, a missing profile, a failed pass). */
export interface AttributionUnavailable {
  status: "unavailable";
  reason: string;
}

/** Self instructions per record of one function (object, file, name) on both sides. */
export interface FunctionChange {
  object: string;
  file: string;
  name: string;
  /** Self instructions per record (0 where the function is not in that side's profile). */
  baseline: number;
  current: number;
  /** current − baseline. */
  change: number;
  /** `change` ÷ the cell's change (null when the cell did not change). */
  share: number | null;
  /** Inclusive instructions per record, shown beside (never summed); null where not listed. */
  inclusiveBaseline: number | null;
  inclusiveCurrent: number | null;
  /**
   * The function is listed on one side only and the other side's profile has functions under its
   * 99% cut: there its self cost lies between 0 (assumed) and `atMost` per record.
   */
  underCut: { side: "baseline" | "current"; atMost: number } | null;
}

/** What the listed functions leave of the cell's change: the rows sum to the cell's change. */
export interface RemainderChange {
  change: number;
  share: number | null;
  /** Functions of the profiles it stands for (besides the profiles' remainders under the cut). */
  functions: number;
}

export interface InstructionAttributionOk {
  status: "ok";
  /**
   * The layout whose profiles are compared, on each side: the layout whose change is closest to
   * the row's estimate (the median layout; paired runs compare one layout index on both sides).
   */
  layouts: { baseline: number; current: number };
  /** Instructions per record of the compared layouts' regions, and their difference. */
  baselineTotal: number;
  currentTotal: number;
  change: number;
  /** currentTotal ÷ baselineTotal − 1 (the row's effect is the median over layouts). */
  relativeChange: number | null;
  /** Largest |change| first; at most `ATTRIBUTION_FUNCTIONS`. */
  functions: FunctionChange[];
  everythingElse: RemainderChange;
  /** Functions in either profile. */
  functionsCompared: number;
}

export type InstructionAttribution = InstructionAttributionOk | AttributionUnavailable;

/** Calls and line events per record of one Python function on both sides. */
export interface PythonFunctionChange {
  file: string;
  name: string;
  /** First line of the function's code. */
  line: number;
  baselineCalls: number;
  currentCalls: number;
  callChange: number;
  baselineLines: number;
  currentLines: number;
  lineChange: number;
  /** `lineChange` ÷ the cell's change in line events (null when that is 0 or lines were not counted). */
  lineShare: number | null;
}

export interface PythonAttributionOk {
  status: "ok";
  /** Line events were counted (`sys.settrace`); false: calls only (`sys.setprofile`). */
  lines: boolean;
  /** The profiles compared (hashes in `<results>/profiles/`) and their totals per record. */
  baseline: { profile: string; calls: number; lines: number };
  current: { profile: string; calls: number; lines: number };
  callChange: number;
  lineChange: number;
  /** Largest |lineChange| first (then |callChange|); at most `ATTRIBUTION_FUNCTIONS`. */
  functions: PythonFunctionChange[];
  everythingElse: {
    callChange: number;
    lineChange: number;
    lineShare: number | null;
    functions: number;
  };
  functionsCompared: number;
}

export type PythonAttribution = PythonAttributionOk | AttributionUnavailable;

export interface EnvironmentNote {
  /**
   * `cpu`, `python:<env>`, `library:<env>:<name>`, `dataset:<scenario>`,
   * `instructions:<valgrind|cache|cycle-formula|cpu-flags>`, `instructions:libc:<env>`, or
   * `incomplete:<baseline|current|run>` for a run that stopped early (its rows are those of cells
   * it never reached).
   */
  id: string;
  kind: "cpu" | "python" | "library" | "dataset" | "incomplete" | "instructions";
  baseline: string | null;
  current: string | null;
  message: string;
  /**
   * The measures whose rows the note affects; absent: every measure. Instrumentation notes
   * (`instructions:…`: Valgrind, cache geometry, cycle formula, CPU flags, libc) affect only the
   * counted measures, and time keeps gating beside them.
   */
  metrics?: Metric[];
}

export type CompareStatus = "fail" | "warn" | "notice" | "pass";

export interface CompareSummary {
  /** Worst severity among gating rows; `pass` when none. */
  status: CompareStatus;
  /** True when a gating row is at or above `options.failOn`. */
  gateFailed: boolean;
  /** One line for humans: "2 regressions (1 fail) in gated cells, 3 inconclusive, 140 unchanged". */
  line: string;
  counts: Record<Verdict, number>;
  gatedRows: number;
  /** Rows that gate at or above `failOn`. */
  gatingFailures: number;
  /**
   * The measures whose rows failed the gate, in the table's order (empty when it passed); a status
   * or fidelity break is carried by the cell's first row, time's.
   */
  decidedBy: Metric[];
}

export interface CompareRunRef {
  runId: string;
  startedAt: string;
  source: string;
  gitCommit: string | null;
  /** The compared label (within-run comparisons). */
  label: string | null;
}

export interface CompareResult {
  schema: typeof COMPARE_SCHEMA;
  /** SHA-256 of the canonical JSON of the result without `id`. */
  id: string;
  mode: "runs" | "within-run";
  paired: boolean;
  axis: { axis: CompareAxis; a: string; b: string } | null;
  baseline: CompareRunRef;
  current: CompareRunRef;
  options: ResolvedCompareOptions;
  summary: CompareSummary;
  environmentNotes: EnvironmentNote[];
  rows: CompareRow[];
}
