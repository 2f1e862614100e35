/** The plain-text trends report printed by `datason-bench trends`. */

import {
  formatChange,
  formatDate,
  formatNs,
  formatPercent,
  formatPValue,
} from "../_common/format.ts";
import { TREND_CLASSES, type TrendFinding, type TrendSeries, type TrendsResult } from "./types.ts";

export function formatTrendsText(result: TrendsResult): string {
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
    lines.push(
      "",
      "series",
      `  ${"class".padEnd(12)} ${"per week".padStart(8)} ${"window".padStart(8)} ${
        "|tau|".padStart(5)
      } ${"p".padStart(6)} ${"noise".padStart(6)} ${"recent".padStart(7)} ${
        "cps".padStart(3)
      }  series`,
    );
    for (const s of sortedSeries(result.series)) {
      lines.push(
        `  ${s.classification.padEnd(12)} ${formatChange(s.changePerWeek).padStart(8)} ${
          formatChange(s.windowChange).padStart(8)
        } ${(s.strength === null ? "—" : s.strength.toFixed(2)).padStart(5)} ${
          formatPValue(s.mannKendall?.pValue ?? null).padStart(6)
        } ${formatPercent(s.volatility).padStart(6)} ${
          formatChange(s.recentChange?.change ?? null).padStart(7)
        } ${String(s.changePoints.length).padStart(3)}  ${s.id}`,
      );
      for (const cp of s.changePoints) {
        lines.push(
          `${" ".repeat(16)}change point ${formatDate(cp.startedAt)} ${formatChange(cp.change)} ` +
            `(${formatNs(cp.before)} → ${formatNs(cp.after)}, p ${formatPValue(cp.pValue)}): ` +
            cp.attribution.summary,
        );
      }
    }
  }
  return `${lines.join("\n")}\n`;
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
