/** `datason-bench run`: measures suites on an interleaved schedule and stores a RunRecord. */

import { renderEstimates } from "../report/render_estimates.ts";
import { displayPath } from "../_common/display_path.ts";
import { EXIT_OK, UsageError } from "../_common/errors.ts";
import { formatDuration } from "../_common/format.ts";
import { defineCommand } from "../cli/command.ts";
import { booleanFlag, listFlag, listValue, pathValue, stringFlag } from "../cli/flags.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { plannedMeasurements } from "../bench/run_benchmark.ts";
import { runWarnings } from "../bench/run_warnings.ts";
import { measurePlannedRun, planRun } from "../pipelines/run.ts";
import {
  estimateLine,
  renderPlan,
  runPlanDocument,
  runSummaryLine,
} from "../report/render_run_plan.ts";
import { renderRunTable } from "../report/render_run_table.ts";
import { writeExports } from "../report/write_exports.ts";
import {
  exportFlag,
  exportsOf,
  maxMinutesFlag,
  maxMinutesOf,
  measuresFlag,
  profileFlag,
} from "./shared/flags.ts";
import { scheduleEventLog } from "./shared/schedule_event_log.ts";

export const runCommand = defineCommand({
  name: "run",
  summary: "Measure suites on an interleaved schedule and store a RunRecord",
  description:
    "Checks the datasets against their manifest and makes the suites' environments ready (building\n" +
    "missing ones), prints an estimate of the duration, then measures: `processes` rounds, each\n" +
    "with one fresh runner process per (environment, scenario, tier) in a seeded order\n" +
    "(environments of a scenario back to back, AB/BA for two), each loading that tier's dataset\n" +
    "file (typed records, or their JSON-tier projection), cells in a seeded order per process,\n" +
    "loops calibrated in round 1, each slot's memory after its timing in the first rounds'\n" +
    "processes (`memoryProcesses`); then instruction counts under Valgrind. With the profile's\n" +
    '`processScope: "environment"` one process per (round, environment) loads each dataset in\n' +
    "turn. Prints the estimate again after round 1. Every finished cell is appended\n" +
    "to a journal next to the results, so Ctrl-C, SIGTERM or a crash lose nothing: `--resume\n" +
    "JOURNAL` finishes the run. `--max-minutes` stops after the cell in progress and writes what\n" +
    "finished, marked incomplete. Exits 2 for bad input (a dataset missing or differing from its\n" +
    "manifest: run `generate`), 3 when Python cannot be started or no cell could be measured, 130\n" +
    "when the run was interrupted.",
  flags: {
    suite: listFlag(
      "A,B",
      "Suites to run: competitive, configurations, versions … (default: competitive)",
    ),
    scenario: listFlag(
      "A,B",
      "Only these scenarios (comma-separated or repeated; default: the suites')",
    ),
    target: listFlag("A,B", "Only these targets, built-in or custom (default: the suites')"),
    tier: listFlag(
      "A,B",
      "Only these data tiers, typed and/or json, of those each suite declares (default: the suites')",
    ),
    ...profileFlag(
      "Measurement profile: quick, pr, default or your own (default: config.profile)",
    ),
    ...measuresFlag(
      "What to measure: time, instructions (Valgrind) or both (default: the profile's measures)",
    ),
    seed: stringFlag(
      "N",
      "Seed of the schedule and the instruction-count layouts (default: random; the record keeps it)",
    ),
    shard: stringFlag(
      "I/N",
      "Only the I-th of N scenario shards (for CI matrices; join with `merge`)",
    ),
    data: stringFlag(
      "DIR",
      "Folder with the datasets and manifest.json (default: data.dir of the config)",
    ),
    out: stringFlag(
      "DIR",
      "Results folder the RunRecord and the journal go to (default: results.dir)",
    ),
    "dry-run": booleanFlag("Print the plan and the duration estimate only; measure nothing"),
    ...maxMinutesFlag(
      "Stop after the cell in progress once N minutes have passed; keep what finished",
    ),
    resume: stringFlag(
      "JOURNAL",
      "Finish an interrupted run from its journal (run-….journal.jsonl)",
    ),
    ...exportFlag(
      "KIND=FILE",
      "Also write bmf=FILE (Bencher Metric Format) or gab=FILE (github-action-benchmark)",
    ),
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench run --profile quick",
    "datason-bench run --suite competitive,configurations,versions --dry-run",
    "datason-bench run --scenario api_fast --target datason,orjson,json --profile pr",
    "datason-bench run --tier json --scenario ml_training",
    "datason-bench run --shard 2/5 --out shard-results",
    "datason-bench run --profile pr --measures instructions --scenario api_fast",
    "datason-bench run --resume data/results/run-20261123T020000Z-3f2a9c01.journal.jsonl",
  ],
  async run(ctx) {
    const { flags, io, log } = ctx;
    const loaded = await ctx.loadConfig();
    const maxMinutes = maxMinutesOf(flags["max-minutes"]);
    const exports = exportsOf(flags.export, io.cwd);
    const planned = await planRun(loaded, {
      options: {
        suites: listValue(flags.suite),
        scenarios: listValue(flags.scenario),
        targets: listValue(flags.target),
        tiers: listValue(flags.tier),
        profile: flags.profile,
        dataDir: pathValue(flags.data, io.cwd),
        shard: flags.shard,
        measures: listValue(flags.measures),
        seed: seedOf(flags.seed),
      },
      resume: pathValue(flags.resume, io.cwd),
      outDir: pathValue(flags.out, io.cwd),
    });
    const { prepared, estimate, resume } = planned;
    const summary = runSummaryLine(prepared);
    const estimated = estimateLine(estimate, prepared.datasetsKnown);
    if (flags["dry-run"] === true) {
      if (ctx.global.format !== "json") {
        io.stdout(renderPlan(prepared, summary, estimated));
        return EXIT_OK;
      }
      writeJsonDocument(io, runPlanDocument(prepared, estimate));
      return EXIT_OK;
    }

    log.info(`run: ${summary}`);
    log.info(estimated + (maxMinutes === null ? "" : `; stopping after ${maxMinutes} min at most`));
    if (resume) {
      const done = resume.contents.entries.filter((e) => e.type === "process").length;
      log.info(`resuming ${displayPath(resume.path, io.cwd)}: ${done} process(es) already done`);
    }
    const started = Date.now();
    const events = scheduleEventLog(io, log, {
      totalCells: plannedMeasurements(prepared),
      quiet: ctx.global.quiet,
      showEnvironment: prepared.options.environments.length > 1,
    });
    try {
      await measurePlannedRun(loaded, planned, {
        cwd: io.cwd,
        env: io.env,
        log,
        signal: ctx.signal,
        maxMinutes,
        onEvent: events.onEvent,
        onStderr: ctx.global.verbose ? (text) => log.debug(text.trimEnd()) : undefined,
        async onStored({ run, record, path, resumeCommand, estimates }) {
          events.done();
          if (resumeCommand !== null) {
            log.warn(
              `stopped after ${maxMinutes} min: ${run.processesDone} of ${run.processesPlanned} ` +
                `process(es) finished; the record is marked incomplete. Finish it with: ` +
                resumeCommand,
            );
          }
          log.info(
            `wrote ${displayPath(path!, io.cwd)} in ${
              estimates === null
                ? `${formatDuration((Date.now() - started) / 1000)} (estimated ~${
                  formatDuration(estimate.seconds)
                })`
                : renderEstimates(estimates)
            }`,
          );
          await writeExports(exports, record, io.cwd, log);
          for (const warning of runWarnings(record)) log.warn(warning);
          if (ctx.global.format === "json") writeJsonDocument(io, { ...record });
          else {
            io.stdout(renderRunTable(record, {
              fidelityNotes: run.fidelityNotes,
              memoryErrors: run.memoryErrors,
            }));
          }
        },
      });
    } finally {
      events.done();
    }
    return EXIT_OK;
  },
});

/** `--seed N`: an integer 0 … 4294967295. */
function seedOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw new UsageError(`--seed takes an integer from 0 to 4294967295 (got "${value}")`, {
      hint: "e.g. --seed 42, or the seed of a stored RunRecord to count in its layouts again",
    });
  }
  return seed;
}
