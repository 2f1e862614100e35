/**
 * Runner protocol v1: the JSON lines exchanged with `lib/bench/python/runner.py` (one object per
 * line each way, each with a `type`). The runner's module docstring is the reference for what each
 * request does; these types are its TypeScript mirror. Optional `id` fields are echoed back so the
 * orchestrator can tell a late reply from the current one.
 */

import type { CellError, Fidelity } from "../results/run_record.ts";
import type { DataTier, Operation } from "../_common/vocabulary.ts";

export const PROTOCOL_VERSION = 1;

/** A built-in target (`{"id": "orjson"}`) or a custom one (module and function names). */
export type TargetSpec = BuiltinTargetSpec | CustomTargetSpec;

export interface BuiltinTargetSpec {
  id: string;
}

export interface CustomTargetSpec {
  id: string;
  module: string;
  serialize: string;
  deserialize: string;
  /** Informational: the wire form is bytes rather than text. */
  binary?: boolean;
  /** Put in front of `sys.path` before the module is imported. */
  paths?: string[];
}

export interface HelloRequest {
  type: "hello";
  protocol: typeof PROTOCOL_VERSION;
  id?: number;
}

/**
 * Loads a dataset file: a typed file (`<scenario>.jsonl`) or its JSON-tier file
 * (`<scenario>.json-tier.jsonl`, header `"tier": "json"`). The tier of the loaded records decides
 * how competitors are called until the next load: their typed-tier adapters on hydrated typed
 * records, their plain APIs on JSON-native records (the JSON-tier file, or `view: "json"`).
 * DataSON, custom targets and `noop` make the same calls on both.
 */
export interface LoadRequest {
  type: "load";
  path: string;
  /** Keep only the first `limit` records (null = all). */
  limit: number | null;
  /** When given, the runner refuses a file whose SHA-256 differs. */
  sha256?: string;
  /**
   * "native" (default): typed values hydrated into Python objects. "json": records as the plain
   * JSON they are written as (typed values stay `{"__type__", "v"}` objects), which every JSON
   * library accepts — `calibrate` uses it to time json and orjson on any scenario. These records
   * are JSON-native, so they load as the `json` tier. A JSON-tier file has no typed values and
   * reads the same either way.
   */
  view?: "native" | "json";
  id?: number;
}

export interface MeasureRequest {
  type: "measure";
  target: TargetSpec;
  operation: Operation;
  warmups: number;
  values: number;
  minValueSeconds: number;
  /** Passes per value; null = calibrate so one value lasts at least `minValueSeconds`. */
  loops: number | null;
  /** Injected slowdown: the fraction of extra full passes (see runner.py). */
  slowdown?: number;
  /** Injected slowdown for `calibrate`: each value stretched by this fraction (see runner.py). */
  stretch?: number;
  /** Collector during values: enabled (default) or disabled. */
  gc?: "enabled" | "disabled";
  /** Check the round trip and count output bytes (default true; later rounds skip it). */
  fidelity?: boolean;
  /**
   * Time budget of the warm-ups and values: as many values as fit (at least one), warm-ups only
   * where room is left. Absent: all of them.
   */
  maxSeconds?: number;
  id?: number;
}

export interface MemoryRequest {
  type: "memory";
  target: TargetSpec;
  operation: Operation;
  /** Passes under tracemalloc; the peak is the smallest (default 3). */
  tracedPasses?: number;
  /** The cyclic collector during the traced passes (default disabled). */
  gc?: "enabled" | "disabled";
  /** Fewer traced passes (at least one) when they would take longer than this. */
  maxSeconds?: number;
  id?: number;
}

/** How a counted region is delimited under callgrind (see runner.py, "Instruction counts"). */
export type CountMarker = "client-request" | "ffi-toggle";

/**
 * The self-check before any count is trusted (the process runs under callgrind): an empty region,
 * `spin(n)` and `spin(2n)`, each dumped as one part into `outDir`.
 */
export interface CountCheckRequest {
  type: "count-check";
  marker: CountMarker;
  outDir: string;
  /** Spin iterations of the known workload (default 20000). */
  n?: number;
  id?: number;
}

/** Counts one cell: `passes` passes over the loaded records as one callgrind part in `outDir`. */
export interface CountRequest {
  type: "count";
  target: TargetSpec;
  operation: Operation;
  marker: CountMarker;
  outDir: string;
  /** The part's name in callgrind (`DUMP_STATS_AT`); the same length on both sides of a pair. */
  label: string;
  passes: number;
  warmups: number;
  /** Iterations of the known spin added inside the region (calibrate's injected slowdown). */
  spin?: number;
  id?: number;
}

/**
 * Which Python functions one cell's body runs (untimed): `passes` passes under `sys.settrace`
 * (`lines`, default true) or `sys.setprofile`, after `warmups` untraced passes; call and line
 * events per Python function (see runner.py, "Python-level profile").
 */
export interface PyprofileRequest {
  type: "pyprofile";
  target: TargetSpec;
  operation: Operation;
  passes: number;
  warmups: number;
  lines?: boolean;
  id?: number;
}

export interface ExitRequest {
  type: "exit";
}

/** Bind the process to the `slot`-th CPU it may run on (lockstep and duet pairs). */
export interface PinRequest {
  type: "pin";
  slot: number;
  id?: number;
}

export type RunnerRequest =
  | HelloRequest
  | LoadRequest
  | MeasureRequest
  | MemoryRequest
  | CountCheckRequest
  | CountRequest
  | PyprofileRequest
  | PinRequest
  | ExitRequest;

export interface LibraryReport {
  version: string | null;
  apis: string[];
  /** Why the import failed, when it did. */
  error?: string;
}

export type RssMethod = "vmhwm-reset" | "vmhwm" | "ru_maxrss" | "windows-peak-working-set";

export interface HelloReply {
  type: "hello";
  protocol: number;
  python: string;
  implementation: string;
  platform: string;
  executable: string | null;
  /** The C library, e.g. "glibc 2.36" (null when Python cannot tell). */
  libc?: string | null;
  libraries: Record<string, LibraryReport>;
  /** Every built-in target id: null when available, else why not. */
  targets: Record<string, string | null>;
  /**
   * How each available built-in target calls its library, per tier, e.g. `"json.dumps(x,
   * default=encode) / json.loads(s)"`; competitors also name the documentation their typed-tier
   * adapter follows (`docs`).
   */
  descriptions?: Record<string, TargetDescriptions>;
  /** Installed distributions and versions (importlib.metadata). */
  freeze: Record<string, string>;
  memory: { rssMethod: RssMethod | null; peakResettable: boolean };
  id?: number;
}

export interface TargetDescriptions {
  typed: string;
  json: string;
  docs?: string;
}

export interface LoadedReply {
  type: "loaded";
  /** Records kept (after `limit`). */
  records: number;
  /** Records in the file. */
  totalRecords: number;
  bytes: number;
  sha256: string;
  scenario: string | null;
  /** Why every cell of this dataset is skipped here (e.g. numpy missing), or null. */
  skipped: string | null;
  view?: "native" | "json";
  /** The tier of the loaded records, which decides how competitors are called. */
  tier?: DataTier;
  id?: number;
}

interface ResultCommon {
  type: "result";
  fidelity?: Fidelity | null;
  /** First difference found by the fidelity check (record index and JSON path). */
  fidelityNote?: string | null;
  outputBytes?: number | null;
  id?: number;
}

export interface ResultOkReply extends ResultCommon {
  status: "ok";
  loops: number;
  calibrated: boolean;
  nsPerRecord: number[];
  records: number;
  /** Null when the request said `"fidelity": false`. */
  fidelity: Fidelity | null;
  outputBytes: number | null;
  slowdown?: number;
  stretch?: number;
}

export interface ResultFailedReply extends ResultCommon {
  status: "unsupported" | "error" | "skipped" | "unavailable";
  error: CellError;
}

export type ResultReply = ResultOkReply | ResultFailedReply;

export type MemoryReply =
  | {
    type: "memory";
    status: "ok";
    peakTracedBytes: number;
    rssDeltaBytes: number | null;
    rssMethod: RssMethod | null;
    id?: number;
  }
  | {
    type: "memory";
    status: "unsupported" | "error" | "skipped" | "unavailable";
    error: CellError;
    id?: number;
  };

export type CountCheckReply =
  | {
    type: "count-check";
    status: "ok";
    marker: CountMarker;
    n: number;
    parts: string[];
    id?: number;
  }
  | { type: "count-check"; status: "error"; error: CellError; id?: number };

export type CountedReply =
  | {
    type: "counted";
    status: "ok";
    /** File name of the part in the request's `outDir`. */
    part: string;
    records: number;
    passes: number;
    spin: number;
    id?: number;
  }
  | {
    type: "counted";
    status: "unsupported" | "error" | "skipped" | "unavailable";
    error: CellError;
    id?: number;
  };

export type PyprofiledReply =
  | {
    type: "pyprofiled";
    status: "ok";
    records: number;
    passes: number;
    lines: boolean;
    /** "CPython 3.11.7". */
    python: string;
    /** Files relative to the `sys.path` entry they were imported from. */
    files: string[];
    /** `[file index, qualified name, first line, calls, line events]`, most line events first. */
    functions: [number, string, number, number, number][];
    other: { functions: number; calls: number; lines: number };
    id?: number;
  }
  | {
    type: "pyprofiled";
    status: "unsupported" | "error" | "skipped" | "unavailable";
    error: CellError;
    id?: number;
  };

/** The CPU the process is bound to (null: the system could not bind it) and those it could use. */
export interface PinnedReply {
  type: "pinned";
  cpu: number | null;
  cpus: number[] | null;
  note?: string;
  id?: number;
}

export interface ErrorReply {
  type: "error";
  error: CellError;
  id?: number;
}

export type RunnerReply =
  | HelloReply
  | LoadedReply
  | ResultReply
  | MemoryReply
  | CountCheckReply
  | CountedReply
  | PyprofiledReply
  | PinnedReply
  | ErrorReply;

/** The spec sent for a target id: custom targets carry their definition, built-ins only the id. */
export function targetSpecOf(
  id: string,
  custom: readonly CustomTargetSpec[],
): TargetSpec {
  const found = custom.find((t) => t.id === id);
  return found ? { ...found } : { id };
}
