/**
 * Types of the trend analysis (`analyzeTrends()`), which the `trends` command prints and the
 * report renders. Times are nanoseconds: per record (median of per-process medians) for our
 * runs, per call (the predecessor's mean) for imported ones — two metrics that never share a series.
 * Instruction series (instructions, estimated cycles per record: the median over a cell's layouts)
 * are series of their own beside the time series of the same cell, never spliced with time.
 */

import type { CellStatus } from "../results/run_record.ts";
import type { DataTier, Operation } from "../_common/vocabulary.ts";
import type { CountedMeasure, TIME_MEASURE } from "./counted_measures.ts";

export type SeriesSource = "measured" | "legacy";

/**
 * What a series measures, by its id in the table of measures (`lib/regression/measures.ts`):
 * `nsPerRecord` (time; imported series too, as the predecessor's mean per call) or a counted
 * measure (`instructionsPerRecord`, `estimatedCyclesPerRecord`; `counted_measures.ts`).
 */
export type SeriesMeasure = typeof TIME_MEASURE | CountedMeasure["id"];

/** `time` (wall time) or `instructions` (counted under Valgrind): the two kinds of series. */
export type MeasureFamily = "time" | "instructions";

export type SeriesUnit = "ns/record" | "ns/call" | "instructions/record" | "cycles/record";

/** Smallest relative change of an instruction series when the options do not say. */
export const DEFAULT_INSTRUCTION_MIN_CHANGE = 0.005;

/**
 * - `degrading`: times rise — Mann–Kendall significant at `alpha` and the Theil–Sen change over the
 *   window at least `minChange`;
 * - `improving`: the same, falling;
 * - `volatile`: no such trend, and run-to-run noise (robust CV) above `volatileCv`;
 * - `stable`: neither;
 * - `insufficient`: fewer than 5 usable points in the window.
 */
export type TrendClass = "improving" | "degrading" | "stable" | "volatile" | "insufficient";
export const TREND_CLASSES: readonly TrendClass[] = [
  "degrading",
  "improving",
  "volatile",
  "stable",
  "insufficient",
];

export interface TrendsOptions {
  /** Lookback window in days, ending at the newest run; null = the whole history. */
  days: number | null;
  /** Series filter: substrings or `*` globs over the series id and label, comma-separated. */
  metric: string | null;
  minSegment: number;
  permutations: number;
  alpha: number;
  environmentShiftFraction: number;
  /** Smallest relative change reported as a change point or a trend (0.05 = 5%). */
  minChange: number;
  /** The same for instruction series (0.005 = 0.5%). @default 0.005 */
  instructionMinChange?: number;
  /** Robust CV above which a series without a trend is `volatile`. */
  volatileCv: number;
  /** Seed of the permutation tests. */
  seed: number;
  /** Findings listed per direction. @default 10 */
  maxFindings?: number;
}

/** Versions and machine of one run, per environment. */
export interface TrendRun {
  runId: string;
  startedAt: string;
  source: SeriesSource;
  /** Predecessor file name for imported runs. */
  file: string | null;
  /** `cpuModel (runnerImage)`, null when unknown (imported runs). */
  machine: string | null;
  environments: Record<string, RunEnvironment>;
  /** What instruction counts depend on besides the code; null when the run counted none. */
  counting?: CountingEnvironment | null;
}

/**
 * The parts of a run's environment that change instruction counts without any code change: the
 * Valgrind version, the simulated cache geometry (estimated cycles), the CPU (model and feature
 * flags: the C library picks its routines by them) and the C library. Null parts are unknown.
 */
export interface CountingEnvironment {
  valgrind: string | null;
  /** `I1 32768/8/64 · D1 … · LL …`. */
  cache: string | null;
  cpuModel: string | null;
  cpuFlags: string | null;
  /** The C library per environment (`glibc 2.36`; the environment's, else the machine's). */
  libc: Record<string, string | null>;
}

export interface RunEnvironment {
  python: string | null;
  /** Benchmarked libraries and their versions (null when unknown). */
  libraries: Record<string, string | null>;
}

export interface TrendPoint {
  runId: string;
  startedAt: string;
  /** ns per record or per call; null when the cell failed (a failure is never a zero). */
  value: number | null;
  status: CellStatus;
  /** Set when the point is left out of the statistics. */
  excluded: "environment-shift" | null;
}

export type FingerprintKind =
  | "datason"
  | "library"
  | "python"
  | "machine"
  | "valgrind"
  | "cache"
  | "cpu"
  | "cpu-flags"
  | "libc";

export interface FingerprintChange {
  kind: FingerprintKind;
  /**
   * `DataSON`, the library name, `Python` or `machine`; for instruction series also `Valgrind`,
   * `cache geometry`, `CPU model`, `CPU flags` and `C library`.
   */
  name: string;
  from: string | null;
  to: string | null;
  /** 0 at the change point itself; −1/+1 when the change is one run before/after it. */
  offsetRuns: number;
}

export interface Attribution {
  changes: FingerprintChange[];
  /** `DataSON 0.12.0 → 0.13.0; Python 3.12.11 → 3.12.12`, or `no recorded cause`. */
  summary: string;
}

export interface TrendChangePoint {
  /** Index into the series' points of the first point of the new level. */
  index: number;
  runId: string;
  startedAt: string;
  previousRunId: string;
  previousStartedAt: string;
  /** Medians of the segments before and after (the series' unit). */
  before: number;
  after: number;
  /** after / before − 1 (positive = slower = regression). */
  change: number;
  direction: "regression" | "improvement";
  pValue: number;
  attribution: Attribution;
}

export interface MannKendallSummary {
  s: number;
  varS: number;
  tau: number;
  z: number;
  pValue: number;
}

export interface TrendSegment {
  /** Point indices [from, to] (inclusive) of the segment. */
  from: number;
  to: number;
  /** Median value of the segment's usable points (the series' unit). */
  median: number;
}

export interface RecentChange {
  /** Usable points in each quarter. */
  points: number;
  lastMedian: number;
  previousMedian: number;
  /** lastMedian / previousMedian − 1. */
  change: number;
}

export interface TrendSeries {
  /**
   * `suite/scenario/target/environment/operation` (`scenario@json` on the JSON tier) for time;
   * instruction series add their measure: `…/serialize:instructionsPerRecord`.
   */
  id: string;
  /**
   * `target · scenario · operation` (`scenario (JSON tier)` on that tier); instruction series add
   * their measure's label: `… · serialize · instructions/record`.
   */
  label: string;
  suite: string;
  scenario: string;
  /** One series per tier: the typed records and their JSON-tier projection never share one. */
  tier: DataTier;
  target: string;
  environment: string;
  operation: Operation;
  source: SeriesSource;
  /** The measure of the series; `measureFamily` says whether it is time or a count. */
  measure: SeriesMeasure;
  measureFamily: MeasureFamily;
  /** Median of per-process medians (time), of the layouts (counts), or the imported mean. */
  statistic: "median" | "mean";
  unit: SeriesUnit;
  /** Library the target belongs to (`datason`, `orjson` …), null for stdlib and unknown targets. */
  library: string | null;
  isDatason: boolean;
  points: TrendPoint[];
  /** Points used by the statistics (ok, not excluded). */
  usablePoints: number;
  latest: number | null;
  /** Theil–Sen slope of log(value) per day. */
  slopePerDay: number | null;
  /** exp(7 · slope) − 1. */
  changePerWeek: number | null;
  /** exp(slope · span of the window's points) − 1. */
  windowChange: number | null;
  /** The Theil–Sen line (ns) at the first and last usable point; windowChange = end / start − 1. */
  trendLine: { start: number; end: number } | null;
  mannKendall: MannKendallSummary | null;
  /** |τ| of the Mann–Kendall test. */
  strength: number | null;
  /** Robust CV of the run-to-run noise: 1.4826 · median|Δ log value| / √2. */
  volatility: number | null;
  classification: TrendClass;
  recentChange: RecentChange | null;
  changePoints: TrendChangePoint[];
  segments: TrendSegment[];
  /**
   * Instruction series: the runs at which the counting environment changed (Valgrind, cache
   * geometry, CPU, C library) within the series. Counts on the two sides are not comparable:
   * change points are searched between them, never across, and the trend statistics cover the
   * points since the last of them. Empty for time series.
   */
  environmentSteps?: EnvironmentStep[];
}

/** A level change of an instruction series at a change of its counting environment. */
export interface EnvironmentStep {
  /** Index into the series' points of the first point counted in the new environment. */
  index: number;
  runId: string;
  startedAt: string;
  /** Medians of the segments before and after, and after / before − 1. */
  before: number;
  after: number;
  change: number;
  attribution: Attribution;
}

export interface EnvironmentShift {
  runId: string;
  startedAt: string;
  source: SeriesSource;
  file: string | null;
  /**
   * The series it concerns: `time` (most time series moved together, a machine or load change),
   * or `instructions` (the counting environment changed: every instruction series of the run is
   * concerned, whether it moved or not). Absent in results written before instruction series.
   */
  measureFamily?: MeasureFamily;
  /**
   * `faster`/`slower` (time, or counts falling/rising); `unchanged` for an instruction shift at
   * which no series moved by `instructionMinChange`.
   */
  direction: "faster" | "slower" | "unchanged";
  /** Series that moved beyond their noise in that direction, out of those that could be tested. */
  seriesMoved: number;
  seriesTested: number;
  fraction: number;
  /** Median relative change of the tested series against their neighbours. */
  medianChange: number;
  /**
   * What changed in the fingerprint against the previous run of the same source (instructions:
   * against the previous run that counted instructions).
   */
  attribution: Attribution;
}

export interface TrendFinding {
  kind: "regression" | "improvement";
  /** A change point, or a significant trend in a series without change points. */
  basis: "change-point" | "trend";
  seriesId: string;
  label: string;
  suite: string;
  source: SeriesSource;
  isDatason: boolean;
  /** The measure the finding is about, and its family (time or instructions). */
  measure: SeriesMeasure;
  measureFamily: MeasureFamily;
  unit: SeriesUnit;
  /** Date of the change point, or of the window's last point for a trend. */
  date: string;
  /** First point of the trend (trends only). */
  since: string | null;
  change: number;
  before: number;
  after: number;
  attribution: Attribution | null;
}

export interface TrendsResult {
  window: { from: string | null; to: string | null; days: number | null };
  runs: TrendRun[];
  series: TrendSeries[];
  environmentShifts: EnvironmentShift[];
  findings: { regressions: TrendFinding[]; improvements: TrendFinding[] };
  counts: {
    runs: number;
    measuredRuns: number;
    legacyRuns: number;
    series: number;
    /** Of which instruction series (instructions or estimated cycles per record). */
    instructionSeries: number;
    changePoints: number;
    environmentShifts: number;
    byClass: Record<TrendClass, number>;
  };
  settings:
    & Omit<TrendsOptions, "metric" | "instructionMinChange">
    & { metric: string | null; maxFindings: number; instructionMinChange: number };
}
