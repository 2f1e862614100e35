/**
 * The statistics of one series, on log values of its usable points (ok and not excluded):
 * direction by the Theil–Sen slope against time in days, significance and strength by
 * Mann–Kendall, volatility by the robust CV of the run-to-run noise, the recent change (median of
 * the last quarter of the points against the quarter before), change points by seeded binary
 * segmentation, and each change point's attribution.
 */

import { binarySegmentation } from "../stats/binary_segmentation.ts";
import { mannKendall } from "../stats/mann_kendall.ts";
import { theilSen } from "../stats/theil_sen.ts";
import { median } from "../stats/median.ts";
import { differenceScale } from "../stats/trend_robust.ts";
import { attributeChange } from "./attribute_change.ts";
import type { BuiltSeries } from "./build_series.ts";
import { classifyTrend, MIN_TREND_POINTS } from "./classify_trend.ts";
import type {
  RecentChange,
  TrendChangePoint,
  TrendRun,
  TrendSegment,
  TrendSeries,
  TrendsOptions,
} from "./types.ts";

const MS_PER_DAY = 86_400_000;

export function analyzeSeries(
  built: BuiltSeries,
  runsById: ReadonlyMap<string, TrendRun>,
  options: TrendsOptions,
): TrendSeries {
  const usableIndex: number[] = [];
  built.points.forEach((p, i) => {
    if (p.value !== null && p.excluded === null) usableIndex.push(i);
  });
  const n = usableIndex.length;
  const values = usableIndex.map((i) => built.points[i].value!);
  const logs = values.map(Math.log);
  const days = usableIndex.map((i) => Date.parse(built.points[i].startedAt) / MS_PER_DAY);
  const lastValue = [...built.points].reverse().find((p) => p.value !== null)?.value ?? null;

  const base: TrendSeries = {
    ...built,
    usablePoints: n,
    latest: lastValue,
    slopePerDay: null,
    changePerWeek: null,
    windowChange: null,
    trendLine: null,
    mannKendall: null,
    strength: null,
    volatility: null,
    classification: "insufficient",
    recentChange: null,
    changePoints: [],
    segments: n > 0
      ? [{
        from: usableIndex[0],
        to: usableIndex[n - 1],
        median: Math.exp(median(logs)),
      }]
      : [],
  };
  if (n >= 2) base.volatility = differenceScale(logs);
  base.recentChange = recentChange(values);
  if (n < MIN_TREND_POINTS) return base;

  const line = theilSen(days, logs);
  if (line !== null) {
    base.slopePerDay = line.slope;
    base.changePerWeek = Math.expm1(7 * line.slope);
    base.windowChange = Math.expm1(line.slope * (days[n - 1] - days[0]));
    base.trendLine = {
      start: Math.exp(line.intercept + line.slope * days[0]),
      end: Math.exp(line.intercept + line.slope * days[n - 1]),
    };
  }
  const mk = mannKendall(logs);
  base.mannKendall = { s: mk.s, varS: mk.varS, tau: mk.tau, z: mk.z, pValue: mk.pValue };
  base.strength = Math.abs(mk.tau);
  base.classification = classifyTrend({
    usablePoints: n,
    pValue: mk.pValue,
    windowChange: base.windowChange,
    volatility: base.volatility,
  }, options);

  const detected = binarySegmentation(logs, {
    minSegment: options.minSegment,
    permutations: options.permutations,
    alpha: options.alpha,
    minShift: Math.log1p(options.minChange),
    seed: options.seed,
    label: `trends/${built.source}/${built.id}`,
  });
  const bounds = [0, ...detected.map((d) => d.index), n];
  const segments: TrendSegment[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    segments.push({
      from: usableIndex[bounds[s]],
      to: usableIndex[bounds[s + 1] - 1],
      median: Math.exp(median(logs.slice(bounds[s], bounds[s + 1]))),
    });
  }
  base.segments = segments;
  const runs = usableIndex.map((i) => runsById.get(built.points[i].runId)!);
  base.changePoints = detected.map((d, k): TrendChangePoint => {
    const before = segments[k].median;
    const after = segments[k + 1].median;
    const point = built.points[usableIndex[d.index]];
    const previous = built.points[usableIndex[d.index - 1]];
    const change = after / before - 1;
    return {
      index: usableIndex[d.index],
      runId: point.runId,
      startedAt: point.startedAt,
      previousRunId: previous.runId,
      previousStartedAt: previous.startedAt,
      before,
      after,
      change,
      direction: change > 0 ? "regression" : "improvement",
      pValue: d.pValue,
      attribution: attributeChange(runs, d.index - 1, d.index, built.environment, built.library),
    };
  });
  return base;
}

/** Median of the last quarter of the values against the quarter before (≥ 2 values each). */
export function recentChange(values: readonly number[]): RecentChange | null {
  const quarter = Math.floor(values.length / 4);
  if (quarter < 2) return null;
  const last = median(values.slice(values.length - quarter));
  const previous = median(values.slice(values.length - 2 * quarter, values.length - quarter));
  return {
    points: quarter,
    lastMedian: last,
    previousMedian: previous,
    change: last / previous - 1,
  };
}
