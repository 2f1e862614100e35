/**
 * Measure, then store, then check: the one sequence `run`, `pr`, `weekly` and `calibrate` share.
 * `runBenchmark()` measures a prepared run (datasets checked, environments ready, the schedule
 * measured with a journal); the RunRecord is stored (in a results folder, or where the caller
 * says); the caller reports what it wants (`onStored`); then a run in which no cell could be
 * measured fails (exit 3) with its record kept. An interrupted run (Ctrl-C, SIGTERM) stores nothing
 * and fails with exit 130, naming the command that finishes it (`run --resume`, with `--config`
 * when the run needs it).
 *
 * A run counts once however often it was resumed: after the record is written (atomically), the
 * incomplete records of earlier attempts of the same run are deleted (the new record names them in
 * `supersedes`, so readers skip any copy that survives elsewhere). A complete run's journal is
 * removed; an incomplete run's journal notes the record, so that the record of its resumed run
 * replaces this one in turn.
 */

import { displayPath } from "../_common/display_path.ts";
import { ExecutionError, InterruptedError } from "../_common/errors.ts";
import { parseJsonText } from "../_common/parse_json_text.ts";
import type { LoadedConfig } from "../config/types.ts";
import { appendJournalEntry } from "../bench/journal.ts";
import { resumeCommand } from "../bench/resume_command.ts";
import {
  type BenchmarkContext,
  type BenchmarkHooks,
  type BenchmarkRun,
  estimateInputOf,
  type PreparedRun,
  runBenchmark,
} from "../bench/run_benchmark.ts";
import { isNotReached } from "../results/not_reached.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { saveRunRecord } from "../results/store.ts";
import type { DurationEstimate } from "../bench/estimate_duration.ts";
import { EstimateReviser, type RunEstimates } from "../bench/revise_estimate.ts";
import { formatDuration } from "../_common/format.ts";

export interface StoredRun {
  run: BenchmarkRun;
  record: MeasuredRunRecord;
  /** Where the record was stored; null when the caller's store keeps nothing. */
  path: string | null;
  /** Cells with status ok. */
  okCells: number;
  /** The command that finishes a run stopped early (`run --resume …`); null for a complete run. */
  resumeCommand: string | null;
  /** The estimate before the run, after round 1 and the actual duration (seconds). */
  estimates: RunEstimates | null;
}

export type { RunEstimates };

export interface MeasureAndStoreHooks extends BenchmarkHooks {
  /** The command named in the interruption message (`run`, `pr`, …). */
  command: string;
  /**
   * Stores the record and returns its path (or null when nothing is kept).
   * @default saveRunRecord(context.outDir, record)
   */
  store?: (record: MeasuredRunRecord) => Promise<string | null>;
  /** Called once the record is stored, before the check that some cell was measured. */
  onStored?: (stored: StoredRun) => void | Promise<void>;
  /**
   * The estimate printed before the run and the stored runs it came from: it is estimated again
   * (and logged) from the run's own timings once round 1 is over, and both go into
   * `StoredRun.estimates` beside the actual duration.
   */
  estimate?: { before: DurationEstimate; history: readonly MeasuredRunRecord[] };
}

export async function measureAndStore(
  loaded: LoadedConfig,
  prepared: PreparedRun,
  context: BenchmarkContext,
  hooks: MeasureAndStoreHooks,
): Promise<StoredRun> {
  const started = Date.now();
  const reviser = hooks.estimate === undefined
    ? null
    : new EstimateReviser(estimateInputOf(prepared, hooks.estimate.history), started);
  const run = await runBenchmark(loaded, prepared, context, {
    ...hooks,
    onEvent(event) {
      const revised = reviser?.revise(event, Date.now());
      if (revised) {
        context.log.info(
          `after round 1 (${formatDuration(revised.firstRoundSeconds)}): ~${
            formatDuration(revised.seconds)
          } in all, from this run's own timings (estimated ~${
            formatDuration(hooks.estimate!.before.seconds)
          } before the run)`,
        );
      }
      hooks.onEvent?.(event);
    },
  });
  const actual = (Date.now() - started) / 1000;
  const record = run.record;
  const finish = resumeCommand(run.journalPath, run.configPath, context.cwd);
  if (record === null) {
    throw new InterruptedError(
      `${hooks.command} interrupted after ${run.processesDone} of ${run.processesPlanned} ` +
        `process(es); every finished cell is in the journal ${
          displayPath(run.journalPath, context.cwd)
        }`,
      { hint: `finish it with: ${finish}` },
    );
  }
  const path = hooks.store === undefined
    ? await saveRunRecord(context.outDir, record)
    : await hooks.store(record);
  await settleEarlierAttempts(run, record, path);
  const stored: StoredRun = {
    run,
    record,
    path,
    okCells: okCellCount(record),
    resumeCommand: record.complete ? null : finish,
    estimates: hooks.estimate === undefined ? null : {
      before: hooks.estimate.before.seconds,
      afterFirstRound: reviser?.revised?.seconds ?? null,
      actual,
    },
  };
  await hooks.onStored?.(stored);
  requireMeasuredCells(record, path, context.cwd);
  return stored;
}

/**
 * After the record of a run is stored: deletes the stored incomplete records it supersedes, then
 * removes the journal of a complete run, or notes the record in the journal of an incomplete one.
 */
async function settleEarlierAttempts(
  run: BenchmarkRun,
  record: MeasuredRunRecord,
  path: string | null,
): Promise<void> {
  if (path !== null) {
    for (const earlier of run.superseded) {
      if (earlier.path !== path && (await storedRunId(earlier.path)) === earlier.runId) {
        await Deno.remove(earlier.path).catch(() => {});
      }
    }
  }
  if (record.complete) {
    await Deno.remove(run.journalPath).catch(() => {});
  } else if (path !== null) {
    await appendJournalEntry(run.journalPath, { type: "record", runId: record.runId, path });
  }
}

/** The runId of the record stored at `path`, or null (gone, unreadable, not a record). */
async function storedRunId(path: string): Promise<string | null> {
  try {
    const value = parseJsonText(await Deno.readTextFile(path)) as { runId?: unknown };
    return typeof value?.runId === "string" ? value.runId : null;
  } catch {
    return null;
  }
}

/** Cells of a record with status ok. */
export function okCellCount(record: MeasuredRunRecord): number {
  return record.cells.filter((c) => c.status === "ok").length;
}

/**
 * Fails (exit 3) when a run has cells and none of them could be measured; the record is kept. A
 * run stopped at its time limit before its first cell says so instead.
 */
export function requireMeasuredCells(
  record: MeasuredRunRecord,
  path: string | null,
  cwd: string,
): void {
  if (record.cells.length === 0 || okCellCount(record) > 0) return;
  const kept = path === null ? "" : `; the record was kept at ${displayPath(path, cwd)}`;
  if (record.cells.every(isNotReached)) {
    throw new ExecutionError(
      `the run stopped at its time limit (--max-minutes) before any cell was measured${kept}`,
      { hint: "raise --max-minutes, or finish the run with the command above" },
    );
  }
  throw new ExecutionError(
    `no cell could be measured (${record.cells.length} cells, all failed)${kept}`,
    { hint: "check the errors above; `--verbose` shows the runner's stderr" },
  );
}
