/**
 * Measure, then store, then check: the one sequence `run`, `pr`, `weekly` and `calibrate` share.
 * `runBenchmark()` measures a prepared run (datasets checked, environments ready, the schedule
 * measured with a journal); the RunRecord is stored (in a results folder, or where the caller
 * says); the journal goes once the record is complete; the caller reports what it wants
 * (`onStored`); then a run in which no cell could be measured fails (exit 3) with its record kept.
 * An interrupted run (Ctrl-C, SIGTERM) stores nothing and fails with exit 130, naming the journal
 * that `run --resume` finishes.
 */

import { displayPath } from "../_common/display_path.ts";
import { ExecutionError, InterruptedError } from "../_common/errors.ts";
import type { LoadedConfig } from "../config/types.ts";
import {
  type BenchmarkContext,
  type BenchmarkHooks,
  type BenchmarkRun,
  type PreparedRun,
  runBenchmark,
} from "../bench/run_benchmark.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { saveRunRecord } from "../results/store.ts";

export interface StoredRun {
  run: BenchmarkRun;
  record: MeasuredRunRecord;
  /** Where the record was stored; null when the caller's store keeps nothing. */
  path: string | null;
  /** Cells with status ok. */
  okCells: number;
}

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
}

export async function measureAndStore(
  loaded: LoadedConfig,
  prepared: PreparedRun,
  context: BenchmarkContext,
  hooks: MeasureAndStoreHooks,
): Promise<StoredRun> {
  const run = await runBenchmark(loaded, prepared, context, hooks);
  const record = run.record;
  if (record === null) {
    const journal = displayPath(run.journalPath, context.cwd);
    throw new InterruptedError(
      `${hooks.command} interrupted after ${run.processesDone} of ${run.processesPlanned} ` +
        `process(es); every finished cell is in the journal ${journal}`,
      { hint: `finish it with: datason-bench run --resume ${journal}` },
    );
  }
  const path = hooks.store === undefined
    ? await saveRunRecord(context.outDir, record)
    : await hooks.store(record);
  if (record.complete) await Deno.remove(run.journalPath).catch(() => {});
  const stored: StoredRun = { run, record, path, okCells: okCellCount(record) };
  await hooks.onStored?.(stored);
  requireMeasuredCells(record, path, context.cwd);
  return stored;
}

/** Cells of a record with status ok. */
export function okCellCount(record: MeasuredRunRecord): number {
  return record.cells.filter((c) => c.status === "ok").length;
}

/** Fails (exit 3) when a run has cells and none of them could be measured; the record is kept. */
export function requireMeasuredCells(
  record: MeasuredRunRecord,
  path: string | null,
  cwd: string,
): void {
  if (record.cells.length > 0 && okCellCount(record) === 0) {
    throw new ExecutionError(
      `no cell could be measured (${record.cells.length} cells, all failed)` +
        (path === null ? "" : `; the record was kept at ${displayPath(path, cwd)}`),
      { hint: "check the errors above; `--verbose` shows the runner's stderr" },
    );
  }
}
