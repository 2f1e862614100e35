/**
 * The unit of work of every schedule: one scenario measured in fresh runner processes of one
 * environment. `measureScenarioInProcess()` starts a process, says hello, loads the dataset and
 * measures the given cells in the given order; when the process times out or dies, the cell in
 * progress gets `timeout`/`crashed` (exit code or signal and the stderr tail kept) and a fresh
 * process takes what remains. `measureSlotsInProcess()` measures several datasets (slots) in one
 * process, each slot's memory after its timing.
 */

import { ExecutionError } from "../_common/errors.ts";
import type { CellError, CellStatus, Fidelity } from "../results/run_record.ts";
import type { Operation } from "../_common/vocabulary.ts";
import {
  type HelloReply,
  type LoadedReply,
  PROTOCOL_VERSION,
  type RssMethod,
  type RunnerReply,
  type TargetSpec,
} from "./protocol.ts";
import { RunnerFailure, type RunnerLauncher, RunnerProcess } from "./runner_process.ts";

/** hello and load get at least this long, whatever the per-request timeout. */
export const MIN_START_TIMEOUT_SECONDS = 60;

export interface RunnerEnvironment {
  /** Environment name from the config (used in messages and records). */
  name: string;
  /** Interpreter path or command. */
  python: string;
  /** Extra environment variables for the interpreter. */
  env?: Record<string, string>;
  /** A program the interpreter runs under (Valgrind for the instruction measure). */
  launcher?: RunnerLauncher;
}

export interface DatasetRef {
  scenario: string;
  /** Absolute path of the dataset file. */
  path: string;
  /** Expected SHA-256 (from the manifest); the runner refuses a different file. Null: unchecked. */
  sha256: string | null;
  /** Records used (the first N); null = all. */
  limit: number | null;
  /** How typed values are loaded (see `LoadRequest.view`); default "native". */
  view?: "native" | "json";
}

export interface CellPlan {
  target: TargetSpec;
  operation: Operation;
  /** Passes per value; null = calibrate in this process (round 1), then pass the result back. */
  loops: number | null;
  /** Injected slowdown for `calibrate`: values stretched by this fraction (see runner.py). */
  stretch?: number;
  /** Check the round trip and count output bytes (default true; once known, later rounds skip). */
  fidelity?: boolean;
  /**
   * Key of the outcome (default `target/operation`); set it when one process measures the same
   * target twice, e.g. calibrate's A side and its slowed B side.
   */
  key?: string;
}

export interface ProcessSettings {
  warmups: number;
  values: number;
  minValueSeconds: number;
  /** Per measure request: a process that does not answer within this is killed (hello and load
   * get at least `MIN_START_TIMEOUT_SECONDS`). */
  timeoutSeconds: number;
  /** Garbage collector during values (default: enabled; see runner.py). */
  gc?: "enabled" | "disabled";
  /** Seconds of warm-ups and values per cell, and of its memory passes (absent: no limit). */
  maxCellSeconds?: number;
}

export interface MeasureHooks<O> {
  signal?: AbortSignal;
  /**
   * Asked before each cell: true stops cleanly after the cell in progress (`--max-minutes`), with
   * `stopped` set in the result. The signal, by contrast, kills the process at once.
   */
  shouldStop?: () => boolean;
  /** Called after each finished cell, in run order (a journal appends here). */
  onCell?: (outcome: O) => void | Promise<void>;
  /** Receives the runners' stderr as it arrives. */
  onStderr?: (text: string) => void;
}

interface OutcomeBase {
  /** The plan's `key`, else `target/operation`. */
  key: string;
  target: string;
  operation: Operation;
  /** Index (0-based) of the process, among those this call started, that produced the outcome. */
  process: number;
}

export interface CellOutcomeOk extends OutcomeBase {
  status: "ok";
  loops: number;
  /** True when this process calibrated `loops` (the plan had none). */
  calibrated: boolean;
  nsPerRecord: number[];
  records: number;
  outputBytes: number | null;
  /** Null when the plan skipped the check. */
  fidelity: Fidelity | null;
  fidelityNote: string | null;
}

export interface CellOutcomeFailed extends OutcomeBase {
  status: Exclude<CellStatus, "ok">;
  error: CellError;
  outputBytes: number | null;
  fidelity: Fidelity | null;
  fidelityNote: string | null;
}

export type CellOutcome = CellOutcomeOk | CellOutcomeFailed;

export type MemoryOutcome =
  | (OutcomeBase & {
    status: "ok";
    peakTracedBytes: number;
    rssDeltaBytes: number | null;
    rssMethod: RssMethod | null;
  })
  | (OutcomeBase & { status: Exclude<CellStatus, "ok">; error: CellError });

export interface ProcessRun<O> {
  /** One per cell that finished, in run order. */
  outcomes: O[];
  /** The hello of every process that answered it. */
  hellos: HelloReply[];
  /** The last successful load reply. */
  loaded: LoadedReply | null;
  /** Processes started. */
  processes: number;
  /** The signal fired: the process was killed and `outcomes` holds what finished before. */
  aborted: boolean;
  /** `shouldStop` said stop: the cells after the last outcome were not measured. */
  stopped: boolean;
}

/** Measures `cells` of one scenario in a fresh process (more when one dies or hangs). */
export async function measureScenarioInProcess(
  env: RunnerEnvironment,
  dataset: DatasetRef,
  cells: readonly CellPlan[],
  settings: ProcessSettings,
  hooks: MeasureHooks<CellOutcome> = {},
): Promise<ProcessRun<CellOutcome>> {
  const run = await measureSlotsInProcess(
    env,
    [{ dataset, cells, settings, memory: false }],
    {
      signal: hooks.signal,
      shouldStop: hooks.shouldStop,
      onStderr: hooks.onStderr,
      onCell: (_slot, outcome) => hooks.onCell?.(outcome),
    },
  );
  return { ...run, outcomes: run.outcomes.flatMap((o) => o.kind === "time" ? [o.outcome] : []) };
}

/** One dataset's share of a process: its cells, how they are timed, and whether memory follows. */
export interface SlotPlan {
  dataset: DatasetRef;
  cells: readonly CellPlan[];
  settings: ProcessSettings;
  /** After the slot's timing, the memory of each of its cells in the same process. */
  memory: boolean;
}

/** How memory is taken (see runner.py's `memory`): passes under tracemalloc, collector off. */
export const MEMORY_TRACED_PASSES = 3;

export type SlotOutcome =
  | { kind: "time"; slot: number; outcome: CellOutcome }
  | { kind: "memory"; slot: number; outcome: MemoryOutcome };

export interface SlotHooks extends Omit<MeasureHooks<SlotOutcome>, "onCell"> {
  onCell?: (slot: number, outcome: CellOutcome) => void | Promise<void>;
  onMemory?: (slot: number, outcome: MemoryOutcome) => void | Promise<void>;
}

interface SlotItem {
  kind: "time" | "memory";
  slot: number;
  cell: CellPlan;
  target: TargetSpec;
  operation: Operation;
  dataset: DatasetRef;
}

/**
 * Measures several slots (datasets) one after the other in a fresh process — more when one dies
 * or hangs: each slot's cells are timed in the given order, then, when the slot asks for memory,
 * each of its timed cells gets a memory request in the same process (never during timing: the
 * memory passes come after every value of the slot). A cell that failed its timing gets none.
 */
export function measureSlotsInProcess(
  env: RunnerEnvironment,
  slots: readonly SlotPlan[],
  hooks: SlotHooks = {},
): Promise<ProcessRun<SlotOutcome>> {
  const items: SlotItem[] = [];
  slots.forEach((slot, index) => {
    for (const cell of slot.cells) {
      items.push({
        kind: "time",
        slot: index,
        cell,
        target: cell.target,
        operation: cell.operation,
        dataset: slot.dataset,
      });
    }
    if (!slot.memory) return;
    for (const cell of slot.cells) {
      items.push({
        kind: "memory",
        slot: index,
        cell,
        target: cell.target,
        operation: cell.operation,
        dataset: slot.dataset,
      });
    }
  });
  const timedOk = new Set<string>();
  const itemKey = (item: SlotItem) => `${item.slot}\u0000${keyOf(item.cell)}`;
  const timeout = Math.max(0, ...slots.map((s) => s.settings.timeoutSeconds));
  return runWithRestarts<SlotItem, SlotOutcome>(
    env,
    slots[0]?.dataset ?? { scenario: "", path: "", sha256: null, limit: null },
    items,
    timeout,
    {
      signal: hooks.signal,
      shouldStop: hooks.shouldStop,
      onStderr: hooks.onStderr,
      onCell: async (outcome) => {
        if (outcome.kind === "time") {
          if (outcome.outcome.status === "ok") {
            timedOk.add(`${outcome.slot}\u0000${outcome.outcome.key}`);
          }
          await hooks.onCell?.(outcome.slot, outcome.outcome);
        } else {
          await hooks.onMemory?.(outcome.slot, outcome.outcome);
        }
      },
    },
    () => false,
    {
      async measure(process, item, index): Promise<SlotOutcome> {
        const settings = slots[item.slot].settings;
        if (item.kind === "time") {
          const reply = await process.request(
            {
              type: "measure",
              target: item.cell.target,
              operation: item.cell.operation,
              warmups: settings.warmups,
              values: settings.values,
              minValueSeconds: settings.minValueSeconds,
              loops: item.cell.loops,
              ...(item.cell.stretch === undefined ? {} : { stretch: item.cell.stretch }),
              ...(item.cell.fidelity === false ? { fidelity: false } : {}),
              ...(settings.gc === undefined ? {} : { gc: settings.gc }),
              ...(settings.maxCellSeconds === undefined
                ? {}
                : { maxSeconds: settings.maxCellSeconds }),
            },
            settings.timeoutSeconds,
            hooks.signal,
          );
          return { kind: "time", slot: item.slot, outcome: cellOutcomeOf(reply, item.cell, index) };
        }
        const base = {
          key: keyOf(item.cell),
          target: item.cell.target.id,
          operation: item.cell.operation,
          process: index,
        };
        if (!timedOk.has(itemKey(item))) {
          return {
            kind: "memory",
            slot: item.slot,
            outcome: {
              ...base,
              status: "skipped",
              error: { type: "NotTimed", message: "its timing failed in this process" },
            },
          };
        }
        const outcome = await requestMemory(process, item.cell, settings, index, hooks.signal);
        return { kind: "memory", slot: item.slot, outcome };
      },
      failed(item, failure, index): SlotOutcome {
        const base = {
          key: keyOf(item.cell),
          target: item.cell.target.id,
          operation: item.cell.operation,
          process: index,
          status: failure.status,
          error: failure.error,
        };
        return item.kind === "time"
          ? {
            kind: "time",
            slot: item.slot,
            outcome: { ...base, outputBytes: null, fidelity: null, fidelityNote: null },
          }
          : { kind: "memory", slot: item.slot, outcome: base };
      },
    },
  );
}

/** The memory of one timed cell in the process that timed it (see runner.py's `memory`). */
export async function requestMemory(
  process: RunnerProcess,
  cell: CellPlan,
  settings: ProcessSettings,
  processIndex: number,
  signal?: AbortSignal,
): Promise<MemoryOutcome> {
  const base = {
    key: keyOf(cell),
    target: cell.target.id,
    operation: cell.operation,
    process: processIndex,
  };
  const reply = await process.request(
    {
      type: "memory",
      target: cell.target,
      operation: cell.operation,
      tracedPasses: MEMORY_TRACED_PASSES,
      gc: "disabled",
      ...(settings.maxCellSeconds === undefined ? {} : { maxSeconds: settings.maxCellSeconds }),
    },
    settings.timeoutSeconds,
    signal,
  );
  return reply.type === "memory"
    ? reply.status === "ok"
      ? {
        ...base,
        status: "ok",
        peakTracedBytes: reply.peakTracedBytes,
        rssDeltaBytes: reply.rssDeltaBytes,
        rssMethod: reply.rssMethod,
      }
      : { ...base, status: reply.status, error: reply.error }
    : { ...base, status: "error", error: unexpectedReply(reply, "memory") };
}

/** Starts one runner, says hello and returns the reply (environment info); closes the process. */
export async function probeEnvironment(
  env: RunnerEnvironment,
  timeoutSeconds: number,
  hooks: Pick<MeasureHooks<never>, "signal" | "onStderr"> = {},
): Promise<HelloReply> {
  const process = await RunnerProcess.start({
    python: env.python,
    label: `environment "${env.name}"`,
    env: env.env,
    onStderr: hooks.onStderr,
  });
  try {
    const reply = await process.request(
      { type: "hello", protocol: PROTOCOL_VERSION },
      Math.max(timeoutSeconds, MIN_START_TIMEOUT_SECONDS),
      hooks.signal,
    );
    if (reply.type !== "hello") {
      throw new ExecutionError(
        `the runner in environment "${env.name}" (${env.python}) did not answer hello: ${
          JSON.stringify(reply).slice(0, 300)
        }`,
      );
    }
    return reply;
  } catch (error) {
    if (!(error instanceof RunnerFailure) || error.kind === "aborted") throw error;
    const tail = error.stderrTail.trim().split("\n").slice(-8).join("\n  ");
    throw new ExecutionError(
      `the runner did not start in environment "${env.name}" with "${env.python}": ${error.message}` +
        (tail ? `\n  ${tail}` : ""),
      { hint: "the runner needs CPython or PyPy 3.8 or newer; run `datason-bench setup`" },
    );
  } finally {
    await process.close();
  }
}

export interface Failure {
  status: Exclude<CellStatus, "ok">;
  error: CellError;
}

export interface CellHandlers<P, O> {
  /**
   * After hello and the process's first load, before its first cell: a failure here fails every
   * remaining cell.
   */
  afterLoad?(process: RunnerProcess, timeoutSeconds: number): Promise<Failure | null>;
  measure(process: RunnerProcess, item: P, processIndex: number): Promise<O>;
  failed(item: P, failure: Failure, processIndex: number): O;
}

/** An item of `runWithRestarts`: a cell, and the dataset it runs on when not the call's own. */
export interface RunItem {
  target: TargetSpec;
  operation: Operation;
  /** The dataset this item runs on (default: the call's); a change of dataset is a `load`. */
  dataset?: DatasetRef;
}

function sameDataset(a: DatasetRef, b: DatasetRef): boolean {
  return a.path === b.path && a.limit === b.limit && (a.view ?? "native") === (b.view ?? "native");
}

/**
 * Runs `items` in order in one runner process, loading each item's dataset when it differs from
 * the one loaded; a process that dies or hangs fails the item in progress and a fresh process
 * takes the rest. A dataset that cannot be loaded fails its items; the process goes on with the
 * next dataset.
 */
export async function runWithRestarts<P extends RunItem, O>(
  env: RunnerEnvironment,
  dataset: DatasetRef,
  items: readonly P[],
  timeoutSeconds: number,
  hooks: MeasureHooks<O>,
  /** True when `next` needs a fresh process although `previous` finished normally. */
  freshBefore: (hello: HelloReply, previous: P, next: P) => boolean,
  handlers: CellHandlers<P, O>,
): Promise<ProcessRun<O>> {
  const run: ProcessRun<O> = {
    outcomes: [],
    hellos: [],
    loaded: null,
    processes: 0,
    aborted: false,
    stopped: false,
  };
  const finish = async (outcome: O) => {
    run.outcomes.push(outcome);
    await hooks.onCell?.(outcome);
  };
  const datasetOf = (item: P) => item.dataset ?? dataset;
  // Starting is not the target's fault: importing pandas on a busy machine may take seconds.
  const startTimeoutSeconds = Math.max(timeoutSeconds, MIN_START_TIMEOUT_SECONDS);
  const load = async (process: RunnerProcess, wanted: DatasetRef): Promise<Failure | null> => {
    const loaded = await loadDataset(process, wanted, startTimeoutSeconds, hooks.signal);
    if ("status" in loaded) return loaded;
    run.loaded = loaded;
    return null;
  };
  let next = 0;
  while (next < items.length) {
    if (hooks.signal?.aborted) {
      run.aborted = true;
      return run;
    }
    if (hooks.shouldStop?.()) {
      run.stopped = true;
      return run;
    }
    const process = await RunnerProcess.start({
      python: env.python,
      label: `environment "${env.name}"`,
      env: env.env,
      launcher: env.launcher,
      onStderr: hooks.onStderr,
    });
    const processIndex = run.processes++;
    try {
      let startFailure: Failure | null = null;
      let hello: HelloReply | null = null;
      let loaded: DatasetRef = datasetOf(items[next]);
      try {
        const helloReply = await process.request(
          { type: "hello", protocol: PROTOCOL_VERSION },
          startTimeoutSeconds,
          hooks.signal,
        );
        if (helloReply.type === "hello") {
          hello = helloReply;
          run.hellos.push(helloReply);
          startFailure = await load(process, loaded);
          if (startFailure === null) {
            startFailure = (await handlers.afterLoad?.(process, startTimeoutSeconds)) ?? null;
          }
        } else {
          startFailure = { status: "error", error: unexpectedReply(helloReply, "hello") };
        }
      } catch (error) {
        if (!(error instanceof RunnerFailure)) throw error;
        if (error.kind === "aborted") {
          run.aborted = true;
          return run;
        }
        startFailure = failureOf(error, `while starting and loading ${loaded.scenario}`);
      }
      if (startFailure !== null || hello === null) {
        // Whatever broke the start would break it again: the remaining cells share the failure.
        const failure = startFailure ?? { status: "error", error: { type: "Error", message: "" } };
        for (; next < items.length; next++) {
          await finish(handlers.failed(items[next], failure, processIndex));
        }
        break;
      }
      let restart = false;
      while (next < items.length && !restart) {
        if (hooks.shouldStop?.()) {
          run.stopped = true;
          return run;
        }
        const item = items[next];
        let outcome: O;
        try {
          const wanted = datasetOf(item);
          if (!sameDataset(wanted, loaded)) {
            loaded = wanted;
            const failure = await load(process, wanted);
            if (failure !== null) {
              // The dataset cannot be loaded: its items fail, the process goes on.
              while (next < items.length && sameDataset(datasetOf(items[next]), wanted)) {
                await finish(handlers.failed(items[next++], failure, processIndex));
              }
              continue;
            }
          }
          outcome = await handlers.measure(process, item, processIndex);
        } catch (error) {
          if (!(error instanceof RunnerFailure)) throw error;
          if (error.kind === "aborted") {
            run.aborted = true;
            return run;
          }
          outcome = handlers.failed(
            item,
            failureOf(error, `while measuring ${item.target.id}/${item.operation}`),
            processIndex,
          );
          restart = true;
        }
        next++;
        await finish(outcome);
        if (next < items.length && freshBefore(hello, item, items[next])) restart = true;
      }
    } finally {
      await process.close();
    }
  }
  return run;
}

/** Loads a dataset into a started runner: the loaded reply, or the failure to report. */
export async function loadDataset(
  process: RunnerProcess,
  dataset: DatasetRef,
  timeoutSeconds: number,
  signal?: AbortSignal,
): Promise<LoadedReply | Failure> {
  const reply = await process.request(
    {
      type: "load",
      path: dataset.path,
      limit: dataset.limit,
      ...(dataset.sha256 === null ? {} : { sha256: dataset.sha256 }),
      ...(dataset.view === undefined ? {} : { view: dataset.view }),
    },
    timeoutSeconds,
    signal,
  );
  return reply.type === "loaded"
    ? reply
    : { status: "error", error: unexpectedReply(reply, "load") };
}

export function failureOf(error: RunnerFailure, context: string): Failure {
  const status = error.kind === "timeout"
    ? "timeout"
    : error.kind === "crashed"
    ? "crashed"
    : "error";
  return {
    status,
    error: {
      type: status === "timeout" ? "Timeout" : status === "crashed" ? "Crashed" : "ProtocolError",
      message: `${error.message} ${context}`,
      exitCode: error.exitCode,
      signal: error.signal,
      stderrTail: error.stderrTail,
    },
  };
}

export function unexpectedReply(reply: RunnerReply, request: string): CellError {
  if (reply.type === "error") return reply.error;
  return {
    type: "ProtocolError",
    message: `unexpected ${reply.type} reply to ${request}: ${JSON.stringify(reply).slice(0, 300)}`,
  };
}

/** `plan.key`, else `target/operation`. */
export function keyOf(plan: Pick<CellPlan, "target" | "operation" | "key">): string {
  return plan.key ?? `${plan.target.id}/${plan.operation}`;
}

export function cellOutcomeOf(
  reply: RunnerReply,
  cell: CellPlan,
  process: number,
): CellOutcome {
  const base = { key: keyOf(cell), target: cell.target.id, operation: cell.operation, process };
  if (reply.type !== "result") {
    return {
      ...base,
      status: "error",
      error: unexpectedReply(reply, "measure"),
      outputBytes: null,
      fidelity: null,
      fidelityNote: null,
    };
  }
  if (reply.status === "ok") {
    return {
      ...base,
      status: "ok",
      loops: reply.loops,
      calibrated: reply.calibrated,
      nsPerRecord: reply.nsPerRecord,
      records: reply.records,
      outputBytes: reply.outputBytes ?? null,
      fidelity: reply.fidelity,
      fidelityNote: reply.fidelityNote ?? null,
    };
  }
  return {
    ...base,
    status: reply.status,
    error: reply.error,
    outputBytes: reply.outputBytes ?? null,
    fidelity: reply.fidelity ?? null,
    fidelityNote: reply.fidelityNote ?? null,
  };
}
