/** `datason-bench pr --base PATH --head PATH`: the PR gate in one command. */

import { resolve } from "node:path";
import type { Command } from "../cli/command.ts";
import { ExecutionError, EXIT_OK, EXIT_REGRESSION, UsageError } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { didYouMean } from "../_common/suggest.ts";
import type { FailOn } from "../config/types.ts";
import { formatDuration } from "../_common/format.ts";
import {
  estimateRun,
  prepareRun,
  resolveRunOptions,
  runBenchmark,
} from "../bench/run_benchmark.ts";
import { ensureDatasets } from "../pipelines/ensure_datasets.ts";
import {
  BASE_ENVIRONMENT,
  HEAD_ENVIRONMENT,
  PR_SUITE,
  prGateConfig,
  resolveDatasonSpec,
} from "../pipelines/pr_gate.ts";
import { compareWithinRun } from "../regression/compare_within_run.ts";
import { resolveCompareOptions } from "../regression/resolve_compare_options.ts";
import { appendStepSummary } from "../cli/append_step_summary.ts";
import { formatCompareText } from "../report/format_compare_text.ts";
import { renderPrComment, renderStepSummary } from "../report/render_pr_comment.ts";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import { listMeasuredRuns, saveRunRecord } from "../results/store.ts";
import { displayPath } from "../_common/display_path.ts";
import { listFlag } from "./run.ts";
import { renderPlan } from "../report/render_run_plan.ts";

const FAIL_ON: FailOn[] = ["fail", "warn", "notice", "never"];

export const prCommand: Command = {
  name: "pr",
  summary: "The PR gate: DataSON at a pull request's base and head, interleaved, compared paired",
  description:
    "Builds two environments from the default one with DataSON replaced by --base and --head (each a\n" +
    "DataSON checkout folder, installed as a snapshot, or a requirement such as datason==0.13.0),\n" +
    "generates missing datasets, measures both in one run with the `pr` profile (base and head\n" +
    "alternate AB/BA in every round), compares them paired by round with the gate on DataSON's\n" +
    "cells (compare.gate), and writes the PR comment. Controls such as pickle are measured in both\n" +
    "environments and inform only. Exit 1 when a gating verdict reaches --fail-on.",
  flags: {
    base: {
      type: "string",
      valueName: "PATH|REQ",
      description: "DataSON of the PR's base: checkout folder or requirement",
    },
    head: {
      type: "string",
      valueName: "PATH|REQ",
      description: "DataSON of the PR's head: checkout folder or requirement",
    },
    profile: {
      type: "string",
      valueName: "NAME",
      description: "Measurement profile (default: pr.profile, i.e. pr)",
    },
    scenario: {
      type: "string",
      multiple: true,
      valueName: "A,B",
      description: "Scenarios (default: pr.scenarios)",
    },
    target: {
      type: "string",
      multiple: true,
      valueName: "A,B",
      description: "Targets (default: pr.targets)",
    },
    "fail-on": {
      type: "string",
      valueName: "LEVEL",
      description:
        "Lowest gating severity that exits 1: fail, warn, notice or never (default: compare.failOn)",
    },
    "comment-out": {
      type: "string",
      valueName: "FILE",
      description: "Write the PR comment (Markdown) to FILE",
    },
    out: {
      type: "string",
      valueName: "DIR",
      description: "Results folder for the run's RunRecord (default: results.dir)",
    },
    "max-minutes": {
      type: "string",
      valueName: "N",
      description: "Stop measuring after N minutes (the gate judges what finished)",
    },
    "dry-run": { type: "boolean", description: "Print the plan and the duration estimate only" },
  },
  formats: ["text", "json", "markdown"],
  examples: [
    "datason-bench pr --base ../datason-main --head ../datason --comment-out comment.md",
    "datason-bench pr --base datason==0.12.0 --head datason==0.13.0 --format markdown",
  ],
  async run(ctx) {
    const baseFlag = ctx.flags.base as string | undefined;
    const headFlag = ctx.flags.head as string | undefined;
    if (baseFlag === undefined || headFlag === undefined) {
      throw new UsageError("pr needs --base and --head", {
        hint: "datason-bench pr --base datason==0.12.0 --head ../datason",
      });
    }
    const failOnFlag = ctx.flags["fail-on"] as string | undefined;
    if (failOnFlag !== undefined && !FAIL_ON.includes(failOnFlag as FailOn)) {
      throw new UsageError(
        `--fail-on must be one of ${FAIL_ON.join(", ")} (got "${failOnFlag}")${
          didYouMean(failOnFlag, FAIL_ON)
        }`,
      );
    }
    const maxMinutesFlag = ctx.flags["max-minutes"] as string | undefined;
    const maxMinutes = maxMinutesFlag === undefined ? null : Number(maxMinutesFlag);
    if (maxMinutes !== null && !(maxMinutes > 0)) {
      throw new UsageError(`--max-minutes must be a positive number (got "${maxMinutesFlag}")`);
    }
    const base = await resolveDatasonSpec(baseFlag, "--base", ctx.io.cwd);
    const head = await resolveDatasonSpec(headFlag, "--head", ctx.io.cwd);
    const loaded = prGateConfig(await ctx.loadConfig(), base, head, {
      targets: listFlag(ctx.flags.target),
      scenarios: listFlag(ctx.flags.scenario),
    });
    const options = resolveRunOptions(loaded, {
      suites: [PR_SUITE],
      profile: (ctx.flags.profile as string | undefined) ?? loaded.config.pr.profile,
    });
    const outDir = typeof ctx.flags.out === "string"
      ? resolve(ctx.io.cwd, ctx.flags.out)
      : loaded.config.results.dir;
    ctx.log.info(`pr: base ${base}, head ${head}`);
    const history = await listMeasuredRuns(outDir);
    if (ctx.flags["dry-run"] === true) {
      const prepared = await prepareRun(loaded, options);
      const estimate = estimateRun(prepared, history);
      ctx.io.stdout(renderPlan(
        prepared,
        `pr: base ${base}, head ${head}, profile ${options.profile}: ${prepared.plan.length} process(es)`,
        `estimated duration: ~${formatDuration(estimate.seconds)} (${
          Math.round(estimate.fromHistory * 100)
        }% of the cells timed from stored runs)`,
      ));
      return EXIT_OK;
    }
    await ensureDatasets(loaded, options.scenarios, ctx.log, ctx.signal);
    const prepared = await prepareRun(loaded, options);
    const estimate = estimateRun(prepared, history);
    ctx.log.info(
      `pr: ${options.scenarios.length} scenario(s) × ${
        options.targets.join(", ")
      } in base and head, profile ${options.profile}, ` +
        `${prepared.plan.length} process(es); estimated ~${formatDuration(estimate.seconds)}`,
    );
    const started = Date.now();
    const run = await runBenchmark(loaded, prepared, {
      cwd: ctx.io.cwd,
      env: ctx.io.env,
      log: ctx.log,
      outDir,
    }, {
      signal: ctx.signal,
      deadline: maxMinutes === null ? undefined : started + maxMinutes * 60_000,
      onEvent(event) {
        if (event.kind === "process" && event.environment === BASE_ENVIRONMENT) {
          ctx.log.info(
            `[${event.index}/${event.total}] round ${
              event.round + 1
            }/${event.rounds} ${event.scenario}`,
          );
        }
      },
    });
    if (run.record === null) {
      throw new ExecutionError(
        `pr interrupted after ${run.processesDone} of ${run.processesPlanned} process(es)`,
        {
          hint: `resume the measurement with: datason-bench run --resume ${
            displayPath(run.journalPath, ctx.io.cwd)
          }`,
        },
      );
    }
    const path = await saveRunRecord(outDir, run.record);
    if (run.record.complete) await Deno.remove(run.journalPath).catch(() => {});
    ctx.log.info(
      `pr: measured in ${formatDuration((Date.now() - started) / 1000)}; wrote ${
        displayPath(path, ctx.io.cwd)
      }`,
    );

    const compareOptions = resolveCompareOptions(
      { failOn: failOnFlag as FailOn | undefined },
      loaded.config.compare,
    );
    const result = compareWithinRun(
      run.record,
      { axis: "environment", a: BASE_ENVIRONMENT, b: HEAD_ENVIRONMENT },
      compareOptions,
      displayPath(path, ctx.io.cwd),
    );
    const comment = renderPrComment(result);
    const commentOut = ctx.flags["comment-out"] as string | undefined;
    if (commentOut !== undefined) {
      await writeFileAtomic(resolve(ctx.io.cwd, commentOut), comment);
      ctx.log.info(`pr: comment written to ${commentOut}`);
    }
    await appendStepSummary(ctx.io, ctx.log, renderStepSummary(result));
    if (ctx.global.format === "json") writeJsonDocument(ctx.io, { ...result });
    else if (ctx.global.format === "markdown") ctx.io.stdout(comment);
    else ctx.io.stdout(formatCompareText(result));
    ctx.log.info(`pr: ${result.summary.line}`);
    return result.summary.gateFailed ? EXIT_REGRESSION : EXIT_OK;
  },
};
