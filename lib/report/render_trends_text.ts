/** The plain-text trends report printed by `datason-bench trends`. */

import { terminalText } from "./control_characters.ts";
import {
  formatChange,
  formatDate,
  formatNs,
  formatPercent,
  formatPValue,
} from "../_common/format.ts";
import { textTable } from "../_common/text_table.ts";
import {
  TREND_CLASSES,
  type TrendFinding,
  type TrendSeries,
  type TrendsResult,
} from "../trends/types.ts";

export function renderTrendsText(result: TrendsResult): string {
  const lines: string[] = [];
  const { counts, window } = result;
  if (counts.runs === 0) {
    return "trends: no runs in the results folder (run `datason-bench run` or `import` first)\n";
  }
  lines.push(
    `trends ${formatDate(window.from)} → ${formatDate(window.to)}` +
      `${window.days === null ? " (whole history)" : ` (${window.days} days)`}: ` +
      `${counts.runs} runs (${counts.measuredRuns} measured, ${counts.legacyRuns} imported), ` +
      `${counts.series} series${
        result.settings.metric ? ` matching "${result.settings.metric}"` : ""
      }`,
    `  ${TREND_CLASSES.map((c) => `${counts.byClass[c]} ${c}`).join(", ")}; ` +
      `${counts.changePoints} change point(s); ${counts.environmentShifts} environment shift(s)`,
  );

  lines.push("", "key findings (DataSON first)");
  const findingLines = (title: string, findings: TrendFinding[]) => {
    if (findings.length === 0) {
      lines.push(`  ${title}: none`);
      return;
    }
    lines.push(`  ${title}:`);
    for (const f of findings) {
      const metric = f.unit === "ns/call" ? "per call (mean)" : "per record (median)";
      const when = f.basis === "trend"
        ? `${formatDate(f.since)} → ${formatDate(f.date)}`
        : formatDate(f.date);
      lines.push(
        `    ${when}  ${formatChange(f.change)}  ${f.label}  [${f.suite}]`,
        `      ${formatNs(f.before)} → ${formatNs(f.after)} ${metric}; ` +
          (f.basis === "trend" ? "steady trend" : "change point") +
          (f.attribution ? `; ${f.attribution.summary}` : ""),
      );
    }
  };
  findingLines("regressions", result.findings.regressions);
  findingLines("improvements", result.findings.improvements);

  if (result.environmentShifts.length > 0) {
    lines.push(
      "",
      "environment shifts (most series moved together; left out of per-series statistics)",
    );
    for (const s of result.environmentShifts) {
      lines.push(
        `  ${formatDate(s.startedAt)}  ${s.direction.padEnd(6)}  ${formatChange(s.medianChange)}` +
          `  ${s.seriesMoved}/${s.seriesTested} series  run ${s.runId.slice(0, 12)}` +
          `${s.file ? ` (${s.file})` : ""}  ${s.attribution.summary}`,
      );
    }
  }

  if (result.series.length > 0) {
    const series = sortedSeries(result.series);
    const table = textTable([
      ["class", "per week", "window", "|tau|", "p", "noise", "recent", "cps", "series"],
      ...series.map((s) => [
        s.classification,
        formatChange(s.changePerWeek),
        formatChange(s.windowChange),
        s.strength === null ? "—" : s.strength.toFixed(2),
        formatPValue(s.mannKendall?.pValue ?? null),
        formatPercent(s.volatility),
        formatChange(s.recentChange?.change ?? null),
        String(s.changePoints.length),
        s.id,
      ]),
    ], {
      align: ["left", "right", "right", "right", "right", "right", "right", "right", "left"],
      minWidths: [12, 8, 8, 5, 6, 6, 7, 3, 0],
      indent: "  ",
    });
    lines.push("", "series", table[0]);
    series.forEach((s, i) => {
      lines.push(table[i + 1]);
      for (const cp of s.changePoints) {
        lines.push(
          `${" ".repeat(16)}change point ${formatDate(cp.startedAt)} ${formatChange(cp.change)} ` +
            `(${formatNs(cp.before)} → ${formatNs(cp.after)}, p ${formatPValue(cp.pValue)}): ` +
            cp.attribution.summary,
        );
      }
    });
  }
  return terminalText(`${lines.join("\n")}\n`);
}

/** Classification order (degrading first), DataSON first within a class, then by id. */
export function sortedSeries(series: readonly TrendSeries[]): TrendSeries[] {
  const rank = new Map(TREND_CLASSES.map((c, i) => [c, i]));
  return [...series].sort((a, b) =>
    rank.get(a.classification)! - rank.get(b.classification)! ||
    Number(b.isDatason) - Number(a.isDatason) ||
    (a.source === b.source ? 0 : a.source === "measured" ? -1 : 1) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
