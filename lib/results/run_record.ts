/**
 * RunRecord v1 (`datason-bench/run@1`): one benchmark run, stored as one JSON file named by its
 * `runId`. Every quantity carries its unit in its name; times are nanoseconds per record.
 */

import type { InstructionSettings, Pairing } from "../config/types.ts";
import { type DataTier, type Operation, tieredScenario } from "../_common/vocabulary.ts";
import type { ProcessSummaryStatistics } from "../stats/summarize_processes.ts";

export const RUN_RECORD_SCHEMA = "datason-bench/run@1";
export const RUN_RECORD_SCHEMA_VERSION = 1;

/**
 * What happened to a cell. `ok` means every process produced values. The failure statuses are
 * data, never zeros:
 * - `unsupported`: the library raised on the input;
 * - `error`: anything else went wrong inside the runner (bad target definition, fidelity check raised);
 * - `timeout`: the orchestrator killed the process after `timeoutSeconds`;
 * - `crashed`: the process died (exit code or signal kept in `error`);
 * - `skipped`: not measured on purpose (e.g. `ndarray` data without numpy in that environment);
 * - `unavailable`: the library is not installed in that environment.
 */
export type CellStatus =
  | "ok"
  | "unsupported"
  | "error"
  | "timeout"
  | "crashed"
  | "skipped"
  | "unavailable";
export const CELL_STATUSES: readonly CellStatus[] = [
  "ok",
  "unsupported",
  "error",
  "timeout",
  "crashed",
  "skipped",
  "unavailable",
];

/** Round-trip fidelity: `exact` (types and values), `lossy` (equal after JSON normalisation), … */
export type Fidelity = "exact" | "lossy" | "mismatch" | "error";
export const FIDELITIES: readonly Fidelity[] = ["exact", "lossy", "mismatch", "error"];

export interface CellError {
  type: string;
  message: string;
  /** Process exit code when the process died (`crashed`). */
  exitCode?: number | null;
  /** Signal name when the process was killed by a signal (`crashed`, `timeout`). */
  signal?: string | null;
  /** Last lines of the runner's stderr, for `crashed` and `timeout`. */
  stderrTail?: string;
}

/** Summary of a cell's per-process medians (ns per record), as `summarizeProcesses()` makes it. */
export type CellSummary = ProcessSummaryStatistics;

export type { Pairing };

/** A cell measured by this tool: raw values are always kept. */
export interface MeasuredCell {
  suite: string;
  scenario: string;
  /**
   * The data the cell measured: the typed records (`typed`) or their JSON-tier projection (`json`).
   * Records written before the JSON tier have no field; `parseRunRecord()` reads them as typed.
   */
  tier: DataTier;
  target: string;
  environment: string;
  operation: Operation;
  status: CellStatus;
  /** Loop count used by every process (calibrated in round 1), null when never measured. */
  loops: number | null;
  /** Raw values, ns per record: one array per process that produced values. */
  nsPerRecord: number[][];
  /** Round index (0-based) of each entry of `nsPerRecord`; used to pair A/B runs by round. */
  rounds: number[];
  /**
   * How the values were taken against the other side of an A/B run (`pr`, `calibrate`): absent
   * or `process` — each side in a process of its own, one after the other; `lockstep` — both
   * sides' processes alive at once, values taken alternately (A B B A …); `duet` — both sides
   * timing at the same moment, one per core. With `lockstep` and `duet`, value i of a round pairs
   * with value i of the other side's same round.
   */
  pairing?: Pairing;
  /** Bytes of the wire form of all measured records (UTF-8 bytes for text). */
  outputBytes: number | null;
  /** Records each pass went over (the first N of the dataset). */
  records?: number;
  /** Peak traced memory of one pass: the median of `peakTracedBytesPerProcess` when present. */
  peakTracedBytes: number | null;
  /**
   * RSS growth over one pass, in the process that measured memory (since memory moved into the
   * timing processes: a process that already ran the cell, so mostly what the pass keeps).
   */
  rssDeltaBytes: number | null;
  /**
   * The peak of each process that took the cell's memory (after its timing), in round order;
   * absent in records whose memory came from one fresh process.
   */
  peakTracedBytesPerProcess?: number[];
  fidelity: Fidelity | null;
  summary: CellSummary | null;
  error?: CellError;
  /**
   * Instructions per record counted under Valgrind, one value per layout (index in
   * `instructions.layouts`); absent when the run did not count this cell.
   */
  instructionsPerRecord?: number[];
  /** Estimated cycles per record from callgrind's cache events (`CYCLE_FORMULA`), per layout. */
  estimatedCyclesPerRecord?: number[];
  /** The counts behind the two measures above: raw events per layout, or why there are none. */
  instructions?: CellInstructions;
}

/**
 * A cell's instruction counts: the callgrind events of its counted region in each layout's
 * process. `status` is `ok` when every layout counted; otherwise the first failure's status and
 * `error`, with the layouts that did count still kept.
 */
export interface CellInstructions {
  status: CellStatus;
  /** Layout index of each entry of `events` (and of the per-record arrays of the cell). */
  layouts: number[];
  /** Raw events of the region per layout: Ir, Dr, Dw, I1mr, D1mr, D1mw, ILmr, DLmr, DLmw. */
  events: Record<string, number>[];
  /** Records each pass went over, and passes inside the region. */
  records: number;
  passes: number;
  /** Iterations of the injected spin per layout (calibrate's slowed copies only). */
  spin?: number[];
  /**
   * The compact instruction profile of each layout's region (per function, self and inclusive
   * instructions; `instruction_profile.ts`), by the SHA-256 its file is stored under in
   * `<results>/profiles/`; null for a layout whose profile was not kept. Absent in records made
   * before profiles were kept, and in runs that keep none (calibrate).
   */
  profiles?: (string | null)[];
  error?: CellError;
}

/** How the run counted instructions; absent when it did not. */
export interface Instrumentation {
  tool: "callgrind";
  /** Valgrind's version, e.g. "3.19.0". */
  valgrind: string;
  /** How the region is delimited: client requests from machine code, or the ffi_call toggle. */
  marker: "client-request" | "ffi-toggle";
  /** Simulated caches: [size bytes, associativity, line bytes]. */
  cache: { I1: number[]; D1: number[]; LL: number[] };
  /** The cost model of `estimatedCyclesPerRecord`. */
  cycleFormula: string;
  /** The layouts every side was counted in. */
  layouts: { index: number; hashSeed: number; paddingBytes: number }[];
}

/** A cell imported from the predecessor: aggregates only, its own metric ("mean per call"). */
export interface LegacyCell {
  suite: string;
  scenario: string;
  /** The predecessor measured typed records only. */
  tier?: "typed";
  target: string;
  environment: string;
  operation: Operation;
  status: CellStatus;
  statistic: "mean";
  /** Mean ns per call as stored by the predecessor; null when the cell failed. */
  nsPerCall: number | null;
  /** Number of timed calls behind the mean, when the file says. */
  samples: number | null;
  outputBytes?: number | null;
  error?: CellError;
}

export interface MachineFingerprint {
  os: string;
  arch: string;
  cpuModel: string | null;
  logicalCpus: number | null;
  memoryBytes: number | null;
  hostname: string | null;
  /** GitHub runner image (ImageOS/ImageVersion) when present. */
  runnerImage: string | null;
  /** glibc version (`getconf GNU_LIBC_VERSION`): it picks memcpy and friends per CPU. */
  glibc?: string | null;
  /** The CPU's feature flags (/proc/cpuinfo), sorted: instruction counts depend on them. */
  cpuFlags?: string | null;
}

export interface MeasureSettings {
  processes: number;
  values: number;
  warmups: number;
  minValueSeconds: number;
  timeoutSeconds: number;
  /** Records used per scenario (null = all). */
  records: Record<string, number | null>;
  /** Settings of each scenario after per-scenario overrides (when they differ from the above). */
  scenarios?: Record<string, ScenarioSettings>;
}

export interface ScenarioSettings {
  processes: number;
  values: number;
  warmups: number;
  minValueSeconds: number;
  timeoutSeconds: number;
  /** Records used (the first N of the dataset); null = all. */
  records: number | null;
  memory?: boolean;
  /** How many of the timing processes (the first rounds) took memory; absent: one fresh process. */
  memoryProcesses?: number;
  /** Seconds of warm-ups and values a cell could take per process; absent: no limit. */
  maxCellSeconds?: number;
  /** False when the scenario was not timed (an instructions-only profile). */
  time?: boolean;
  /**
   * How the scenario's instructions were counted; null or absent when they were not. `targets`:
   * only those targets were counted (absent: every target).
   */
  instructions?: (InstructionSettings & { targets?: string[] }) | null;
}

export interface DatasetInfo {
  seed: number;
  sha256: string;
  records: number;
  bytes: number;
  generatorVersion: string;
  /** The scenario's JSON-tier file, when the run measured that tier. */
  jsonTier?: { sha256: string; records: number; bytes: number };
}

/** How a target calls its library on each tier, as the runner describes it (hello). */
export interface AdapterInfo {
  typed: string;
  json: string;
  /** The documentation a competitor's typed-tier adapter follows. */
  docs?: string;
}

export interface LibraryInfo {
  version: string | null;
  apis: string[];
}

export interface EnvironmentInfo {
  python: string;
  implementation: string;
  executable: string | null;
  /** The C library the interpreter runs on, e.g. "glibc 2.36" (absent in older records). */
  libc?: string;
  /** Every installed distribution and its version (`pip freeze`-like). */
  freeze: Record<string, string>;
  /** Benchmarked libraries as imported inside that interpreter. */
  libraries: Record<string, LibraryInfo>;
  /** The measured targets' calls per tier (absent in records before the JSON tier). */
  adapters?: Record<string, AdapterInfo>;
}

export interface ScheduleEntry {
  round: number;
  environment: string;
  scenario: string;
  /** The data tier the process loaded; absent = typed. */
  tier?: DataTier;
  /** Cell keys `target/operation` in the order they ran in this process. */
  cells: string[];
  /** Wall time of the process (start, load, every cell), in seconds. */
  seconds?: number;
  /** `instructions` for a Valgrind process (then `layout` says which); absent = timing. */
  kind?: "time" | "instructions";
  layout?: number;
  /** Entries with the same group ran in one runner process (the `environment` process scope). */
  group?: string;
}

interface RunRecordBase {
  schema: typeof RUN_RECORD_SCHEMA;
  /** SHA-256 (hex) of the canonical JSON of the record without `runId`. */
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** False when the run stopped early (`--max-minutes`, interrupted); what finished is kept. */
  complete: boolean;
  tool: { name: string; version: string; deno: string | null };
  git: { commit: string | null; branch: string | null; dirty: boolean | null } | null;
  machine: MachineFingerprint | null;
  environments: Record<string, EnvironmentInfo>;
}

/** Why a run is incomplete (`complete: false`), for people: report and compare show `note`. */
export interface IncompleteRun {
  /** `time-limit` (`--max-minutes`). */
  reason: string;
  processesDone: number;
  processesPlanned: number;
  /** Cells the run never reached (stored as `skipped`). */
  cellsNotReached: number;
  /** One sentence starting "incomplete run:". */
  note: string;
}

export interface MeasuredRunRecord extends RunRecordBase {
  source: "datason-bench";
  config: { hash: string; profile: string; suites: string[]; measure: MeasureSettings };
  datasets: Record<string, DatasetInfo>;
  shard: { index: number; count: number } | null;
  schedule: ScheduleEntry[];
  cells: MeasuredCell[];
  /** Present when the run stopped early and was stored incomplete. */
  incomplete?: IncompleteRun;
  /** How instructions were counted, when the run counted them. */
  instrumentation?: Instrumentation;
  /**
   * Run ids of earlier, incomplete records of this same run (stored before it was resumed): this
   * record replaces them, and readers skip them so that a run counts once.
   */
  supersedes?: string[];
}

export interface LegacyRunRecord extends RunRecordBase {
  source: "legacy";
  legacy: {
    /** File name the run was imported from (first one seen when duplicates exist). */
    file: string;
    /** Predecessor schema letter (A, B, C, D, E, G, I). */
    format: string;
    datasonVersion: string | null;
    pythonVersion: string | null;
  };
  cells: LegacyCell[];
}

export type RunRecord = MeasuredRunRecord | LegacyRunRecord;

/**
 * Key of a cell inside one run: `suite/scenario/target/environment/operation`, the scenario marked
 * with its tier on the JSON tier (`competitive/api_fast@json/orjson/default/serialize`), so typed
 * cells keep the key they had before the JSON tier existed.
 */
export function cellKey(
  cell: Pick<MeasuredCell, "suite" | "scenario" | "target" | "environment" | "operation"> & {
    tier?: DataTier;
  },
): string {
  return `${cell.suite}/${
    tieredScenario(cell.scenario, cell.tier)
  }/${cell.target}/${cell.environment}/${cell.operation}`;
}

/** The tier of a cell: legacy cells and cells of older records are typed. */
export function tierOf(cell: { tier?: DataTier }): DataTier {
  return cell.tier ?? "typed";
}
