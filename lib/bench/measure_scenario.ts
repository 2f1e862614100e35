/**
 * The unit of work of every schedule: one scenario measured in fresh runner processes of one
 * environment. `measureScenarioInProcess()` starts a process, says hello, loads the dataset and
 * measures the given cells in the given order; when the process times out or dies, the cell in
 * progress gets `timeout`/`crashed` (exit code or signal and the stderr tail kept) and a fresh
 * process takes what remains. `measureMemory()` does the same for the untimed memory requests.
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
  /** Injected slowdown for `calibrate` (see runner.py); absent = the target as it is. */
  slowdown?: number;
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
export function measureScenarioInProcess(
  env: RunnerEnvironment,
  dataset: DatasetRef,
  cells: readonly CellPlan[],
  settings: ProcessSettings,
  hooks: MeasureHooks<CellOutcome> = {},
): Promise<ProcessRun<CellOutcome>> {
  return runWithRestarts(env, dataset, cells, settings.timeoutSeconds, hooks, () => false, {
    async measure(process, cell, index) {
      const reply = await process.request(
        {
          type: "measure",
          target: cell.target,
          operation: cell.operation,
          warmups: settings.warmups,
          values: settings.values,
          minValueSeconds: settings.minValueSeconds,
          loops: cell.loops,
          ...(cell.slowdown === undefined ? {} : { slowdown: cell.slowdown }),
          ...(cell.fidelity === false ? { fidelity: false } : {}),
          ...(settings.gc === undefined ? {} : { gc: settings.gc }),
        },
        settings.timeoutSeconds,
        hooks.signal,
      );
      return cellOutcomeOf(reply, cell, index);
    },
    failed(cell, failure, index) {
      return {
        key: keyOf(cell),
        target: cell.target.id,
        operation: cell.operation,
        process: index,
        status: failure.status,
        error: failure.error,
        outputBytes: null,
        fidelity: null,
        fidelityNote: null,
      };
    },
  });
}

/**
 * Memory of each cell (untimed), in fresh processes: one per target (its serialize, then its
 * deserialize) where the runner can reset the peak RSS (Linux), else one per cell, since peak RSS
 * only grows. Cells of one target should be adjacent in `cells`.
 */
export function measureMemory(
  env: RunnerEnvironment,
  dataset: DatasetRef,
  cells: readonly Pick<CellPlan, "target" | "operation" | "key">[],
  settings: Pick<ProcessSettings, "timeoutSeconds">,
  hooks: MeasureHooks<MemoryOutcome> = {},
): Promise<ProcessRun<MemoryOutcome>> {
  return runWithRestarts(
    env,
    dataset,
    cells,
    settings.timeoutSeconds,
    hooks,
    (hello, previous, next) =>
      !hello.memory?.peakResettable || previous.target.id !== next.target.id,
    {
      async measure(process, cell, index) {
        const reply = await process.request(
          {
            type: "memory",
            target: cell.target,
            operation: cell.operation,
          },
          settings.timeoutSeconds,
          hooks.signal,
        );
        const base = {
          key: keyOf(cell),
          target: cell.target.id,
          operation: cell.operation,
          process: index,
        };
        if (reply.type === "memory") {
          return reply.status === "ok"
            ? {
              ...base,
              status: "ok",
              peakTracedBytes: reply.peakTracedBytes,
              rssDeltaBytes: reply.rssDeltaBytes,
              rssMethod: reply.rssMethod,
            }
            : { ...base, status: reply.status, error: reply.error };
        }
        return { ...base, status: "error", error: unexpectedReply(reply, "memory") };
      },
      failed(cell, failure, index) {
        return {
          key: keyOf(cell),
          target: cell.target.id,
          operation: cell.operation,
          process: index,
          status: failure.status,
          error: failure.error,
        };
      },
    },
  );
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
  /** After hello and load, before the first cell: a failure here fails every remaining cell. */
  afterLoad?(process: RunnerProcess, timeoutSeconds: number): Promise<Failure | null>;
  measure(process: RunnerProcess, item: P, processIndex: number): Promise<O>;
  failed(item: P, failure: Failure, processIndex: number): O;
}

export async function runWithRestarts<P extends { target: TargetSpec; operation: Operation }, O>(
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
  // Starting is not the target's fault: importing pandas on a busy machine may take seconds.
  const startTimeoutSeconds = Math.max(timeoutSeconds, MIN_START_TIMEOUT_SECONDS);
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
      try {
        const helloReply = await process.request(
          { type: "hello", protocol: PROTOCOL_VERSION },
          startTimeoutSeconds,
          hooks.signal,
        );
        if (helloReply.type === "hello") {
          hello = helloReply;
          run.hellos.push(helloReply);
          const loadReply = await process.request(
            {
              type: "load",
              path: dataset.path,
              limit: dataset.limit,
              ...(dataset.sha256 === null ? {} : { sha256: dataset.sha256 }),
              ...(dataset.view === undefined ? {} : { view: dataset.view }),
            },
            startTimeoutSeconds,
            hooks.signal,
          );
          if (loadReply.type === "loaded") {
            run.loaded = loadReply;
            startFailure = (await handlers.afterLoad?.(process, startTimeoutSeconds)) ?? null;
          } else {
            startFailure = { status: "error", error: unexpectedReply(loadReply, "load") };
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
        startFailure = failureOf(error, `while starting and loading ${dataset.scenario}`);
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

function cellOutcomeOf(reply: RunnerReply, cell: CellPlan, process: number): CellOutcome {
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
