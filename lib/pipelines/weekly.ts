/**
 * The scheduled pipeline as one function: setup → generate → run (the weekly suites, the weekly
 * profile) → store → compare with the previous weekly run (informational: it never gates, hosted
 * machines differ from week to week) → trends → report → move the baseline pointer. A failed step
 * is recorded and reported, never swallowed; the steps that do not depend on it still run, and
 * everything produced is kept.
 */

import { CliError, InputError } from "../_common/errors.ts";
import type { Logger } from "../_common/logger.ts";
import type { Config, LoadedConfig } from "../config/types.ts";
import { ownValue } from "../_common/own_key.ts";
import { findValgrind, ValgrindMissingError } from "../bench/valgrind/find_valgrind.ts";
import { ensureEnvironments } from "../bench/environments/ensure_environments.ts";
import { type DurationEstimate } from "../bench/estimate_duration.ts";
import { formatChange, formatDate, formatDuration } from "../_common/format.ts";
import {
  estimateRun,
  prepareRun,
  type ResolvedRunOptions,
  resolveRunOptions,
} from "../bench/run_benchmark.ts";
import type { ScheduleEvent } from "../bench/run_schedule.ts";
import { compareRuns } from "../regression/compare_runs.ts";
import { saveComparison } from "../regression/save_comparison.ts";
import { buildSite, writeSite } from "../report/site/write_site.ts";
import { baselinePointerPath, writeBaselinePointer } from "../results/baseline_pointer.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { resolveRun } from "../results/resolve_run.ts";
import { listMeasuredRuns, loadRunRecord, saveRunRecord } from "../results/store.ts";
import { analyzeTrends } from "../trends/analyze_trends.ts";
import { loadTrendRecords } from "../trends/load_trend_records.ts";
import { trendsOptions } from "../trends/trends_options.ts";
import { ensureDatasets } from "./ensure_datasets.ts";
import {
  measureAndStore,
  okCellCount,
  requireMeasuredCells,
  type RunEstimates,
} from "./measure_and_store.ts";
import { renderEstimates } from "../report/render_estimates.ts";
import { deadlineOf } from "./run.ts";

export type WeeklyStepName =
  | "setup"
  | "generate"
  | "run"
  | "compare"
  | "trends"
  | "report"
  | "baseline";

export const WEEKLY_STEPS: readonly WeeklyStepName[] = [
  "setup",
  "generate",
  "run",
  "compare",
  "trends",
  "report",
  "baseline",
];

export interface WeeklyStep {
  name: WeeklyStepName;
  status: "ok" | "failed" | "skipped";
  seconds: number;
  detail: string;
}

export interface WeeklyResult {
  schema: "datason-bench/weekly@1";
  ok: boolean;
  steps: WeeklyStep[];
  runId: string | null;
  recordPath: string | null;
  estimate: DurationEstimate | null;
  /** The estimates before the run and after its round 1, and the actual duration (seconds). */
  estimates: RunEstimates | null;
  comparison: { status: string; line: string; path: string } | null;
  site: { path: string; bytes: number } | null;
}

export interface WeeklyOptions {
  /** Override `weekly.profile`. */
  profile?: string;
  /** Override `weekly.suites`. */
  suites?: string[];
  /** Stop measuring after this many minutes (the record is then marked incomplete). */
  maxMinutes?: number | null;
  /**
   * A RunRecord measured elsewhere (CI merges its scenario shards): stored and used instead of
   * setting up, generating and measuring here.
   */
  run?: string;
}

export interface WeeklyHooks {
  signal?: AbortSignal;
  log: Logger;
  cwd: string;
  env: (name: string) => string | undefined;
  onStep?: (step: WeeklyStep, index: number, total: number) => void;
  onStepStart?: (name: WeeklyStepName, index: number, total: number) => void;
  onEvent?: (event: ScheduleEvent) => void;
  now?: () => Date;
}

class Skip extends Error {}

export async function runWeekly(
  loaded: LoadedConfig,
  options: WeeklyOptions,
  hooks: WeeklyHooks,
): Promise<WeeklyResult> {
  const config = loaded.config;
  const log = hooks.log;
  const now = hooks.now ?? (() => new Date());
  const result: WeeklyResult = {
    schema: "datason-bench/weekly@1",
    ok: true,
    steps: [],
    runId: null,
    recordPath: null,
    estimate: null,
    estimates: null,
    comparison: null,
    site: null,
  };
  const runOptions = resolveRunOptions(loaded, {
    suites: options.suites ?? config.weekly.suites,
    profile: options.profile ?? config.weekly.profile,
  });
  let record: MeasuredRunRecord | null = null;
  let previous: MeasuredRunRecord | null = null;

  const step = async (name: WeeklyStepName, body: () => Promise<string>) => {
    const index = result.steps.length + 1;
    hooks.onStepStart?.(name, index, WEEKLY_STEPS.length);
    const started = performance.now();
    let status: WeeklyStep["status"] = "ok";
    let detail: string;
    try {
      detail = await body();
    } catch (error) {
      if (error instanceof Skip) {
        status = "skipped";
        detail = error.message;
      } else {
        status = "failed";
        result.ok = false;
        detail = error instanceof CliError
          ? `${error.message}${error.hint ? ` (${error.hint})` : ""}`
          : error instanceof Error
          ? error.message
          : String(error);
      }
    }
    const done: WeeklyStep = {
      name,
      status,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      detail,
    };
    result.steps.push(done);
    hooks.onStep?.(done, index, WEEKLY_STEPS.length);
  };

  const elsewhere = options.run === undefined
    ? null
    : `the run was measured elsewhere (${options.run})`;

  await step("setup", async () => {
    if (elsewhere !== null) throw new Skip(elsewhere);
    const outcomes = await ensureEnvironments(config, runOptions.environments, log, {
      signal: hooks.signal,
    });
    const failed = outcomes.filter((o) => o.status === "failed");
    if (failed.length === outcomes.length) {
      throw failed[0].status === "failed" ? failed[0].error : new Error("no environment");
    }
    return `${outcomes.length - failed.length} of ${outcomes.length} environment(s) ready` +
      (failed.length > 0
        ? `; failed: ${failed.map((f) => f.name).join(", ")} (their cells are kept as errors)`
        : "");
  });

  await step("generate", async () => {
    if (elsewhere !== null) throw new Skip(elsewhere);
    const generated = await ensureDatasets(loaded, runOptions.scenarios, log, hooks.signal);
    const made = generated.outcomes.filter((o) => o.status === "generated").length;
    return `${runOptions.scenarios.length} dataset(s) ready (${made} generated, ${
      runOptions.scenarios.length - made
    } unchanged), seed ${config.seed}`;
  });

  await step("run", async () => {
    if (options.run !== undefined) {
      // The run was measured elsewhere (CI's scenario shards, merged): store it like our own.
      const given = await loadRunRecord(options.run);
      if (given.source !== "datason-bench") {
        throw new InputError(`--run ${options.run}: an imported legacy record is not a weekly run`);
      }
      record = given;
      result.runId = record.runId;
      result.recordPath = await saveRunRecord(config.results.dir, record);
      requireMeasuredCells(record, result.recordPath, hooks.cwd);
      return `${record.cells.length} cell(s), ${okCellCount(record)} ok, measured elsewhere ` +
        `(${options.run})` +
        (record.complete ? "" : "; the record is marked incomplete");
    }
    const history = await listMeasuredRuns(config.results.dir);
    const prepared = await prepareRun(
      loaded,
      await withoutMissingValgrind(runOptions, config, hooks),
    );
    const estimate = estimateRun(prepared, history);
    result.estimate = estimate;
    log.info(
      `weekly: suites ${
        runOptions.suites.join(", ")
      }, profile ${runOptions.profile}: ${prepared.plan.length} ` +
        `process(es); estimated ~${formatDuration(estimate.seconds)}`,
    );
    const started = Date.now();
    const stored = await measureAndStore(loaded, prepared, {
      cwd: hooks.cwd,
      env: hooks.env,
      log,
      outDir: config.results.dir,
    }, {
      command: "weekly",
      signal: hooks.signal,
      deadline: deadlineOf(options.maxMinutes),
      onEvent: hooks.onEvent,
      estimate: { before: estimate, history },
      onStored(stored) {
        record = stored.record;
        result.runId = stored.record.runId;
        result.recordPath = stored.path;
      },
    });
    result.estimates = stored.estimates;
    return `${stored.record.cells.length} cell(s), ${stored.okCells} ok, in ` +
      (stored.estimates === null
        ? formatDuration((Date.now() - started) / 1000)
        : renderEstimates(stored.estimates)) +
      (stored.resumeCommand === null
        ? ""
        : `; stopped early, the record is marked incomplete (finish it with: ${stored.resumeCommand})`);
  });

  await step("compare", async () => {
    if (record === null) throw new Skip("no new run to compare");
    const pointer = baselinePointerPath(config.baselines.dir, config.weekly.baseline);
    const exists = await Deno.stat(pointer).then(() => true, () => false);
    if (!exists) throw new Skip("no previous weekly run: nothing to compare with yet");
    const resolved = await resolveRun(config.weekly.baseline, {
      cwd: hooks.cwd,
      resultsDir: config.results.dir,
      baselinesDir: config.baselines.dir,
      what: "weekly baseline",
    });
    if (resolved.record.source !== "datason-bench") {
      throw new Skip("the weekly baseline is an imported run");
    }
    previous = resolved.record;
    // Informational: hosted machines differ week to week, so nothing here gates the pipeline.
    const comparison = compareRuns(previous, record, { ...config.compare, failOn: "never" }, {
      baseline: resolved.path,
      current: result.recordPath ?? "the new run",
    });
    const path = await saveComparison(config.results.dir, comparison);
    result.comparison = { status: comparison.summary.status, line: comparison.summary.line, path };
    return `against ${previous.startedAt.slice(0, 10)} (${
      previous.runId.slice(0, 12)
    }): ${comparison.summary.line}`;
  });

  await step("trends", async () => {
    const listing = await loadTrendRecords(config.results.dir, config.trends.days);
    const trends = analyzeTrends(
      listing.records.map((r) => r.record),
      trendsOptions(config.trends, config.seed, { days: config.trends.days, metric: null }),
    );
    for (
      const finding of [...trends.findings.regressions, ...trends.findings.improvements].slice(0, 5)
    ) {
      log.info(
        `  ${finding.kind}: ${finding.label} ${formatChange(finding.change)} ` +
          `on ${formatDate(finding.date)}`,
      );
    }
    return `${trends.counts.runs} run(s) in the last ${config.trends.days} days: ${trends.counts.series} series, ` +
      `${trends.counts.changePoints} change point(s), ${trends.counts.environmentShifts} environment shift(s), ` +
      `${trends.findings.regressions.length} regression finding(s), ${trends.findings.improvements.length} improvement finding(s)`;
  });

  await step("report", async () => {
    const site = await buildSite({ config, resultsDir: config.results.dir, now: now() });
    for (const p of site.problems) log.warn(`skipped ${p.path} (${p.kind}): ${p.reason}`);
    const written = await writeSite(site, config.report.out);
    result.site = { path: written.indexPath, bytes: written.bytes };
    return `${written.indexPath} (${
      Math.round(written.bytes / 1024)
    } KiB) from ${site.runs} run(s)`;
  });

  await step("baseline", async () => {
    if (record === null) throw new Skip("no new run: the pointer stays where it was");
    const { path } = await writeBaselinePointer(
      config.baselines.dir,
      config.weekly.baseline,
      record,
      now(),
    );
    return `${config.weekly.baseline} → ${record.runId.slice(0, 12)} (${path})`;
  });

  return result;
}

/**
 * The weekly's run options, measuring time alone when its profile counts instructions and Valgrind
 * cannot be found (macOS on Apple silicon, Windows, a machine without the package): the weekly
 * still runs, and says what was left out and how to get it.
 */
async function withoutMissingValgrind(
  options: ResolvedRunOptions,
  config: Config,
  hooks: Pick<WeeklyHooks, "env" | "log">,
): Promise<ResolvedRunOptions> {
  const measures = options.measures ??
    ownValue(config.profiles, options.profile)?.measures ?? ["time"];
  if (!measures.includes("instructions")) return options;
  try {
    await findValgrind(hooks.env);
    return options;
  } catch (error) {
    if (!(error instanceof ValgrindMissingError)) throw error;
    hooks.log.warn(
      `weekly: instructions are not counted this time: ${error.message}` +
        (error.hint ? ` (${error.hint})` : ""),
    );
    return { ...options, measures: measures.filter((m) => m !== "instructions") };
  }
}
