/**
 * `run` as a pipeline: plan a run (checked options, or a journal to finish), estimate it from the
 * stored history, then measure and store it (`measureAndStore`).
 */

import { UsageError } from "../_common/errors.ts";
import type { Logger } from "../_common/logger.ts";
import type { LoadedConfig } from "../config/types.ts";
import type { DurationEstimate } from "../bench/estimate_duration.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { type JournalContents, readJournal } from "../bench/journal.ts";
import type { ScheduleEvent } from "../bench/run_schedule.ts";
import {
  checkResumable,
  estimateRun,
  optionsFromJournal,
  type PreparedRun,
  prepareRun,
  resolveRunOptions,
  type RunOptions,
} from "../bench/run_benchmark.ts";
import { listMeasuredRuns } from "../results/store.ts";
import { measureAndStore, type StoredRun } from "./measure_and_store.ts";

export interface RunRequest {
  /** What to measure; ignored when resuming (the journal says). */
  options: RunOptions;
  /** A journal (`run-….journal.jsonl`) to finish instead of starting afresh. */
  resume?: string;
  /** Results folder for the record and the journal. @default config results.dir */
  outDir?: string;
}

export interface PlannedRun {
  prepared: PreparedRun;
  estimate: DurationEstimate;
  /** The stored runs the estimate came from. */
  history: readonly MeasuredRunRecord[];
  outDir: string;
  resume?: { path: string; contents: JournalContents };
}

/** Flags that choose what a fresh run measures; a resumed run takes all of them from its journal. */
const FIXED_BY_JOURNAL: (keyof RunOptions)[] = [
  "suites",
  "scenarios",
  "targets",
  "tiers",
  "profile",
  "shard",
  "dataDir",
  "measures",
  "seed",
];
const FLAG_OF: Record<string, string> = {
  suites: "suite",
  scenarios: "scenario",
  targets: "target",
  tiers: "tier",
  profile: "profile",
  shard: "shard",
  dataDir: "data",
  measures: "measures",
  seed: "seed",
};

/** Checks the options (or reads the journal), plans the schedule and estimates the duration. */
export async function planRun(loaded: LoadedConfig, request: RunRequest): Promise<PlannedRun> {
  let prepared: PreparedRun;
  let resume: PlannedRun["resume"];
  if (request.resume !== undefined) {
    for (const key of FIXED_BY_JOURNAL) {
      if (request.options[key] !== undefined) {
        const flag = FLAG_OF[key];
        throw new UsageError(`--resume continues the journal's run: --${flag} cannot change it`, {
          hint: "drop --" + flag,
        });
      }
    }
    const contents = await readJournal(request.resume);
    // Before planning: a journal planned under another config cannot be re-planned under this one.
    checkResumable(contents.header, loaded, request.resume);
    resume = { path: request.resume, contents };
    prepared = await prepareRun(
      loaded,
      optionsFromJournal(contents.header),
      contents.header.seed,
    );
  } else {
    prepared = await prepareRun(
      loaded,
      resolveRunOptions(loaded, request.options),
      request.options.seed,
    );
  }
  const outDir = resume?.contents.header.outDir ?? request.outDir ?? loaded.config.results.dir;
  const history = await listMeasuredRuns(outDir, loaded.config.results.dir);
  return { prepared, estimate: estimateRun(prepared, history), history, outDir, resume };
}

/** Where a pipeline measures and how it reports: what `run`, `pr` and `weekly` give it. */
export interface MeasureHooks {
  cwd: string;
  env: (name: string) => string | undefined;
  log: Logger;
  signal?: AbortSignal;
  /** Stop after the cell in progress once this many minutes have passed. */
  maxMinutes?: number | null;
  onEvent?: (event: ScheduleEvent) => void;
}

export interface RunHooks extends MeasureHooks {
  onStderr?: (text: string) => void;
  /** Reports the stored record (before the check that some cell was measured). */
  onStored?: (stored: StoredRun) => void | Promise<void>;
}

/** Measures a planned run and stores its RunRecord in the plan's results folder. */
export async function measurePlannedRun(
  loaded: LoadedConfig,
  planned: PlannedRun,
  hooks: RunHooks,
): Promise<StoredRun> {
  return await measureAndStore(loaded, planned.prepared, {
    cwd: hooks.cwd,
    env: hooks.env,
    log: hooks.log,
    outDir: planned.outDir,
  }, {
    command: "run",
    signal: hooks.signal,
    deadline: deadlineOf(hooks.maxMinutes),
    resume: planned.resume,
    onEvent: hooks.onEvent,
    onStderr: hooks.onStderr,
    onStored: hooks.onStored,
    estimate: { before: planned.estimate, history: planned.history },
  });
}

/** The instant (ms since epoch) `maxMinutes` from now, or undefined for no limit. */
export function deadlineOf(maxMinutes: number | null | undefined): number | undefined {
  return maxMinutes === null || maxMinutes === undefined
    ? undefined
    : Date.now() + maxMinutes * 60_000;
}
