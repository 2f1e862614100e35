/** `datason-bench run`: measures suites on an interleaved schedule and stores a RunRecord. */

import { resolve } from "node:path";
import type { Command, CommandContext, FlagValues } from "../cli/command.ts";
import { ExecutionError, EXIT_OK, UsageError } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { scheduleEventLog } from "../cli/schedule_event_log.ts";
import { formatDuration } from "../_common/format.ts";
import { readJournal } from "../bench/journal.ts";
import { renderRunTable } from "../report/render_run_table.ts";
import {
  estimateLine as estimateText,
  renderPlan,
  runSummaryLine,
} from "../report/render_run_plan.ts";
import {
  estimateRun,
  optionsFromJournal,
  plannedMeasurements,
  type PreparedRun,
  prepareRun,
  resolveRunOptions,
  runBenchmark,
  type RunOptions,
} from "../bench/run_benchmark.ts";
import { runWarnings } from "../bench/run_warnings.ts";
import { parseExportFlags, writeExports } from "../report/write_exports.ts";
import { listMeasuredRuns, saveRunRecord } from "../results/store.ts";
import { displayPath } from "../_common/display_path.ts";

export const runCommand: Command = {
  name: "run",
  summary: "Measure suites on an interleaved schedule and store a RunRecord",
  description:
    "Checks the datasets against their manifest and makes the suites' environments ready (building\n" +
    "missing ones), prints an estimate of the duration, then measures: `processes` rounds, each\n" +
    "with one fresh runner process per (environment, scenario) in a seeded order (environments of\n" +
    "a scenario back to back, AB/BA for two), cells in a seeded order per process, loops calibrated\n" +
    "in round 1; then memory in fresh processes. Every finished cell is appended to a journal next\n" +
    "to the results, so Ctrl-C, SIGTERM or a crash lose nothing: `--resume JOURNAL` finishes the\n" +
    "run. `--max-minutes` stops after the cell in progress and writes what finished, marked\n" +
    "incomplete. Exits 2 for bad input (a dataset missing or differing from its manifest: run\n" +
    "`generate`), 3 when Python cannot be started, no cell could be measured, or the run was\n" +
    "interrupted.",
  flags: {
    suite: {
      type: "string",
      multiple: true,
      valueName: "A,B",
      description: "Suites to run: competitive, configurations, versions … (default: competitive)",
    },
    scenario: {
      type: "string",
      multiple: true,
      valueName: "A,B",
      description: "Only these scenarios (comma-separated or repeated; default: the suites')",
    },
    target: {
      type: "string",
      multiple: true,
      valueName: "A,B",
      description: "Only these targets, built-in or custom (default: the suites')",
    },
    profile: {
      type: "string",
      valueName: "NAME",
      description: "Measurement profile: quick, pr, default or your own (default: config.profile)",
    },
    shard: {
      type: "string",
      valueName: "I/N",
      description: "Only the I-th of N scenario shards (for CI matrices; join with `merge`)",
    },
    data: {
      type: "string",
      valueName: "DIR",
      description: "Folder with the datasets and manifest.json (default: data.dir of the config)",
    },
    out: {
      type: "string",
      valueName: "DIR",
      description: "Results folder the RunRecord and the journal go to (default: results.dir)",
    },
    "dry-run": {
      type: "boolean",
      description: "Print the plan and the duration estimate only; measure nothing",
    },
    "max-minutes": {
      type: "string",
      valueName: "N",
      description: "Stop after the cell in progress once N minutes have passed; keep what finished",
    },
    resume: {
      type: "string",
      valueName: "JOURNAL",
      description: "Finish an interrupted run from its journal (run-….journal.jsonl)",
    },
    export: {
      type: "string",
      multiple: true,
      valueName: "KIND=FILE",
      description:
        "Also write bmf=FILE (Bencher Metric Format) or gab=FILE (github-action-benchmark)",
    },
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench run --profile quick",
    "datason-bench run --suite competitive,configurations,versions --dry-run",
    "datason-bench run --scenario api_fast --target datason,orjson,json --profile pr",
    "datason-bench run --shard 2/5 --out shard-results",
    "datason-bench run --resume data/results/run-20261123T020000Z.journal.jsonl",
  ],
  async run(ctx) {
    const loaded = await ctx.loadConfig();
    const resumePath = typeof ctx.flags.resume === "string"
      ? resolve(ctx.io.cwd, ctx.flags.resume)
      : null;
    const maxMinutes = parseMaxMinutes(ctx.flags["max-minutes"]);
    const exports = parseExportFlags(ctx.flags.export as string[] | undefined, ctx.io.cwd);
    let prepared: PreparedRun;
    let resume;
    if (resumePath !== null) {
      for (const flag of ["suite", "scenario", "target", "profile", "shard", "data"]) {
        if (ctx.flags[flag] !== undefined) {
          throw new UsageError(`--resume continues the journal's run: --${flag} cannot change it`, {
            hint: "drop --" + flag,
          });
        }
      }
      const contents = await readJournal(resumePath);
      resume = { path: resumePath, contents };
      prepared = await prepareRun(
        loaded,
        optionsFromJournal(contents.header),
        contents.header.seed,
      );
    } else {
      prepared = await prepareRun(
        loaded,
        resolveRunOptions(loaded, runOptionsFromFlags(ctx.flags, ctx.io.cwd)),
      );
    }
    const options = prepared.options;
    const outDir = resume !== undefined
      ? resume.contents.header.outDir
      : typeof ctx.flags.out === "string"
      ? resolve(ctx.io.cwd, ctx.flags.out)
      : loaded.config.results.dir;

    const history = await listMeasuredRuns(outDir, loaded.config.results.dir);
    const estimate = estimateRun(prepared, history);
    const summaryLine = runSummaryLine(prepared);
    const estimateLine = estimateText(estimate, prepared.datasetsKnown);

    if (ctx.flags["dry-run"] === true) {
      if (ctx.global.format === "json") {
        writeJsonDocument(ctx.io, {
          schema: "datason-bench/run-plan@1",
          suites: options.suites,
          profile: options.profile,
          shard: options.shard,
          scenarios: options.scenarios,
          environments: options.environments,
          settings: prepared.settings,
          records: prepared.records,
          cells: prepared.cells.map((c) => ({
            environment: c.environment,
            scenario: c.scenario,
            target: c.target.id,
            operation: c.operation,
            suites: c.suites,
          })),
          processes: prepared.plan.length,
          estimate,
        });
      } else {
        ctx.io.stdout(renderPlan(prepared, summaryLine, estimateLine));
      }
      return EXIT_OK;
    }

    ctx.log.info(`run: ${summaryLine}`);
    ctx.log.info(
      estimateLine + (maxMinutes === null ? "" : `; stopping after ${maxMinutes} min at most`),
    );
    if (resume) {
      ctx.log.info(
        `resuming ${displayPath(resume.path, ctx.io.cwd)}: ${
          resume.contents.entries.filter((e) => e.type === "process").length
        } process(es) already done`,
      );
    }
    const started = Date.now();
    const events = scheduleEventLog(ctx.io, ctx.log, {
      totalCells: plannedMeasurements(prepared),
      quiet: ctx.global.quiet,
      showEnvironment: options.environments.length > 1,
    });
    const run = await runBenchmark(loaded, prepared, {
      cwd: ctx.io.cwd,
      env: ctx.io.env,
      log: ctx.log,
      outDir,
    }, {
      signal: ctx.signal,
      deadline: maxMinutes === null ? undefined : started + maxMinutes * 60_000,
      resume,
      onStderr: ctx.global.verbose ? (text) => ctx.log.debug(text.trimEnd()) : undefined,
      onEvent: events.onEvent,
    });
    events.done();
    const elapsed = (Date.now() - started) / 1000;
    if (run.record === null) {
      throw new ExecutionError(
        `run interrupted after ${run.processesDone} of ${run.processesPlanned} process(es); ` +
          `every finished cell is in the journal ${displayPath(run.journalPath, ctx.io.cwd)}`,
        {
          hint: `finish it with: datason-bench run --resume ${
            displayPath(run.journalPath, ctx.io.cwd)
          }`,
        },
      );
    }
    const path = await saveRunRecord(outDir, run.record);
    if (run.record.complete) {
      await Deno.remove(run.journalPath).catch(() => {});
    } else {
      ctx.log.warn(
        `stopped after ${maxMinutes} min: ${run.processesDone} of ${run.processesPlanned} process(es) ` +
          `finished; the record is marked incomplete. Finish it with: datason-bench run --resume ${
            displayPath(run.journalPath, ctx.io.cwd)
          }`,
      );
    }
    ctx.log.info(
      `wrote ${displayPath(path, ctx.io.cwd)} in ${formatDuration(elapsed)} (estimated ~${
        formatDuration(estimate.seconds)
      })`,
    );
    await writeExports(exports, run.record, ctx.io.cwd, ctx.log);
    for (const warning of runWarnings(run.record)) ctx.log.warn(warning);
    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, { ...run.record });
    } else {
      ctx.io.stdout(renderRunTable(run.record, {
        fidelityNotes: run.fidelityNotes,
        memoryErrors: run.memoryErrors,
      }));
    }
    const okCells = run.record.cells.filter((c) => c.status === "ok").length;
    if (run.record.cells.length > 0 && okCells === 0) {
      throw new ExecutionError(
        `no cell could be measured (${run.record.cells.length} cells, all failed); ` +
          `the record was kept at ${displayPath(path, ctx.io.cwd)}`,
        { hint: "check the errors above; `--verbose` shows the runner's stderr" },
      );
    }
    return EXIT_OK;
  },
};

function parseMaxMinutes(value: FlagValues[string]): number | null {
  if (value === undefined) return null;
  const minutes = Number(value);
  if (typeof value !== "string" || !Number.isFinite(minutes) || minutes <= 0) {
    throw new UsageError(`--max-minutes must be a positive number (got "${String(value)}")`, {
      hint: "e.g. --max-minutes 30",
    });
  }
  return minutes;
}

export function listFlag(value: FlagValues[string]): string[] | undefined {
  if (value === undefined || typeof value === "boolean") return undefined;
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return items.length > 0 ? items : undefined;
}

function runOptionsFromFlags(flags: FlagValues, cwd: string): RunOptions {
  return {
    suites: listFlag(flags.suite),
    scenarios: listFlag(flags.scenario),
    targets: listFlag(flags.target),
    profile: typeof flags.profile === "string" ? flags.profile : undefined,
    dataDir: typeof flags.data === "string" ? resolve(cwd, flags.data) : undefined,
    shard: typeof flags.shard === "string" ? flags.shard : undefined,
  };
}

export type { CommandContext };
