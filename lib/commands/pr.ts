/** `datason-bench pr --base PATH --head PATH`: the PR gate in one command. */

import { renderEstimates } from "../report/render_estimates.ts";
import { resolve } from "node:path";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import { displayPath } from "../_common/display_path.ts";
import { EXIT_OK, EXIT_REGRESSION, UsageError } from "../_common/errors.ts";
import { formatDuration } from "../_common/format.ts";
import { appendStepSummary } from "../cli/append_step_summary.ts";
import { defineCommand } from "../cli/command.ts";
import { booleanFlag, listFlag, listValue, oneOf, pathValue, stringFlag } from "../cli/flags.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { BASE_ENVIRONMENT, planPrGate, runPrGate } from "../pipelines/pr_gate.ts";
import { renderCompareText } from "../report/render_compare_text.ts";
import { renderPrComment, renderStepSummary } from "../report/render_pr_comment.ts";
import { estimateLine, renderPlan, runSummaryLine } from "../report/render_run_plan.ts";
import {
  commentOutFlag,
  failOnFlag,
  failOnOf,
  maxMinutesFlag,
  maxMinutesOf,
  measuresFlag,
  pairingFlag,
  PAIRINGS,
  profileFlag,
} from "./shared/flags.ts";

export const prCommand = defineCommand({
  name: "pr",
  summary: "The PR gate: DataSON at a pull request's base and head, interleaved, compared paired",
  description:
    "Builds two environments from the default one with DataSON replaced by --base and --head (each a\n" +
    "DataSON checkout folder, installed as a snapshot, or a requirement such as datason==0.13.0),\n" +
    "generates missing datasets, measures both in one run with the `pr` profile (base and head\n" +
    "alternate AB/BA in every round), compares them paired by round with the gate on DataSON's\n" +
    "cells (compare.gate), and writes the PR comment. Controls such as pickle are measured in both\n" +
    "environments and inform only. Cells flagged on instructions list the functions the change\n" +
    "went to; for DataSON's, a second pass in both environments counts calls and executed lines per\n" +
    "Python function (never times) and names the Python functions too. Exit 1 when a gating verdict\n" +
    "reaches --fail-on.",
  flags: {
    base: stringFlag("PATH|REQ", "DataSON of the PR's base: checkout folder or requirement"),
    head: stringFlag("PATH|REQ", "DataSON of the PR's head: checkout folder or requirement"),
    ...profileFlag("Measurement profile (default: pr.profile, i.e. pr)"),
    ...measuresFlag(
      "time, instructions (Valgrind) or both (default: the profile's; pr: both)",
    ),
    ...pairingFlag(
      "How base and head are timed against each other: process, lockstep or duet (default: the profile's)",
    ),
    scenario: listFlag("A,B", "Scenarios (default: pr.scenarios)"),
    target: listFlag("A,B", "Targets (default: pr.targets)"),
    ...failOnFlag(
      "Lowest gating severity that exits 1: fail, warn, notice or never (default: compare.failOn)",
    ),
    ...commentOutFlag("Write the PR comment (Markdown) to FILE"),
    out: stringFlag("DIR", "Results folder for the run's RunRecord (default: results.dir)"),
    ...maxMinutesFlag("Stop measuring after N minutes (the gate judges what finished)"),
    "dry-run": booleanFlag("Print the plan and the duration estimate only"),
  },
  formats: ["text", "json", "markdown"],
  examples: [
    "datason-bench pr --base ../datason-main --head ../datason --comment-out comment.md",
    "datason-bench pr --base datason==0.12.0 --head datason==0.13.0 --format markdown",
  ],
  async run(ctx) {
    const { flags, io, log } = ctx;
    if (flags.base === undefined || flags.head === undefined) {
      throw new UsageError("pr needs --base and --head", {
        hint: "datason-bench pr --base datason==0.12.0 --head ../datason",
      });
    }
    const failOn = failOnOf(flags["fail-on"]);
    const maxMinutes = maxMinutesOf(flags["max-minutes"]);
    const planned = await planPrGate(await ctx.loadConfig(), {
      base: flags.base,
      head: flags.head,
      profile: flags.profile,
      targets: listValue(flags.target),
      scenarios: listValue(flags.scenario),
      measures: listValue(flags.measures),
      pairing: oneOf(flags.pairing, "pairing", PAIRINGS),
      outDir: pathValue(flags.out, io.cwd),
    }, io.cwd);
    log.info(`pr: base ${planned.base}, head ${planned.head}`);
    if (flags["dry-run"] === true) {
      const { prepared, estimate } = planned;
      io.stdout(renderPlan(
        prepared,
        `pr: base ${planned.base}, head ${planned.head}; ${runSummaryLine(prepared)}`,
        estimateLine(estimate, prepared.datasetsKnown),
      ));
      return EXIT_OK;
    }
    const { stored, comparison, seconds, python, comparisonPath } = await runPrGate(
      planned,
      failOn,
      {
        cwd: io.cwd,
        env: io.env,
        log,
        signal: ctx.signal,
        maxMinutes,
        onMeasure(prepared, estimate) {
          const { options } = planned;
          log.info(
            `pr: ${options.scenarios.length} scenario(s) × ${options.targets.join(", ")} in base ` +
              `and head, profile ${options.profile}, ${prepared.plan.length} process(es)` +
              (prepared.countProcesses > 0
                ? ` + ${prepared.countProcesses} under Valgrind (${prepared.layouts.length} layouts)`
                : "") +
              `; estimated ~${formatDuration(estimate.seconds)}`,
          );
        },
        onPythonPass(environment, scenario, cells) {
          log.info(
            `[python] ${scenario} in ${environment}: call and line counts of ${cells} cell(s) ` +
              "flagged on instructions",
          );
        },
        onEvent(event) {
          if (event.kind === "count-start") {
            log.info(
              `[instructions ${event.index}/${event.total}] ${event.scenario} in ` +
                `${event.environment}, layout ${event.layout + 1}`,
            );
          }
          if (event.kind === "process" && event.environment === BASE_ENVIRONMENT) {
            log.info(
              `[${event.index}/${event.total}] round ${
                event.round + 1
              }/${event.rounds} ${event.scenario}`,
            );
          }
        },
      },
    );
    log.info(
      `pr: measured in ${
        stored.estimates === null ? formatDuration(seconds) : renderEstimates(stored.estimates)
      }; wrote ${displayPath(stored.path!, io.cwd)}`,
    );
    if (python.cells > 0) {
      log.info(
        `pr: Python-level pass over ${python.cells} flagged cell(s) in ` +
          `${formatDuration(python.seconds)} (${python.processes} process(es))`,
      );
    }
    log.info(
      `pr: comparison stored in ${displayPath(comparisonPath, io.cwd)} ` +
        "(`report` shows it with the results)",
    );
    const comment = renderPrComment(comparison);
    const commentOut = flags["comment-out"];
    if (commentOut !== undefined) {
      await writeFileAtomic(resolve(io.cwd, commentOut), comment);
      log.info(`pr: comment written to ${commentOut}`);
    }
    await appendStepSummary(io, log, renderStepSummary(comparison));
    if (ctx.global.format === "json") writeJsonDocument(io, { ...comparison });
    else if (ctx.global.format === "markdown") io.stdout(comment);
    else io.stdout(renderCompareText(comparison));
    log.info(`pr: ${comparison.summary.line}`);
    return comparison.summary.gateFailed ? EXIT_REGRESSION : EXIT_OK;
  },
});
