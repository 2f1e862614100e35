/**
 * `countScenarioInProcess()`: one scenario's cells counted in one runner process under callgrind,
 * in one layout. The process starts, says hello, loads the records, proves that its region marker
 * works (`count-check`: an empty region counts more than nothing, and twice a known workload about
 * twice as much), then counts each cell as one callgrind part, which is read and deleted: its event
 * totals go into the outcome and, when profiles are kept, its per-function costs into a compact
 * instruction profile stored beside the results (the outcome names it by hash). A cell
 * that crashes or hangs the process gets `crashed`/`timeout` and a fresh process takes the rest,
 * as in timing; a marker that cannot be verified makes every cell an error that names the cause.
 *
 * An injected slowdown (calibrate) is a known workload added inside the region: `spin(k)`, a loop
 * whose cost per iteration the self-check measures. The caller sizes k from the plain count of the
 * same cell in the same layout (k = f × count ÷ cost per iteration), so the slowed copy runs exactly
 * the regions its plain twin runs, in the same order, plus a share of instructions known exactly.
 */

import { join } from "node:path";
import type { CellError, CellStatus } from "../results/run_record.ts";
import type { Operation } from "../_common/vocabulary.ts";
import { type CallgrindPart, parseCallgrindOutput } from "./callgrind/parse_callgrind_output.ts";
import { compactProfile } from "./callgrind/compact_profile.ts";
import { saveProfile } from "../results/profile_store.ts";
import {
  type DatasetRef,
  type Failure,
  keyOf,
  type MeasureHooks,
  type ProcessRun,
  type RunnerEnvironment,
  runWithRestarts,
  unexpectedReply,
} from "./measure_scenario.ts";
import type { CountMarker, TargetSpec } from "./protocol.ts";
import type { RunnerProcess } from "./runner_process.ts";
import { type CallgrindEvents, eventsOf } from "./valgrind/estimated_cycles.ts";

/** A count request is given this many times its expected duration… */
export const COUNT_TIMEOUT_FACTOR = 20;
/** …and at least this long (start-up of instrumentation, the uninstrumented warm-up). */
export const COUNT_TIMEOUT_FLOOR_SECONDS = 120;

/**
 * The timeout of one count request: `COUNT_TIMEOUT_FACTOR` × the expected instructions at the
 * process's measured throughput (its self-check: instructions counted ÷ seconds taken), between
 * the floor and the profile's `timeoutSeconds`, which is also the timeout when either is unknown.
 */
export function countTimeoutSeconds(
  capSeconds: number,
  expectedInstructions: number | undefined,
  instructionsPerSecond: number | null,
): number {
  if (
    expectedInstructions === undefined || !(expectedInstructions > 0) ||
    instructionsPerSecond === null || !(instructionsPerSecond > 0)
  ) {
    return capSeconds;
  }
  const scaled = (COUNT_TIMEOUT_FACTOR * expectedInstructions) / instructionsPerSecond;
  return Math.min(capSeconds, Math.max(COUNT_TIMEOUT_FLOOR_SECONDS, scaled));
}

/** Iterations of the self-check's known workload. */
export const SELF_CHECK_ITERATIONS = 20000;
/** Twice the workload must count 2 × (1 ± this) as much. */
export const SELF_CHECK_TOLERANCE = 0.01;

export interface CountCellPlan {
  target: TargetSpec;
  operation: Operation;
  /** Instructions the region is expected to count (sizes the timeout); absent: the cap. */
  expectedInstructions?: number;
  /** Key of the outcome (default `target/operation`). */
  key?: string;
  /** Iterations of the known spin added inside the region (calibrate's slowed copies). */
  spin?: number;
}

export interface CountSettings {
  passes: number;
  warmups: number;
  /** Per request (hello, load, one count): a process that does not answer is killed. */
  timeoutSeconds: number;
}

export interface CountContext {
  marker: CountMarker;
  /** The folder callgrind writes this process's parts to (empty, one per process). */
  outDir: string;
  /** Layout index, copied into the outcomes. */
  layout: number;
  /**
   * Where each cell's compact instruction profile is kept (`<results>/profiles`), and the folders
   * written as placeholders in it (the environment's folder as `<env>`); absent: none is kept.
   */
  profiles?: { dir: string; placeholders: Record<string, string> } | null;
}

interface CountOutcomeBase {
  key: string;
  target: string;
  operation: Operation;
  process: number;
  layout: number;
}

export type CountOutcome =
  | (CountOutcomeBase & {
    status: "ok";
    events: CallgrindEvents;
    records: number;
    passes: number;
    spin: number;
    /** SHA-256 of the stored instruction profile of the region (when profiles are kept). */
    profile?: string;
    /** Bytes of that profile's file. */
    profileBytes?: number;
    /** Why no profile was kept although profiles were asked for. */
    profileError?: string;
  })
  | (CountOutcomeBase & { status: Exclude<CellStatus, "ok">; error: CellError });

/** What the self-check found: the marker's own cost and the spin's cost per iteration. */
export interface SelfCheck {
  emptyIr: number;
  spinIrPerIteration: number;
  /** (count(2n) − count(0)) ÷ (count(n) − count(0)); 2 when the region is measured. */
  ratio: number;
}

async function readPart(outDir: string, name: string): Promise<CallgrindPart> {
  const path = join(outDir, name);
  const part = parseCallgrindOutput(await Deno.readTextFile(path));
  await Deno.remove(path).catch(() => {});
  return part;
}

async function readEvents(outDir: string, name: string): Promise<CallgrindEvents> {
  const part = await readPart(outDir, name);
  return eventsOf(part.events, part.totals);
}

/** Compacts a counted region's part into its instruction profile and stores it. */
async function keepProfile(
  part: CallgrindPart,
  profiles: NonNullable<CountContext["profiles"]>,
  records: number,
  passes: number,
): Promise<{ profile: string; profileBytes: number } | { profileError: string }> {
  try {
    const saved = await saveProfile(
      profiles.dir,
      compactProfile(part, { records, passes, placeholders: profiles.placeholders }),
    );
    return { profile: saved.hash, profileBytes: saved.bytes };
  } catch (error) {
    return { profileError: error instanceof Error ? error.message : String(error) };
  }
}

/** Judges the three parts of `count-check`; a message when the region cannot be trusted. */
export function judgeSelfCheck(
  irs: readonly [number, number, number],
  n: number,
): SelfCheck | string {
  const [empty, one, two] = irs;
  if (!(empty > 0)) return "the empty region counted nothing: the marker does not reach the region";
  const single = one - empty;
  const double = two - empty;
  if (!(single > 0)) {
    return `a loop of ${n} iterations counted ${single} instructions beyond the empty region: ` +
      "the region is not what is counted";
  }
  const ratio = double / single;
  if (Math.abs(ratio - 2) > 2 * SELF_CHECK_TOLERANCE) {
    return `twice the work counted ${ratio.toFixed(4)} times as much (expected 2 ± ` +
      `${(2 * SELF_CHECK_TOLERANCE).toFixed(2)}): something else is counted with the region`;
  }
  // Every region calls the spin (0, n, 2n iterations): n more iterations cost (two − one).
  return { emptyIr: empty, spinIrPerIteration: (two - one) / n, ratio };
}

export function countScenarioInProcess(
  env: RunnerEnvironment,
  dataset: DatasetRef,
  cells: readonly CountCellPlan[],
  settings: CountSettings,
  context: CountContext,
  hooks: MeasureHooks<CountOutcome> & { onSelfCheck?: (check: SelfCheck) => void } = {},
): Promise<ProcessRun<CountOutcome>> {
  let label = 0;
  // Measured by the self-check of the process in use: instructions simulated per second.
  let throughput: number | null = null;
  // Labels of one length on every side: callgrind copies them into the process's memory.
  const nextLabel = () => `c${String(++label).padStart(4, "0")}`;
  const base = (cell: CountCellPlan, process: number) => ({
    key: keyOf(cell),
    target: cell.target.id,
    operation: cell.operation,
    process,
    layout: context.layout,
  });
  const count = async (
    process: RunnerProcess,
    cell: CountCellPlan,
    name: string,
    spin: number,
  ) =>
    await process.request(
      {
        type: "count",
        target: cell.target,
        operation: cell.operation,
        marker: context.marker,
        outDir: context.outDir,
        label: name,
        passes: settings.passes,
        warmups: settings.warmups,
        ...(spin > 0 ? { spin } : {}),
      },
      countTimeoutSeconds(settings.timeoutSeconds, cell.expectedInstructions, throughput),
      hooks.signal,
    );
  return runWithRestarts(env, dataset, cells, settings.timeoutSeconds, hooks, () => false, {
    async afterLoad(process, timeoutSeconds): Promise<Failure | null> {
      throughput = null;
      const started = performance.now();
      const reply = await process.request(
        {
          type: "count-check",
          marker: context.marker,
          outDir: context.outDir,
          n: SELF_CHECK_ITERATIONS,
        },
        timeoutSeconds,
        hooks.signal,
      );
      if (reply.type !== "count-check") {
        return { status: "error", error: unexpectedReply(reply, "count-check") };
      }
      if (reply.status !== "ok") return { status: "error", error: reply.error };
      const irs = await Promise.all(reply.parts.map((p) => readEvents(context.outDir, p)));
      const judged = judgeSelfCheck(
        [irs[0].Ir, irs[1].Ir, irs[2].Ir],
        reply.n,
      );
      if (typeof judged === "string") {
        return {
          status: "error",
          error: {
            type: "SelfCheckFailed",
            message:
              `instruction counts cannot be trusted in environment "${env.name}": ${judged} ` +
              `(marker ${context.marker})`,
          },
        };
      }
      const seconds = (performance.now() - started) / 1000;
      // Includes the requests' round trips and switching instrumentation: a low estimate.
      throughput = seconds > 0 ? (irs[0].Ir + irs[1].Ir + irs[2].Ir) / seconds : null;
      hooks.onSelfCheck?.(judged);
      return null;
    },
    async measure(process, cell, index): Promise<CountOutcome> {
      const spin = cell.spin ?? 0;
      const reply = await count(process, cell, nextLabel(), spin);
      if (reply.type !== "counted" || reply.status !== "ok") return failedCount(cell, reply, index);
      const part = await readPart(context.outDir, reply.part);
      return {
        ...base(cell, index),
        status: "ok",
        events: eventsOf(part.events, part.totals),
        records: reply.records,
        passes: reply.passes,
        spin,
        ...(context.profiles
          ? await keepProfile(part, context.profiles, reply.records, reply.passes)
          : {}),
      };
    },
    failed(cell, failure, index) {
      return { ...base(cell, index), status: failure.status, error: failure.error };
    },
  });

  function failedCount(
    cell: CountCellPlan,
    reply: Awaited<ReturnType<RunnerProcess["request"]>>,
    index: number,
  ): CountOutcome {
    if (reply.type === "counted" && reply.status !== "ok") {
      return { ...base(cell, index), status: reply.status, error: reply.error };
    }
    return { ...base(cell, index), status: "error", error: unexpectedReply(reply, "count") };
  }
}
