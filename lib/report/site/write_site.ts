/**
 * Builds the site from stored files only: every RunRecord and stored comparison under the results
 * folder → `<out>/index.html` and `<out>/summary.md`, both written atomically. Used by `report`
 * and by the `weekly` pipeline.
 */

import { join } from "node:path";
import type { Config } from "../../config/types.ts";
import { writeFileAtomic } from "../../_common/atomic_write.ts";
import { listRunRecords } from "../../results/store.ts";
import type { ProblemRow } from "./types.ts";
import { buildReportModel } from "./build_report_model.ts";
import { buildSummaryModel } from "./build_summary_model.ts";
import { newestComparison } from "./load_comparison.ts";
import { renderReportHtml, renderReportSummary } from "./render_report.ts";
import { reportTrends } from "./report_trends.ts";

export interface SiteInputs {
  config: Config;
  resultsDir: string;
  now?: Date;
}

export interface BuiltSite {
  html: string;
  summary: string;
  runs: number;
  measuredRuns: number;
  comparisonPath: string | null;
  /** Unreadable result files and comparisons (listed on the page too). */
  problems: ProblemRow[];
}

/** Reads the results folder and renders the page and the summary (nothing is written). */
export async function buildSite(inputs: SiteInputs): Promise<BuiltSite> {
  const listing = await listRunRecords(inputs.resultsDir);
  const { comparison, problems: comparisonProblems } = await newestComparison(listing);
  const records = listing.records.map((r) => r.record);
  const input = {
    listing,
    trends: reportTrends(records, inputs.config.trends, inputs.config.seed),
    comparison,
    comparisonProblems,
    title: inputs.config.report.title,
    now: inputs.now ?? new Date(),
  };
  return {
    html: renderReportHtml(buildReportModel(input)),
    summary: renderReportSummary(buildSummaryModel(input)),
    runs: records.length,
    measuredRuns: records.filter((r) => r.source !== "legacy").length,
    comparisonPath: comparison?.path ?? null,
    problems: [...listing.problems, ...comparisonProblems],
  };
}

/** Writes a built site into `outDir`; returns the paths and the page's size. */
export async function writeSite(
  site: BuiltSite,
  outDir: string,
): Promise<{ indexPath: string; summaryPath: string; bytes: number }> {
  const indexPath = join(outDir, "index.html");
  const summaryPath = join(outDir, "summary.md");
  const bytes = new TextEncoder().encode(site.html);
  await writeFileAtomic(indexPath, bytes);
  await writeFileAtomic(summaryPath, site.summary);
  return { indexPath, summaryPath, bytes: bytes.length };
}
