/** The summary of the weekly pipeline: terminal text and the `$GITHUB_STEP_SUMMARY` Markdown. */

import { terminalText } from "./control_characters.ts";
import { displayPath } from "../_common/display_path.ts";
import { formatDuration } from "../_common/format.ts";
import { textTable } from "../_common/text_table.ts";
import { escapeMarkdown } from "./markdown_escape.ts";
import { type EstimateCheck, renderEstimates } from "./render_estimates.ts";

/** What the summary shows of a weekly result (`WeeklyResult` of lib/pipelines/weekly.ts). */
export interface WeeklySummary {
  ok: boolean;
  steps: readonly { name: string; status: string; seconds: number; detail: string }[];
  estimate: { seconds: number } | null;
  /** The run step's estimates and actual duration, when it measured here. */
  estimates?: EstimateCheck | null;
  recordPath: string | null;
  site: { path: string } | null;
}

export function renderWeeklyText(result: WeeklySummary, seconds: number, cwd: string): string {
  const lines = [
    `weekly: ${result.ok ? "ok" : "FAILED"} in ${formatDuration(seconds)}` +
    (result.estimates
      ? `; measuring ${renderEstimates(result.estimates)}`
      : result.estimate
      ? ` (run estimated ~${formatDuration(result.estimate.seconds)})`
      : ""),
    ...textTable(result.steps.map((s) => [s.name, s.status, `${s.seconds} s`, s.detail]), {
      align: ["left", "left", "right", "left"],
      minWidths: [0, 7, 9, 0],
      indent: "  ",
    }),
  ];
  if (result.recordPath) lines.push(`run: ${displayPath(result.recordPath, cwd)}`);
  if (result.site) lines.push(`site: ${displayPath(result.site.path, cwd)}`);
  return terminalText(`${lines.join("\n")}\n`);
}

export function renderWeeklyMarkdown(result: WeeklySummary, seconds: number): string {
  return [
    `## Weekly benchmark: ${result.ok ? "ok" : "failed"} (${formatDuration(seconds)})`,
    "",
    "| step | status | seconds | detail |",
    "| --- | --- | ---: | --- |",
    ...result.steps.map((s) =>
      `| ${s.name} | ${s.status} | ${s.seconds} | ${escapeMarkdown(s.detail, 400)} |`
    ),
    "",
  ].join("\n");
}
