/** History analysis: series, trend classes, change points, environment shifts, key findings. */

export { analyzeTrends, DEFAULT_MAX_FINDINGS } from "./analyze_trends.ts";
export { analyzeSeries, recentChange } from "./analyze_series.ts";
export { attributeChange, fingerprintChanges, summarizeChanges } from "./attribute_change.ts";
export { buildSeries, type BuiltSeries, measuredValue, trendRunOf } from "./build_series.ts";
export { classifyTrend, MIN_TREND_POINTS, type TrendEvidence } from "./classify_trend.ts";
export { detectEnvironmentShifts, type ShiftOptions } from "./environment_shifts.ts";
export { formatTrendsText, sortedSeries } from "../report/format_trends_text.ts";
export { keyFindings } from "./key_findings.ts";
export { loadTrendRecords } from "./load_trend_records.ts";
export { matchesMetric } from "./match_metric.ts";
export {
  buildTrendsMarkdownModel,
  renderTrendsMarkdown,
  type TrendsMarkdownModel,
  type TrendsMarkdownOptions,
} from "../report/render_trends_markdown.ts";
export * from "./types.ts";
export { trendsOptions } from "./trends_options.ts";
