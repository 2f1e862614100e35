/** `datason-bench weekly`: the whole scheduled pipeline (what `deno task weekly` runs). */

import { EXIT_EXECUTION, EXIT_INTERRUPTED, EXIT_OK, UsageError } from "../_common/errors.ts";
import { appendStepSummary } from "../cli/append_step_summary.ts";
import { defineCommand } from "../cli/command.ts";
import { listFlag, listValue, pathValue, stringFlag } from "../cli/flags.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { runWeekly } from "../pipelines/weekly.ts";
import { renderWeeklyMarkdown, renderWeeklyText } from "../report/render_weekly.ts";
import { maxMinutesFlag, maxMinutesOf, profileFlag } from "./shared/flags.ts";
import { type ScheduleEventLog, scheduleEventLog } from "./shared/schedule_event_log.ts";

export const weeklyCommand = defineCommand({
  name: "weekly",
  summary: "The scheduled pipeline: setup, generate, run, compare with last week, trends, report",
  description:
    "Builds the Python environments, generates missing datasets, runs the weekly suites with the\n" +
    "weekly profile (config `weekly`: time, and instruction counts where Valgrind is installed —\n" +
    "without it, time alone and a warning), stores the RunRecord, compares it with the previous weekly\n" +
    "run (pointer <baselines.dir>/<weekly.baseline>.json; informational, it never gates because\n" +
    "hosted machines differ from week to week), analyses trends, writes the site and moves the\n" +
    "pointer. Each step's status and duration go to stderr and a summary to stdout. A failed step\n" +
    "makes the command exit 3, but every other step still runs and everything produced is kept.\n" +
    "--run FILE takes a run measured elsewhere (CI's merged scenario shards) instead of setting\n" +
    "up, generating and measuring here: it is stored, compared, analysed and published the same.",
  flags: {
    ...profileFlag("Measurement profile (default: weekly.profile)"),
    suite: listFlag("A,B", "Suites to run (default: weekly.suites)"),
    ...maxMinutesFlag("Stop measuring after N minutes; the record is kept, marked incomplete"),
    run: stringFlag("FILE", "A RunRecord measured elsewhere (e.g. merged shards): publish it"),
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench weekly",
    "datason-bench weekly --profile quick --json",
    "datason-bench weekly --run out/merged.json",
  ],
  async run(ctx) {
    const { flags, io, log } = ctx;
    const loaded = await ctx.loadConfig();
    const maxMinutes = maxMinutesOf(flags["max-minutes"]);
    const run = pathValue(flags.run, io.cwd);
    if (run !== undefined) {
      const conflicting = (["profile", "suite", "max-minutes"] as const).find((f) =>
        flags[f] !== undefined
      );
      if (conflicting !== undefined) {
        throw new UsageError(
          `--run publishes a run measured elsewhere: --${conflicting} cannot change it`,
          {
            hint: `drop --${conflicting}`,
          },
        );
      }
    }
    const started = Date.now();
    let events: ScheduleEventLog | null = null;
    const result = await runWeekly(loaded, {
      profile: flags.profile,
      suites: listValue(flags.suite),
      maxMinutes,
      run,
    }, {
      signal: ctx.signal,
      log,
      cwd: io.cwd,
      env: io.env,
      onStepStart(name, index, total) {
        log.info(`weekly [${index}/${total}] ${name} …`);
        if (name === "run") {
          events = scheduleEventLog(io, log, { totalCells: 0, quiet: true, showEnvironment: true });
        }
      },
      onEvent: (event) => events?.onEvent(event),
      onStep(step, index, total) {
        const line =
          `weekly [${index}/${total}] ${step.name}: ${step.status} in ${step.seconds} s — ${step.detail}`;
        if (step.status === "failed") log.warn(line);
        else log.info(line);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    await appendStepSummary(io, log, renderWeeklyMarkdown(result, seconds));
    if (ctx.global.format === "json") writeJsonDocument(io, { ...result, seconds });
    else io.stdout(renderWeeklyText(result, seconds, io.cwd));
    if (ctx.signal.aborted) return EXIT_INTERRUPTED;
    return result.ok ? EXIT_OK : EXIT_EXECUTION;
  },
});
