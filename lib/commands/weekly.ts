/** `datason-bench weekly`: the whole scheduled pipeline (what `deno task weekly` runs). */

import type { Command } from "../cli/command.ts";
import { EXIT_EXECUTION, EXIT_OK, UsageError } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { scheduleEventLog } from "../cli/schedule_event_log.ts";
import { runWeekly } from "../pipelines/weekly.ts";
import { renderWeeklyMarkdown, renderWeeklyText } from "../report/render_weekly.ts";
import { appendStepSummary } from "../cli/append_step_summary.ts";
import { listFlag } from "./run.ts";

export const weeklyCommand: Command = {
  name: "weekly",
  summary: "The scheduled pipeline: setup, generate, run, compare with last week, trends, report",
  description:
    "Builds the Python environments, generates missing datasets, runs the weekly suites with the\n" +
    "weekly profile (config `weekly`), stores the RunRecord, compares it with the previous weekly\n" +
    "run (pointer <baselines.dir>/<weekly.baseline>.json; informational, it never gates because\n" +
    "hosted machines differ from week to week), analyses trends, writes the site and moves the\n" +
    "pointer. Each step's status and duration go to stderr and a summary to stdout. A failed step\n" +
    "makes the command exit 3, but every other step still runs and everything produced is kept.",
  flags: {
    profile: {
      type: "string",
      valueName: "NAME",
      description: "Measurement profile (default: weekly.profile)",
    },
    suite: {
      type: "string",
      multiple: true,
      valueName: "A,B",
      description: "Suites to run (default: weekly.suites)",
    },
    "max-minutes": {
      type: "string",
      valueName: "N",
      description: "Stop measuring after N minutes; the record is kept, marked incomplete",
    },
  },
  formats: ["text", "json"],
  examples: ["datason-bench weekly", "datason-bench weekly --profile quick --json"],
  async run(ctx) {
    const loaded = await ctx.loadConfig();
    const maxFlag = ctx.flags["max-minutes"] as string | undefined;
    const maxMinutes = maxFlag === undefined ? undefined : Number(maxFlag);
    if (maxMinutes !== undefined && !(maxMinutes > 0)) {
      throw new UsageError(`--max-minutes must be a positive number (got "${maxFlag}")`);
    }
    const started = Date.now();
    let events: ReturnType<typeof scheduleEventLog> | null = null;
    const result = await runWeekly(loaded, {
      profile: ctx.flags.profile as string | undefined,
      suites: listFlag(ctx.flags.suite),
      maxMinutes,
    }, {
      signal: ctx.signal,
      log: ctx.log,
      cwd: ctx.io.cwd,
      env: ctx.io.env,
      onStepStart(name, index, total) {
        ctx.log.info(`weekly [${index}/${total}] ${name} …`);
        if (name === "run") {
          events = scheduleEventLog(ctx.io, ctx.log, {
            totalCells: 0,
            quiet: true,
            showEnvironment: true,
          });
        }
      },
      onEvent: (event) => events?.onEvent(event),
      onStep(step, index, total) {
        const line =
          `weekly [${index}/${total}] ${step.name}: ${step.status} in ${step.seconds} s — ${step.detail}`;
        if (step.status === "failed") ctx.log.warn(line);
        else ctx.log.info(line);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    await appendStepSummary(ctx.io, ctx.log, renderWeeklyMarkdown(result, seconds));
    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, { ...result, seconds });
    } else {
      ctx.io.stdout(renderWeeklyText(result, seconds, ctx.io.cwd));
    }
    return result.ok ? EXIT_OK : EXIT_EXECUTION;
  },
};
