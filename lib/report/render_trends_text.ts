/**
 * The plain-text trends report printed by `datason-bench trends`. Every finding and series names
 * its measure (time, or instructions counted under Valgrind) and shows values in its own unit;
 * text from the records (labels, versions, file names) is escaped for the terminal, one line each.
 */

import { terminalCell, terminalText } from "./control_characters.ts";
import { seriesMeasureText, seriesValueText } from "./series_measure_text.ts";
import { formatChange, formatDate, formatPercent, formatPValue } from "../_common/format.ts";
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
        counts.instructionSeries > 0 ? ` (${counts.instructionSeries} of instruction counts)` : ""
      }${result.settings.metric ? ` matching "${terminalCell(result.settings.metric)}"` : ""}`,
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
      const when = f.basis === "trend"
        ? `${formatDate(f.since)} → ${formatDate(f.date)}`
        : formatDate(f.date);
      lines.push(
        `    ${when}  ${formatChange(f.change)}  ${terminalCell(f.label)}  [${
          terminalCell(f.suite)
        }]`,
        `      ${seriesMeasureText(f.unit)}: ${seriesValueText(f.measure, f.before)} → ` +
          `${seriesValueText(f.measure, f.after)}; ` +
          (f.basis === "trend" ? "steady trend" : "change point") +
          (f.attribution ? `; ${terminalCell(f.attribution.summary)}` : ""),
      );
    }
  };
  findingLines("regressions", result.findings.regressions);
  findingLines("improvements", result.findings.improvements);

  if (result.environmentShifts.length > 0) {
    lines.push(
      "",
      "environment shifts (time: most time series moved together, left out of their statistics;",
      "  instructions: Valgrind, cache geometry, CPU or C library changed, no change point across)",
    );
    for (const s of result.environmentShifts) {
      const family = s.measureFamily ?? "time";
      lines.push(
        `  ${formatDate(s.startedAt)}  ${family.padEnd(12)}  ${s.direction.padEnd(9)}  ` +
          `${formatChange(s.medianChange)}  ${s.seriesMoved}/${s.seriesTested} series  run ${
            terminalCell(s.runId.slice(0, 12))
          }${s.file ? ` (${terminalCell(s.file)})` : ""}  ${terminalCell(s.attribution.summary)}`,
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
        terminalCell(s.id),
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
            `(${seriesValueText(s.measure, cp.before)} → ${
              seriesValueText(s.measure, cp.after)
            }, p ${formatPValue(cp.pValue)}): ${terminalCell(cp.attribution.summary)}`,
        );
      }
      for (const step of s.environmentSteps ?? []) {
        lines.push(
          `${" ".repeat(16)}environment step ${formatDate(step.startedAt)} ${
            formatChange(step.change)
          } (${seriesValueText(s.measure, step.before)} → ${
            seriesValueText(s.measure, step.after)
          }): ${terminalCell(step.attribution.summary)}`,
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
