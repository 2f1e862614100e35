/**
 * The Markdown trends report: a plain view model (every string formatted and Markdown-escaped
 * here, no arithmetic in the template) rendered by `templates/trends.eta`, with Mermaid
 * `xychart-beta` line charts (values, and the segment levels between change points) that GitHub
 * renders.
 */

import trendsTemplate from "../../templates/trends.eta" with { type: "text" };
import { markdownEta, renderTemplate } from "./eta.ts";
import { escapeMarkdown } from "./markdown_escape.ts";
import { median } from "../stats/median.ts";
import { sortedSeries } from "./render_trends_text.ts";
import { seriesMeasureText, seriesValueText } from "./series_measure_text.ts";
import { formatChange, formatDate, formatPercent, formatPValue } from "../_common/format.ts";
import {
  TREND_CLASSES,
  type TrendFinding,
  type TrendSeries,
  type TrendsResult,
} from "../trends/types.ts";

export interface TrendsMarkdownOptions {
  title?: string;
  /** Series drawn as charts. @default 6 */
  maxCharts?: number;
  /** Points per chart; longer series are down-sampled to bucket medians. @default 40 */
  maxChartPoints?: number;
}

export interface FindingRow {
  when: string;
  change: string;
  /** `time per record (median)`, `instructions per record (median of layouts)` … */
  measure: string;
  series: string;
  suite: string;
  values: string;
  basis: string;
  cause: string;
}

export interface ShiftRow {
  date: string;
  /** `time` or `instructions`: the series the shift concerns. */
  measure: string;
  direction: string;
  change: string;
  series: string;
  run: string;
  cause: string;
}

export interface SeriesRow {
  classification: string;
  series: string;
  perWeek: string;
  window: string;
  strength: string;
  p: string;
  noise: string;
  recent: string;
  changePoints: string;
}

export interface ChartView {
  title: string;
  caption: string;
  mermaid: string;
}

export interface TrendsMarkdownModel {
  title: string;
  summary: string;
  classes: string;
  hasRuns: boolean;
  regressions: FindingRow[];
  improvements: FindingRow[];
  shifts: ShiftRow[];
  charts: ChartView[];
  series: SeriesRow[];
}

export function buildTrendsMarkdownModel(
  result: TrendsResult,
  options: TrendsMarkdownOptions = {},
): TrendsMarkdownModel {
  const { counts, window } = result;
  const findingRow = (f: TrendFinding): FindingRow => ({
    when: f.basis === "trend"
      ? `${formatDate(f.since)} → ${formatDate(f.date)}`
      : formatDate(f.date),
    change: formatChange(f.change),
    measure: seriesMeasureText(f.unit),
    series: escapeMarkdown(f.label),
    suite: escapeMarkdown(f.suite),
    values: `${seriesValueText(f.measure, f.before)} → ${seriesValueText(f.measure, f.after)}`,
    basis: f.basis === "trend" ? "trend" : "change point",
    cause: escapeMarkdown(f.attribution?.summary ?? "—"),
  });
  return {
    title: escapeMarkdown(options.title ?? "Performance trends"),
    summary: counts.runs === 0
      ? "No runs in the results folder."
      : `${formatDate(window.from)} → ${formatDate(window.to)}` +
        `${window.days === null ? " (whole history)" : ` (${window.days} days)`} · ` +
        `${counts.runs} runs (${counts.measuredRuns} measured, ${counts.legacyRuns} imported) · ` +
        `${counts.series} series${
          counts.instructionSeries > 0 ? ` (${counts.instructionSeries} of instruction counts)` : ""
        } · ${counts.changePoints} change points · ` +
        `${counts.environmentShifts} environment shifts`,
    classes: TREND_CLASSES.map((c) => `${counts.byClass[c]} ${c}`).join(" · "),
    hasRuns: counts.runs > 0,
    regressions: result.findings.regressions.map(findingRow),
    improvements: result.findings.improvements.map(findingRow),
    shifts: result.environmentShifts.map((s) => ({
      date: formatDate(s.startedAt),
      measure: s.measureFamily ?? "time",
      direction: s.direction,
      change: formatChange(s.medianChange),
      series: `${s.seriesMoved}/${s.seriesTested}`,
      run: escapeMarkdown(`${s.runId.slice(0, 12)}${s.file ? ` (${s.file})` : ""}`),
      cause: escapeMarkdown(s.attribution.summary),
    })),
    charts: chartSeries(result, options.maxCharts ?? 6).map((s) =>
      chartOf(s, options.maxChartPoints ?? 40)
    ),
    series: sortedSeries(result.series).map((s) => ({
      classification: s.classification,
      series: escapeMarkdown(`${s.label} [${s.suite}]`),
      perWeek: formatChange(s.changePerWeek),
      window: formatChange(s.windowChange),
      strength: s.strength === null ? "—" : s.strength.toFixed(2),
      p: formatPValue(s.mannKendall?.pValue ?? null),
      noise: formatPercent(s.volatility),
      recent: formatChange(s.recentChange?.change ?? null),
      changePoints: String(s.changePoints.length),
    })),
  };
}

export function renderTrendsMarkdown(
  result: TrendsResult,
  options: TrendsMarkdownOptions = {},
): string {
  return renderTemplate(markdownEta, trendsTemplate, buildTrendsMarkdownModel(result, options));
}

/** The series of the findings (DataSON first), else the strongest trends. */
function chartSeries(result: TrendsResult, max: number): TrendSeries[] {
  const byId = new Map(result.series.map((s) => [s.id, s]));
  const chosen: TrendSeries[] = [];
  const findings = [...result.findings.regressions, ...result.findings.improvements].sort((a, b) =>
    Number(b.isDatason) - Number(a.isDatason) || Math.abs(b.change) - Math.abs(a.change)
  );
  for (const f of findings) {
    const s = byId.get(f.seriesId);
    if (s !== undefined && !chosen.includes(s)) chosen.push(s);
  }
  if (chosen.length === 0) {
    const candidates = result.series.filter((s) => s.usablePoints >= 2).sort((a, b) =>
      Number(b.isDatason) - Number(a.isDatason) || (b.strength ?? 0) - (a.strength ?? 0)
    );
    chosen.push(...candidates.slice(0, Math.min(max, 4)));
  }
  return chosen.slice(0, max);
}

function chartOf(series: TrendSeries, maxPoints: number): ChartView {
  const usable = series.points
    .map((p, index) => ({ ...p, index }))
    .filter((p) => p.value !== null && p.excluded === null);
  const buckets: (typeof usable)[] = [];
  const count = Math.min(maxPoints, usable.length);
  for (let b = 0; b < count; b++) {
    buckets.push(
      usable.slice(
        Math.floor((b * usable.length) / count),
        Math.floor(((b + 1) * usable.length) / count),
      ),
    );
  }
  const typical = usable.length > 0 ? median(usable.map((p) => p.value!)) : 1;
  const counted = series.measureFamily === "instructions";
  const { unit, scale } = (counted ? countAxisUnit : axisUnit)(
    Number.isFinite(typical) ? typical : 1,
  );
  const round = (v: number) => Number((v * scale).toPrecision(4));
  const labels = buckets.map((bucket) => `"${formatDate(bucket[0].startedAt)}"`);
  const values = buckets.map((bucket) => round(median(bucket.map((p) => p.value!))));
  const levels = buckets.map((bucket) => {
    const middle = bucket[Math.floor(bucket.length / 2)].index;
    const segment = series.segments.find((s) => s.from <= middle && middle <= s.to) ??
      series.segments[series.segments.length - 1];
    return round(segment.median);
  });
  const title = `${series.label} [${series.suite}]`.replace(/["`]/g, "'").replace(/\s+/g, " ");
  const axis = counted
    ? `${unit} ${seriesMeasureText(series.unit)}`.trim()
    : `${unit} per ${series.unit === "ns/call" ? "call (mean)" : "record (median)"}`;
  const mermaid = [
    "xychart-beta",
    `    title "${title}"`,
    `    x-axis [${labels.join(", ")}]`,
    `    y-axis "${axis}"`,
    `    line [${values.join(", ")}]`,
    `    line [${levels.join(", ")}]`,
  ].join("\n");
  const cps = series.changePoints.map((cp) =>
    `${formatDate(cp.startedAt)} ${formatChange(cp.change)} (${cp.attribution.summary})`
  );
  const steps = (series.environmentSteps ?? []).map((step) =>
    `${formatDate(step.startedAt)} ${formatChange(step.change)} (${step.attribution.summary})`
  );
  const downsampled = usable.length > count
    ? ` ${usable.length} points shown as ${count} bucket medians.`
    : "";
  return {
    title: escapeMarkdown(`${series.label} [${series.suite}]`),
    caption: escapeMarkdown(
      `${series.classification}; first line: values, second line: level between change points.` +
        `${downsampled} Change points: ${cps.length > 0 ? cps.join("; ") : "none"}.` +
        (steps.length > 0 ? ` Environment steps (not the code's): ${steps.join("; ")}.` : ""),
    ),
    mermaid,
  };
}

/** Unit and scale for a chart axis, chosen from a typical value in ns. */
export function axisUnit(typicalNs: number): { unit: string; scale: number } {
  if (typicalNs >= 1e9) return { unit: "s", scale: 1e-9 };
  if (typicalNs >= 1e6) return { unit: "ms", scale: 1e-6 };
  if (typicalNs >= 1e3) return { unit: "µs", scale: 1e-3 };
  return { unit: "ns", scale: 1 };
}

/** Scale for an axis of counts (instructions, cycles), chosen from a typical value. */
export function countAxisUnit(typical: number): { unit: string; scale: number } {
  if (typical >= 1e9) return { unit: "billion", scale: 1e-9 };
  if (typical >= 1e6) return { unit: "million", scale: 1e-6 };
  if (typical >= 1e3) return { unit: "thousand", scale: 1e-3 };
  return { unit: "", scale: 1 };
}
