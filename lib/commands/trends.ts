/** `datason-bench trends`: series, change points, environment shifts and key findings. */

import { trendsOptions } from "../trends/trends_options.ts";
import { defineCommand } from "../cli/command.ts";
import { resultsFlag } from "./shared/flags.ts";
import { EXIT_OK, UsageError } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { displayPath } from "../_common/display_path.ts";
import { MAX_TREND_DAYS } from "../config/bounds.ts";
import { openResultsDir } from "../results/results_dir.ts";
import { analyzeTrends } from "../trends/analyze_trends.ts";
import { renderTrendsText } from "../report/render_trends_text.ts";
import { loadTrendRecords } from "../trends/load_trend_records.ts";
import { renderTrendsMarkdown } from "../report/render_trends_markdown.ts";

export const trendsCommand = defineCommand({
  name: "trends",
  summary: "Trends, change points and environment shifts over the stored history",
  description:
    "Builds one series per (suite, scenario, target, operation) from the RunRecords under --results\n" +
    "(measured and imported runs never share a series) over the last --days days before the newest\n" +
    "run. For each: direction (Theil–Sen slope on log times, Mann–Kendall significance), strength\n" +
    "|τ|, volatility (robust CV of the run-to-run noise), a class (degrading, improving, volatile,\n" +
    "stable, insufficient), the recent change (last quarter vs the quarter before) and change points\n" +
    "(seeded binary segmentation with a permutation test, at least config trends.minSegment runs per\n" +
    "segment; single-run spikes never count), each attributed to what changed in the fingerprint.\n" +
    "Runs where most series moved together are reported once as environment shifts and left out.\n" +
    "Cells with instruction counts add series of their own (id ending ':instructionsPerRecord' or\n" +
    "':estimatedCyclesPerRecord'), analysed at trends.instructionMinChange; a change of Valgrind,\n" +
    "cache geometry, CPU or C library is their environment shift.\n" +
    "Unreadable result files are listed on stderr and skipped.",
  flags: {
    ...resultsFlag(),
    days: {
      type: "string",
      valueName: "N",
      description: "Lookback window in days before the newest run, or 'all' (default: trends.days)",
    },
    metric: {
      type: "string",
      valueName: "FILTER",
      description:
        "Only series whose id or label contains FILTER (comma-separated; * globs), e.g. 'datason*';\n" +
        "':instructions' selects the series of instruction counts",
    },
  },
  formats: ["text", "json", "markdown"],
  examples: [
    "datason-bench trends",
    "datason-bench trends --days 365 --metric orjson",
    "datason-bench trends --results data/results --format markdown > trends.md",
    "datason-bench trends --json | jq '.findings.regressions'",
  ],
  async run(ctx) {
    const loaded = await ctx.loadConfig();
    const trends = loaded.config.trends;
    const { dir: resultsDir, exists } = await openResultsDir(
      ctx.flags.results,
      ctx.io.cwd,
      loaded.config.results.dir,
    );
    const days = parseDays(ctx.flags.days, trends.days);
    const metric = ctx.flags.metric ?? null;

    if (!exists) {
      ctx.log.info(
        `no results folder at ${displayPath(resultsDir, ctx.io.cwd)} yet: no runs to analyse ` +
          "(`datason-bench run` or `datason-bench import` creates it)",
      );
    }
    const listing = await loadTrendRecords(resultsDir, days);
    for (const problem of listing.problems) {
      ctx.log.warn(
        `skipped ${displayPath(problem.path, ctx.io.cwd)} (${problem.kind}): ${problem.reason}`,
      );
    }
    const result = analyzeTrends(
      listing.records.map((r) => r.record),
      trendsOptions(trends, loaded.config.seed, { days, metric }),
    );
    if (metric !== null && result.series.length === 0 && result.counts.runs > 0) {
      ctx.log.warn(`no series matches --metric "${metric}"`);
    }

    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, {
        schema: "datason-bench/trends@1",
        results: resultsDir,
        skippedFiles: listing.problems.map((p) => ({
          path: p.path,
          kind: p.kind,
          reason: p.reason,
        })),
        ...result,
      });
    } else if (ctx.global.format === "markdown") {
      ctx.io.stdout(renderTrendsMarkdown(result));
    } else {
      ctx.io.stdout(renderTrendsText(result));
    }
    return EXIT_OK;
  },
});

function parseDays(flag: string | undefined, fallback: number): number | null {
  if (flag === undefined) return fallback;
  if (flag === "all") return null;
  const days = Number(flag);
  if (!Number.isFinite(days) || days <= 0) {
    throw new UsageError(`--days must be a positive number of days or 'all' (got "${flag}")`, {
      hint: "for example --days 90",
    });
  }
  if (days > MAX_TREND_DAYS) {
    throw new UsageError(
      `--days must be at most ${MAX_TREND_DAYS} (100 years) or 'all' (got "${flag}")`,
      { hint: "for example --days 3650, or --days all for the whole history" },
    );
  }
  return days;
}
