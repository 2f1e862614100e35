/**
 * The statistics of one series, on log values of its usable points (ok and not excluded):
 * direction by the Theil–Sen slope against time in days, significance and strength by
 * Mann–Kendall, volatility by the robust CV of the run-to-run noise, the recent change (median of
 * the last quarter of the points against the quarter before), change points by seeded binary
 * segmentation, and each change point's attribution.
 *
 * Instruction series are near-deterministic: their smallest change is `instructionMinChange`
 * (not time's `minChange`), and a step far above their own noise is a change point even where
 * the permutation test cannot reach `alpha` over a few runs (`stepOverNoise`). Their counting
 * environment shifts (a new Valgrind, cache geometry, CPU or C library) cut them into epochs whose
 * counts are not comparable: change points are searched within each epoch, the level change
 * between two epochs is an environment step (attributed to what changed), and the trend
 * statistics cover the last epoch.
 */

import { binarySegmentation } from "../stats/binary_segmentation.ts";
import { mannKendall } from "../stats/mann_kendall.ts";
import { theilSen } from "../stats/theil_sen.ts";
import { median } from "../stats/median.ts";
import { differenceScale } from "../stats/trend_robust.ts";
import { attributeChange } from "./attribute_change.ts";
import type { BuiltSeries } from "./build_series.ts";
import { classifyTrend, MIN_TREND_POINTS } from "./classify_trend.ts";
import {
  DEFAULT_INSTRUCTION_MIN_CHANGE,
  type EnvironmentShift,
  type EnvironmentStep,
  type RecentChange,
  type TrendChangePoint,
  type TrendRun,
  type TrendSegment,
  type TrendSeries,
  type TrendsOptions,
} from "./types.ts";

const MS_PER_DAY = 86_400_000;
/** Instruction series: a step this many times the noise of its sides needs no permutation p. */
export const INSTRUCTION_STEP_OVER_NOISE = 4;

/**
 * `countingShifts`: the instruction environment shifts of the window (`detectCountingShifts()`),
 * with `runOrder` the position of every run in time order; both only matter for instruction
 * series.
 */
export function analyzeSeries(
  built: BuiltSeries,
  runsById: ReadonlyMap<string, TrendRun>,
  options: TrendsOptions,
  countingShifts: readonly EnvironmentShift[] = [],
  runOrder: ReadonlyMap<string, number> = new Map(),
): TrendSeries {
  const counted = built.measureFamily === "instructions";
  const minChange = counted
    ? options.instructionMinChange ?? DEFAULT_INSTRUCTION_MIN_CHANGE
    : options.minChange;
  const usableIndex: number[] = [];
  built.points.forEach((p, i) => {
    if (p.value !== null && p.excluded === null) usableIndex.push(i);
  });
  const n = usableIndex.length;
  const allValues = usableIndex.map((i) => built.points[i].value!);
  const allLogs = allValues.map(Math.log);
  const lastValue = [...built.points].reverse().find((p) => p.value !== null)?.value ?? null;

  // Epochs: usable positions [from, to) between the counting shifts (one epoch for time series).
  const steps = counted ? stepPositions(built, usableIndex, countingShifts, runOrder) : [];
  const epochStarts = [0, ...steps.map((s) => s.position)];
  const epochs = epochStarts.map((from, e) => ({ from, to: epochStarts[e + 1] ?? n }));
  const trendFrom = epochStarts[epochStarts.length - 1];
  const values = allValues.slice(trendFrom);
  const logs = allLogs.slice(trendFrom);
  const days = usableIndex.slice(trendFrom).map((i) =>
    Date.parse(built.points[i].startedAt) / MS_PER_DAY
  );
  const m = logs.length;

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
    segments: epochs.filter((e) => e.to > e.from).map((e) => ({
      from: usableIndex[e.from],
      to: usableIndex[e.to - 1],
      median: Math.exp(median(allLogs.slice(e.from, e.to))),
    })),
    ...(counted ? { environmentSteps: [] } : {}),
  };
  if (m >= 2) base.volatility = differenceScale(logs);
  base.recentChange = recentChange(values);
  if (m >= MIN_TREND_POINTS) {
    const line = theilSen(days, logs);
    if (line !== null) {
      base.slopePerDay = line.slope;
      base.changePerWeek = Math.expm1(7 * line.slope);
      base.windowChange = Math.expm1(line.slope * (days[m - 1] - days[0]));
      base.trendLine = {
        start: Math.exp(line.intercept + line.slope * days[0]),
        end: Math.exp(line.intercept + line.slope * days[m - 1]),
      };
    }
    const mk = mannKendall(logs);
    base.mannKendall = { s: mk.s, varS: mk.varS, tau: mk.tau, z: mk.z, pValue: mk.pValue };
    base.strength = Math.abs(mk.tau);
    base.classification = classifyTrend({
      usablePoints: m,
      pValue: mk.pValue,
      windowChange: base.windowChange,
      volatility: base.volatility,
    }, { alpha: options.alpha, minChange, volatileCv: options.volatileCv });
  }
  // Too few points for a trend: a time series searches no change points either; an instruction
  // series still does, epoch by epoch (each needs twice `minSegment` points).
  if (!counted && m < MIN_TREND_POINTS) return base;

  // Change points within each epoch.
  const detected: { index: number; pValue: number }[] = [];
  epochs.forEach((epoch, e) => {
    const found = binarySegmentation(allLogs.slice(epoch.from, epoch.to), {
      minSegment: options.minSegment,
      permutations: options.permutations,
      alpha: options.alpha,
      minShift: Math.log1p(minChange),
      seed: options.seed,
      label: `trends/${built.source}/${built.id}${e === 0 ? "" : `/epoch-${e}`}`,
      ...(counted ? { stepOverNoise: INSTRUCTION_STEP_OVER_NOISE } : {}),
    });
    for (const d of found) detected.push({ index: epoch.from + d.index, pValue: d.pValue });
  });
  const bounds = [...new Set([0, ...epochStarts, ...detected.map((d) => d.index), n])]
    .sort((a, b) => a - b);
  const segments: TrendSegment[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    segments.push({
      from: usableIndex[bounds[s]],
      to: usableIndex[bounds[s + 1] - 1],
      median: Math.exp(median(allLogs.slice(bounds[s], bounds[s + 1]))),
    });
  }
  if (n > 0) base.segments = segments;
  const segmentAt = (position: number) => bounds.indexOf(position);
  const runs = usableIndex.map((i) => runsById.get(built.points[i].runId)!);
  base.changePoints = detected.map((d): TrendChangePoint => {
    const k = segmentAt(d.index);
    const before = segments[k - 1].median;
    const after = segments[k].median;
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
      attribution: attributeChange(
        runs,
        d.index - 1,
        d.index,
        built.environment,
        built.library,
        built.measureFamily,
      ),
    };
  });
  if (counted) {
    base.environmentSteps = steps.map((step): EnvironmentStep => {
      const k = segmentAt(step.position);
      const before = segments[k - 1].median;
      const after = segments[k].median;
      const point = built.points[usableIndex[step.position]];
      return {
        index: usableIndex[step.position],
        runId: point.runId,
        startedAt: point.startedAt,
        before,
        after,
        change: after / before - 1,
        attribution: step.shift.attribution,
      };
    });
  }
  return base;
}

/**
 * The usable positions (> 0) of a series at which a counting shift lies between the point and the
 * one before it (the shift's own run, or a run between them where the series has no usable point).
 */
function stepPositions(
  built: BuiltSeries,
  usableIndex: readonly number[],
  shifts: readonly EnvironmentShift[],
  runOrder: ReadonlyMap<string, number>,
): { position: number; shift: EnvironmentShift }[] {
  const ordered = shifts
    .filter((s) => s.measureFamily === "instructions" && s.source === built.source)
    .map((shift) => ({ shift, at: runOrder.get(shift.runId) }))
    .filter((s): s is { shift: EnvironmentShift; at: number } => s.at !== undefined);
  const out: { position: number; shift: EnvironmentShift }[] = [];
  for (let k = 1; k < usableIndex.length; k++) {
    const lo = runOrder.get(built.points[usableIndex[k - 1]].runId);
    const hi = runOrder.get(built.points[usableIndex[k]].runId);
    if (lo === undefined || hi === undefined) continue;
    // The latest shift in (lo, hi]: its attribution names what changed last.
    const within = ordered.filter((s) => s.at > lo && s.at <= hi);
    if (within.length > 0) out.push({ position: k, shift: within[within.length - 1].shift });
  }
  return out;
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
