/** `datason-bench compare`: regression verdicts between two runs or two labels of one run. */

import { resolve } from "node:path";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import { displayPath } from "../_common/display_path.ts";
import { EXIT_OK, EXIT_REGRESSION, InputError, UsageError } from "../_common/errors.ts";
import { appendStepSummary } from "../cli/append_step_summary.ts";
import { type CommandContext, defineCommand } from "../cli/command.ts";
import { booleanFlag, listFlag, oneOf, stringFlag } from "../cli/flags.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { isAttributed } from "../regression/build_comparison.ts";
import { compareRuns } from "../regression/compare_runs.ts";
import { loadRunProfiles, type ProfileLookup } from "../results/profile_store.ts";
import { compareWithinRun, inferAxis } from "../regression/compare_within_run.ts";
import { resolveCompareOptions } from "../regression/resolve_compare_options.ts";
import { thresholdMeasureLabels } from "../regression/measures.ts";
import { readComparison } from "../regression/parse_compare_result.ts";
import { saveComparison } from "../regression/save_comparison.ts";
import type { CompareAxis, CompareResult } from "../regression/types.ts";
import { renderCompareText } from "../report/render_compare_text.ts";
import { renderNoteWarnings } from "../report/render_note_warnings.ts";
import { renderPrComment, renderStepSummary } from "../report/render_pr_comment.ts";
import { writeExports } from "../report/write_exports.ts";
import { writeBaselinePointer } from "../results/baseline_pointer.ts";
import { type ResolvedRun, resolveRun } from "../results/resolve_run.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { listRunRecords, runRecordPath, saveRunRecord } from "../results/store.ts";
import { commentOutFlag, exportFlag, exportsOf, failOnFlag, failOnOf } from "./shared/flags.ts";

const AXES: readonly CompareAxis[] = ["environment", "target"];

export const compareCommand = defineCommand({
  name: "compare",
  summary: "Regression verdicts: two runs, or two environments/targets of one run",
  description:
    "Two runs (unpaired): compare --baseline B --current C. Each cell's per-process medians of log\n" +
    "time are compared with the Mann–Whitney test and the Hodges–Lehmann shift (change =\n" +
    "exp(shift) − 1, with its 95% CI and the minimum detectable effect). B and C are RunRecord\n" +
    "files, folders (their newest run by startedAt), baseline names set with --set-baseline, or run\n" +
    "ids in results.dir; --current defaults to the newest run in results.dir.\n" +
    "\n" +
    "One run (paired by round): compare RUN --a X --b Y, where X and Y are two environments (a PR's\n" +
    "base and head) or two targets; the Wilcoxon signed-rank test and the paired Hodges–Lehmann\n" +
    "estimate on per-round log-ratios.\n" +
    "\n" +
    "Verdicts: regressed / improved (significant after Holm across gated rows, and beyond the\n" +
    "notice / improvement threshold), unchanged (95% CI inside ±notice), inconclusive (neither;\n" +
    "'underpowered' when no result could be significant with that many processes), broken\n" +
    "(status or fidelity got worse), missing, new. " + capitalized(thresholdMeasureLabels()) +
    " are judged by the\n" +
    "thresholds alone. Instructions and estimated cycles per record (runs that counted them under\n" +
    "Valgrind) are judged per layout: the median of the per-layout ratios (ratio of medians when\n" +
    "the layouts differ) must reach compare.instructions.notice and exceed spreadMultiple × the\n" +
    "layouts' spread; each measure keeps its own verdict, shown side by side with time, and any\n" +
    "gated row at --fail-on fails the gate. Rows of gated targets (--gate, default config compare.gate) decide the exit\n" +
    "code: 1 when one is at or above --fail-on, 0 otherwise, 2 for bad input. Rows whose\n" +
    "fingerprints differ (CPU, Python, a competitor's version, the dataset; for counts also\n" +
    "Valgrind, cache geometry, cycle formula, CPU flags, libc) never gate unless\n" +
    "--allow-env-mismatch. With $GITHUB_STEP_SUMMARY set, a summary is appended there.\n" +
    "\n" +
    "Instruction rows flagged regressed or improved list where the change went: the functions\n" +
    "whose self instructions per record changed most, from the instruction profiles the runs\n" +
    "kept beside their records (<results>/profiles), with an everything-else row so they add up to\n" +
    "the cell's change; runs without profiles say so.\n" +
    "\n" +
    "--from FILE renders a stored datason-bench/compare@1 document (text, Markdown or JSON) after\n" +
    "checking it against its schema and its id; a document that fails is exit 2. The PR comment\n" +
    "poster uses it, so the comment is rendered by the base repository's tool, not the PR's job.",
  flags: {
    baseline: stringFlag("RUN", "Baseline: RunRecord file, folder, baseline name or run id"),
    current: stringFlag("RUN", "Current run (default: the newest run in results.dir)"),
    a: stringFlag("LABEL", "Within one run: the baseline label"),
    b: stringFlag("LABEL", "Within one run: the current label"),
    axis: stringFlag(
      "AXIS",
      "What --a/--b name: environment or target (inferred when unambiguous)",
    ),
    ...failOnFlag(
      "Exit 1 on a gating verdict at or above: fail, warn, notice, never " +
        "(default: config compare.failOn)",
    ),
    gate: listFlag(
      "PATTERN",
      "Targets whose rows gate, * as wildcard; repeatable (default: config " +
        "compare.gate)",
    ),
    "allow-env-mismatch": booleanFlag(
      "Let rows gate even when CPU, Python, a competitor or the dataset differ",
    ),
    save: booleanFlag("Store the comparison under <results.dir>/comparisons/<date>/<id>.json"),
    ...commentOutFlag("Also write the PR comment (Markdown) to FILE"),
    ...exportFlag(
      "FORMAT=FILE",
      "Export the current run: bmf=FILE (Bencher) or gab=FILE " +
        "(github-action-benchmark customSmallerIsBetter); repeatable",
    ),
    "set-baseline": stringFlag("NAME", "Point <baselines.dir>/NAME.json at RUN (no comparison)"),
    from: stringFlag(
      "FILE",
      "Render a stored comparison (compare/pr --json) again, after validating it; no other " +
        "comparison flag applies",
    ),
  },
  positionals: [
    { name: "RUN", optional: true, description: "One run to compare inside (with --a and --b)" },
  ],
  formats: ["text", "json", "markdown"],
  examples: [
    "datason-bench compare --baseline main --current data/results",
    "datason-bench compare run.json --a base --b head --format markdown --comment-out comment.md",
    "datason-bench compare --baseline old.json --current new.json --fail-on warn --json",
    "datason-bench compare --set-baseline main data/results",
    "datason-bench compare --from comparison.json --format markdown > comment.md",
  ],
  async run(ctx) {
    const from = ctx.flags.from;
    if (from !== undefined) return await renderStored(ctx, from);
    const loaded = await ctx.loadConfig();
    const config = loaded.config;
    const flags = ctx.flags;
    const where = {
      cwd: ctx.io.cwd,
      resultsDir: config.results.dir,
      baselinesDir: config.baselines.dir,
    };
    const run = ctx.positionals[0];

    const setBaseline = flags["set-baseline"];
    if (setBaseline !== undefined) {
      if (run === undefined) {
        throw new UsageError("compare --set-baseline NAME needs the RUN to point at", {
          hint: "datason-bench compare --set-baseline main data/results/2025-03-01/<runId>.json",
        });
      }
      return await setBaselinePointer(ctx, setBaseline, run, where);
    }

    const options = resolveCompareOptions({
      failOn: failOnOf(flags["fail-on"]),
      gate: flags.gate,
      allowEnvMismatch: flags["allow-env-mismatch"] === true ? true : undefined,
    }, config.compare);
    const exports = exportsOf(flags.export, ctx.io.cwd);

    let result: CompareResult;
    let exported: MeasuredRunRecord;
    if (run !== undefined) {
      if (flags.baseline !== undefined || flags.current !== undefined) {
        throw new UsageError("compare RUN compares inside one run: drop --baseline/--current", {
          hint: "two runs: compare --baseline B --current C; one run: compare RUN --a X --b Y",
        });
      }
      const { a, b } = flags;
      if (a === undefined || b === undefined) {
        throw new UsageError("compare RUN needs --a and --b (two environments or two targets)", {
          hint: "datason-bench compare run.json --a base --b head",
        });
      }
      const resolved = await resolveRun(run, { ...where, what: "RUN" });
      warnProblems(ctx, resolved);
      const axis = oneOf(flags.axis, "axis", AXES, "environment or target") ??
        inferAxis(resolved.record, a, b);
      if (axis === null) {
        throw new UsageError(
          `compare: cannot tell whether "${a}" and "${b}" are environments or targets`,
          { hint: "add --axis environment or --axis target" },
        );
      }
      const source = displayPath(resolved.path, ctx.io.cwd);
      result = await withProfiles(
        (profiles) => compareWithinRun(resolved.record, { axis, a, b }, options, source, profiles),
        [resolved],
        config.results.dir,
      );
      exported = resolved.record as MeasuredRunRecord;
    } else {
      if (flags.a !== undefined || flags.b !== undefined) {
        throw new UsageError("--a/--b compare inside one run: give the RUN argument", {
          hint: "datason-bench compare run.json --a base --b head",
        });
      }
      const baselineRef = flags.baseline;
      if (baselineRef === undefined) {
        throw new UsageError("compare needs --baseline (or RUN with --a and --b)", {
          hint: "datason-bench compare --baseline main --current data/results",
        });
      }
      const baseline = await resolveRun(baselineRef, { ...where, what: "--baseline" });
      const currentRef = flags.current;
      const current = currentRef !== undefined
        ? await resolveRun(currentRef, { ...where, what: "--current" })
        : await resolveRun(config.results.dir, { ...where, what: "--current (results.dir)" });
      warnProblems(ctx, baseline);
      warnProblems(ctx, current);
      if (currentRef === undefined) {
        ctx.log.info(`current: newest run in ${displayPath(current.path, ctx.io.cwd)}`);
      }
      if (baseline.record.runId === current.record.runId) {
        ctx.log.warn("the baseline and the current run are the same run");
      }
      const sources = {
        baseline: displayPath(baseline.path, ctx.io.cwd),
        current: displayPath(current.path, ctx.io.cwd),
      };
      result = await withProfiles(
        (profiles) => compareRuns(baseline.record, current.record, options, sources, profiles),
        [baseline, current],
        config.results.dir,
      );
      exported = current.record as MeasuredRunRecord;
    }

    if (flags.save === true) {
      const path = await saveComparison(config.results.dir, result);
      ctx.log.info(`saved ${displayPath(path, ctx.io.cwd)}`);
    }
    await writeExports(exports, exported, ctx.io.cwd, ctx.log);
    await printComparison(ctx, result);
    return result.summary.gateFailed ? EXIT_REGRESSION : EXIT_OK;
  },
});

/**
 * A comparison whose flagged instruction rows carry their function-level diff: the profiles beside
 * the records (and in `resultsDir`) are read only when some row is flagged.
 */
async function withProfiles(
  compare: (profiles?: ProfileLookup) => CompareResult,
  runs: readonly ResolvedRun[],
  resultsDir: string,
): Promise<CompareResult> {
  const plain = compare();
  if (!plain.rows.some(isAttributed)) return plain;
  return compare(await loadRunProfiles(runs, [resultsDir]));
}

/** Every flag that makes or changes a comparison: none applies to a stored one (`--from`). */
const COMPARISON_FLAGS = [
  "baseline",
  "current",
  "a",
  "b",
  "axis",
  "fail-on",
  "gate",
  "allow-env-mismatch",
  "save",
  "export",
  "set-baseline",
] as const;

/** `--from FILE`: a stored comparison, validated, then printed like a fresh one. */
async function renderStored(ctx: CommandContext, file: string): Promise<number> {
  const given = COMPARISON_FLAGS.filter((f) => ctx.flags[f] !== undefined);
  if (given.length > 0 || ctx.positionals.length > 0) {
    throw new UsageError(
      `--from renders a stored comparison as it is: drop ${
        given.length > 0 ? `--${given[0]}` : "the RUN argument"
      }`,
      { hint: "datason-bench compare --from comparison.json --format markdown" },
    );
  }
  const result = await readComparison(resolve(ctx.io.cwd, file));
  await printComparison(ctx, result);
  return result.summary.gateFailed ? EXIT_REGRESSION : EXIT_OK;
}

/** The notes on stderr, the PR comment file, the step summary, and the comparison on stdout. */
async function printComparison(ctx: CommandContext, result: CompareResult): Promise<void> {
  const allowEnvMismatch = result.options.allowEnvMismatch;
  for (const warning of renderNoteWarnings(result.environmentNotes, allowEnvMismatch)) {
    ctx.log.warn(warning);
  }
  const commentOut = ctx.flags["comment-out"];
  if (typeof commentOut === "string") {
    await writeFileAtomic(resolve(ctx.io.cwd, commentOut), renderPrComment(result));
  }
  await appendStepSummary(ctx.io, ctx.log, renderStepSummary(result));
  if (ctx.global.format === "json") writeJsonDocument(ctx.io, { ...result });
  else if (ctx.global.format === "markdown") ctx.io.stdout(renderPrComment(result));
  else ctx.io.stdout(renderCompareText(result));
}

function warnProblems(ctx: Pick<CommandContext, "io" | "log">, resolved: ResolvedRun): void {
  for (const p of resolved.problems) {
    ctx.log.warn(`skipped ${displayPath(p.path, ctx.io.cwd)} (${p.kind}): ${p.reason}`);
  }
}

async function setBaselinePointer(
  ctx: CommandContext,
  name: string,
  run: string,
  where: { cwd: string; resultsDir: string; baselinesDir: string },
): Promise<number> {
  const resolved = await resolveRun(run, { ...where, what: "RUN" });
  warnProblems(ctx, resolved);
  const record = resolved.record;
  if (record.source === "legacy") {
    throw new InputError(
      `cannot use run ${record.runId.slice(0, 12)} as a baseline: it is an imported legacy record`,
      { hint: "point baselines at runs measured by datason-bench" },
    );
  }
  // The pointer names a run by id in results.dir: store the record there if it is elsewhere.
  const listing = await listRunRecords(where.resultsDir);
  if (!listing.records.some((r) => r.record.runId === record.runId)) {
    const stored = await saveRunRecord(where.resultsDir, record);
    ctx.log.info(`stored the run in ${displayPath(stored, ctx.io.cwd)}`);
  }
  const { path, pointer } = await writeBaselinePointer(
    where.baselinesDir,
    name,
    record,
    new Date(),
  );
  if (ctx.global.format === "json") {
    writeJsonDocument(ctx.io, {
      ...pointer,
      path,
      record: runRecordPath(where.resultsDir, record),
    });
  } else {
    ctx.io.stdout(
      `baseline "${name}" → run ${record.runId.slice(0, 12)} (started ${record.startedAt})\n` +
        `  ${displayPath(path, ctx.io.cwd)}\n`,
    );
  }
  return EXIT_OK;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
