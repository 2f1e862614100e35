/** `datason-bench report`: the static site (one self-contained page) and its Markdown summary. */

import { resolve } from "node:path";
import { defineCommand } from "../cli/command.ts";
import { resultsFlag } from "./shared/flags.ts";
import { EXIT_OK } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { formatBytes } from "../_common/format.ts";
import { buildSite, writeSite } from "../report/site/write_site.ts";
import { displayPath } from "../_common/display_path.ts";
import { openResultsDir } from "../results/results_dir.ts";

export const reportCommand = defineCommand({
  name: "report",
  summary: "Build the static HTML site (and a Markdown summary) from the stored results",
  description:
    "Reads every RunRecord and stored comparison under --results and writes one self-contained\n" +
    "page, <out>/index.html (inline CSS and SVG charts, no scripts or external files, light and\n" +
    "dark), plus <out>/summary.md. The page shows, per scenario, the newest run's time per record\n" +
    "with 95% CIs, ratios to DataSON, throughput, output size, memory and fidelity; the fidelity\n" +
    "matrix; DataSON's configurations (with recommendations) and versions side by side; the whole\n" +
    "history with change points, environment shifts and version changes marked, and the trend\n" +
    "findings of the last trends.days days; the last stored comparison (compare --save); and the\n" +
    "newest run's fingerprint. Unreadable result files are listed on the page and on stderr.\n" +
    "\n" +
    "Formats: text (the default) and html both write the site and print where it went; json writes\n" +
    "the site and prints a datason-bench/report@1 document; markdown writes nothing and prints the\n" +
    "summary (for $GITHUB_STEP_SUMMARY or a README section) to stdout.",
  flags: {
    ...resultsFlag(),
    out: {
      type: "string",
      valueName: "DIR",
      description: "Output folder of the site (default: report.out of the config, 'site')",
    },
  },
  formats: ["text", "html", "json", "markdown"],
  examples: [
    "datason-bench report",
    "datason-bench report --results data/results --out site",
    'datason-bench report --format markdown >> "$GITHUB_STEP_SUMMARY"',
    "datason-bench report --json | jq .bytes",
  ],
  async run(ctx) {
    const loaded = await ctx.loadConfig();
    const config = loaded.config;
    const { dir: resultsDir, exists } = await openResultsDir(
      ctx.flags.results,
      ctx.io.cwd,
      config.results.dir,
    );
    const outFlag = ctx.flags.out;
    const outDir = outFlag !== undefined ? resolve(ctx.io.cwd, outFlag) : config.report.out;

    // The config's folder not made yet is an empty history: the page says how to create results.
    if (!exists) ctx.log.info(`no results folder at ${displayPath(resultsDir, ctx.io.cwd)} yet`);
    const site = await buildSite({ config, resultsDir });
    for (const p of site.problems) {
      ctx.log.warn(`skipped ${displayPath(p.path, ctx.io.cwd)} (${p.kind}): ${p.reason}`);
    }
    if (ctx.global.format === "markdown") {
      ctx.io.stdout(site.summary);
      return EXIT_OK;
    }
    const written = await writeSite(site, outDir);
    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, {
        schema: "datason-bench/report@1",
        path: written.indexPath,
        bytes: written.bytes,
        summaryPath: written.summaryPath,
        results: resultsDir,
        runs: site.runs,
        measuredRuns: site.measuredRuns,
        legacyRuns: site.runs - site.measuredRuns,
        comparison: site.comparisonPath,
        skippedFiles: site.problems.map((p) => ({ path: p.path, kind: p.kind, reason: p.reason })),
      });
    } else {
      ctx.io.stdout(
        `wrote ${displayPath(written.indexPath, ctx.io.cwd)} (${formatBytes(written.bytes)}) and ` +
          `${displayPath(written.summaryPath, ctx.io.cwd)} from ${site.runs} run(s) in ` +
          `${displayPath(resultsDir, ctx.io.cwd)}` +
          (site.problems.length > 0 ? `; ${site.problems.length} file(s) skipped` : "") + "\n",
      );
    }
    return EXIT_OK;
  },
});
