/** The resolved configuration: every field present, paths absolute. */

import type { DataTier, MeasureKind, Operation, ScenarioName } from "../_common/vocabulary.ts";

/** What one timing process measures in a round (see `Profile.processScope`). */
export type ProcessScope = "scenario" | "environment";

/** How an A/B run's two sides are timed against each other (see `Profile.pairing`). */
export type Pairing = "process" | "lockstep" | "duet";

export interface MeasureOverride {
  /** Measure peak memory (traced and RSS) of each cell after its timing, in its timing processes. */
  memory?: boolean;
  /** How many of a cell's timing processes (the first rounds) take its memory (default 3). */
  memoryProcesses?: number;
  /** Instruction-count settings of this scenario or suite (profiles that count instructions). */
  instructions?: InstructionOverride;
  processes?: number;
  values?: number;
  warmups?: number;
  minValueSeconds?: number;
  records?: number | null;
  timeoutSeconds?: number;
  /** Seconds of warm-ups and values one cell may take per process (at least one value). */
  maxCellSeconds?: number;
}

export interface ScenarioConfig {
  count: number;
  /** Measurement settings for this scenario on top of any profile. */
  measure?: MeasureOverride;
}

/** A profile's settings for one suite's environments, optionally per scenario. */
export interface SuiteMeasureOverride extends MeasureOverride {
  scenarios?: Partial<Record<ScenarioName, MeasureOverride>>;
}

/** Per scenario or suite: fewer records under Valgrind, or none at all. */
export interface InstructionOverride {
  /** Records counted (the first N); null = all. */
  records?: number | null;
  /** Count nothing here. */
  skip?: boolean;
  /**
   * Count only these targets here (the others keep their time); absent = every target. For a
   * scenario whose one record costs billions of simulated instructions per target.
   */
  targets?: string[];
}

/** How a profile counts instructions (Valgrind's callgrind, one process per layout). */
export interface InstructionSettings {
  /** Layouts per side (hash seed and environment size drawn from the run's seed). */
  layouts: number;
  /** Passes over the records inside the counted region. */
  passes: number;
  /** Uncounted passes before it (they fill the simulated caches). */
  warmups: number;
  /** Records counted per scenario (null = all). */
  records: number | null;
  /** A Valgrind request (start, load, one count) that runs longer kills its process. */
  timeoutSeconds: number;
  /** Valgrind processes at once (never beside a timing process). */
  concurrency: number;
  /**
   * Draw the layouts from this seed instead of the run's: every run of the profile counts in the
   * same layouts, so two runs compare layout by layout and unchanged code counts the same.
   */
  layoutSeed?: number;
}

export interface ProfileConfig {
  /** What the profile measures (default: time only). */
  measures?: MeasureKind[];
  /** Instruction-count settings; required when `measures` includes `instructions`. */
  instructions?: InstructionSettings;
  processes: number;
  values: number;
  warmups: number;
  minValueSeconds: number;
  /** Records used per scenario (null = all). */
  records: number | null;
  timeoutSeconds: number;
  /** Measure peak memory after the timing (default true). */
  memory?: boolean;
  /** How many of a cell's timing processes (the first rounds) take its memory (default 3). */
  memoryProcesses?: number;
  /**
   * Seconds of warm-ups and values one cell may take per process: a cell whose values are longer
   * gets fewer values (at least one) and no warm-up, and fewer traced memory passes. Absent: no
   * limit.
   */
  maxCellSeconds?: number;
  /**
   * What one timing process measures in a round: one (environment, scenario, tier) — the default
   * — or every scenario and tier of one environment (`environment`).
   */
  processScope?: ProcessScope;
  /**
   * How a run with two sides (`pr`, `calibrate`) times them against each other: `process` — each
   * side in a process of its own, one after the other (the default); `lockstep` — both sides'
   * processes alive at once and bound to one CPU, values taken alternately; `duet` — both sides timing at the same
   * moment, one per core (needs two free cores). Needs the `scenario` process scope.
   */
  pairing?: Pairing;
  scenarios?: Partial<Record<ScenarioName, MeasureOverride>>;
  /**
   * Settings for the environments of one suite (e.g. `versions`, whose old DataSON releases are
   * orders of magnitude slower), layered over the profile and its `scenarios`.
   */
  suites?: Record<string, SuiteMeasureOverride>;
}

export interface EnvironmentConfig {
  python: string;
  requirements: string[];
}

export interface CustomTargetConfig {
  id: string;
  module: string;
  serialize: string;
  deserialize: string;
  binary?: boolean;
  /** Extra import paths, absolute after resolution. */
  paths?: string[];
}

export interface SuiteConfig {
  description?: string;
  environments: string[];
  targets: string[];
  scenarios: ScenarioName[];
  operations: Operation[];
  /**
   * The data tiers the suite measures: the typed records, their JSON-tier projection, or both
   * (filled with `["typed"]` when a suite does not say).
   */
  tiers: DataTier[];
}

export type Severity = "fail" | "warn" | "notice";
export type FailOn = Severity | "never";
/** The `failOn` levels, as `--fail-on` lists them. */
export const FAIL_ON_LEVELS: readonly FailOn[] = ["fail", "warn", "notice", "never"];

export interface CompareConfig {
  alpha: number;
  power: number;
  gate: string[];
  failOn: FailOn;
  thresholds: { fail: number; warn: number; notice: number; improvement: number };
  /**
   * Thresholds of instructions and estimated cycles per record: a change is a regression when it
   * reaches `notice` (the floor) and exceeds `spreadMultiple` × the spread of its layouts.
   */
  /**
   * Thresholds of peak traced memory: a change is a regression when the medians of the processes
   * that took memory differ by more than the largest of `floorBytes`, `notice` × the baseline and
   * `spreadMultiple` × the processes' spread. Absent in configs written before: the defaults.
   */
  memory?: {
    fail: number;
    warn: number;
    notice: number;
    improvement: number;
    floorBytes: number;
    spreadMultiple: number;
  };
  instructions: {
    fail: number;
    warn: number;
    notice: number;
    improvement: number;
    spreadMultiple: number;
  };
  /** What stands for one process in comparisons: the median or the minimum of its values. */
  processSummary: ProcessSummary;
}

export type ProcessSummary = "median" | "min";

export interface TrendsConfig {
  days: number;
  minSegment: number;
  permutations: number;
  alpha: number;
  environmentShiftFraction: number;
  /** Smallest relative change reported as a change point or a degrading/improving trend. */
  minChange: number;
  /**
   * The same for instruction series (instructions and estimated cycles per record): their counts
   * are near-deterministic, so a change far below time's noise is real.
   */
  instructionMinChange: number;
  /** Robust CV of the run-to-run noise above which a series without a trend is volatile. */
  volatileCv: number;
}

export interface PrConfig {
  profile: string;
  targets: string[];
  scenarios: ScenarioName[];
  operations: Operation[];
}

export interface WeeklyConfig {
  profile: string;
  suites: string[];
  baseline: string;
}

export interface Config {
  seed: number;
  referenceDate: string;
  data: { dir: string };
  results: { dir: string };
  baselines: { dir: string };
  work: { dir: string };
  report: { out: string; title: string };
  scenarios: Record<ScenarioName, ScenarioConfig>;
  profile: string;
  profiles: Record<string, ProfileConfig>;
  environments: Record<string, EnvironmentConfig>;
  targets: CustomTargetConfig[];
  suites: Record<string, SuiteConfig>;
  compare: CompareConfig;
  trends: TrendsConfig;
  pr: PrConfig;
  weekly: WeeklyConfig;
}

/** A config as loaded: where it came from and its hash. */
export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file, or null for the embedded defaults. */
  path: string | null;
  /** Folder that relative paths resolved against. */
  dir: string;
  /** SHA-256 of the canonical JSON of the resolved config (paths made relative to `dir`). */
  hash: string;
}
