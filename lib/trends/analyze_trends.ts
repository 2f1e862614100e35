/**
 * `analyzeTrends()`: from stored RunRecords (ours and imported) to series, change points,
 * environment shifts and key findings.
 *
 * The window ends at the newest run (not the clock, so the same files always give the same
 * answer) and reaches back `days` days. Environment shifts are found over every series of the
 * window (before `metric` narrows the output), then their points are left out of each series'
 * statistics — they remain in `points`, marked, for charts. Those are time's shifts, found over the
 * time series and left out of them only. Instruction series have their own: runs at which the
 * counting environment changed (`detectCountingShifts()`), which cut them into epochs instead.
 */

import type { RunRecord } from "../results/run_record.ts";
import { analyzeSeries } from "./analyze_series.ts";
import { buildSeries } from "./build_series.ts";
import { detectCountingShifts } from "./counting_shifts.ts";
import { detectEnvironmentShifts } from "./environment_shifts.ts";
import { keyFindings } from "./key_findings.ts";
import { matchesMetric } from "./match_metric.ts";
import {
  DEFAULT_INSTRUCTION_MIN_CHANGE,
  TREND_CLASSES,
  type TrendClass,
  type TrendRun,
  type TrendsOptions,
  type TrendsResult,
} from "./types.ts";

const MS_PER_DAY = 86_400_000;
export const DEFAULT_MAX_FINDINGS = 10;

export function analyzeTrends(
  records: readonly RunRecord[],
  options: TrendsOptions,
): TrendsResult {
  const maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  let to: string | null = null;
  for (const record of records) if (to === null || record.startedAt > to) to = record.startedAt;
  let from: string | null = null;
  if (to !== null) {
    from = options.days === null
      ? records.reduce(
        (min, r) => (r.startedAt < min ? r.startedAt : min),
        to,
      )
      : new Date(Date.parse(to) - options.days * MS_PER_DAY).toISOString();
  }
  const inWindow = from === null ? [] : records.filter((r) => r.startedAt >= from!);
  const { runs, series: built } = buildSeries(inWindow);

  const instructionMinChange = options.instructionMinChange ?? DEFAULT_INSTRUCTION_MIN_CHANGE;
  const timeSeries = built.filter((s) => s.measureFamily === "time");
  const timeShifts = detectEnvironmentShifts(timeSeries, runs, {
    fraction: options.environmentShiftFraction,
    minChange: options.minChange,
  });
  const shiftRuns = new Set(timeShifts.map((s) => s.runId));
  for (const s of timeSeries) {
    for (const p of s.points) if (shiftRuns.has(p.runId)) p.excluded = "environment-shift";
  }
  const countingShifts = detectCountingShifts(built, runs, instructionMinChange);
  const runOrder = new Map(runs.map((r, i) => [r.runId, i]));
  const environmentShifts = [...timeShifts, ...countingShifts].sort((a, b) =>
    (runOrder.get(a.runId)! - runOrder.get(b.runId)!) ||
    (a.measureFamily === b.measureFamily ? 0 : a.measureFamily === "time" ? -1 : 1)
  );

  const runsById = new Map<string, TrendRun>(runs.map((r) => [r.runId, r]));
  const series = built
    .filter((s) => matchesMetric(s, options.metric))
    .map((s) => analyzeSeries(s, runsById, options, countingShifts, runOrder));

  const byClass = Object.fromEntries(TREND_CLASSES.map((c) => [c, 0])) as Record<
    TrendClass,
    number
  >;
  for (const s of series) byClass[s.classification]++;
  return {
    window: { from, to, days: options.days },
    runs,
    series,
    environmentShifts,
    findings: keyFindings(series, maxFindings),
    counts: {
      runs: runs.length,
      measuredRuns: runs.filter((r) => r.source === "measured").length,
      legacyRuns: runs.filter((r) => r.source === "legacy").length,
      series: series.length,
      instructionSeries: series.filter((s) => s.measureFamily === "instructions").length,
      changePoints: series.reduce((sum, s) => sum + s.changePoints.length, 0),
      environmentShifts: environmentShifts.length,
      byClass,
    },
    settings: {
      days: options.days,
      metric: options.metric,
      minSegment: options.minSegment,
      permutations: options.permutations,
      alpha: options.alpha,
      environmentShiftFraction: options.environmentShiftFraction,
      minChange: options.minChange,
      instructionMinChange,
      volatileCv: options.volatileCv,
      seed: options.seed,
      maxFindings,
    },
  };
}
