/**
 * Environment shifts: runs in which most series moved together, in the same direction, beyond
 * their own noise — a different machine or a busy neighbour, not a code change (the predecessor's
 * history has twelve runs 18–42% faster on every metric). Each is flagged once, for the run, and its
 * points are left out of every per-series statistic, so it never becomes a change point.
 *
 * For each series with at least 5 usable points, a point "moved" when its log value differs from
 * the median of up to 3 neighbours before it AND from the median of up to 3 neighbours after it
 * (each side judged only when it has 2 or more neighbours) by more than max(2σ, log(1 + minChange)),
 * σ being the series' run-to-run noise (`differenceScale`). Requiring both sides separates a
 * transient shift from the first run of a lasting step (which moved against its past only, and is
 * a change point). At the ends of a series one side is all there is. A run is a shift when at
 * least 3 series could be judged and the share that moved in the dominant direction reaches
 * `environmentShiftFraction`.
 */

import { median } from "../stats/median.ts";
import { differenceScale } from "../stats/trend_robust.ts";
import { fingerprintChanges, summarizeChanges } from "./attribute_change.ts";
import type { BuiltSeries } from "./build_series.ts";
import type { EnvironmentShift, TrendRun } from "./types.ts";

export interface ShiftOptions {
  fraction: number;
  minChange: number;
  /** Fewest judged series for a run to be called a shift. @default 3 */
  minSeries?: number;
}

const NEIGHBOURS = 3;
const NOISE_UNITS = 2;
const MIN_POINTS = 5;
const MAX_PASSES = 5;

interface PreparedSeries {
  runIds: string[];
  logs: number[];
  threshold: number;
}

function prepareSeries(series: readonly BuiltSeries[], floor: number): PreparedSeries[] {
  const out: PreparedSeries[] = [];
  for (const s of series) {
    const usable = s.points.filter((p) => p.value !== null);
    if (usable.length < MIN_POINTS) continue;
    const logs = usable.map((p) => Math.log(p.value!));
    const sigma = differenceScale(logs);
    out.push({
      runIds: usable.map((p) => p.runId),
      logs,
      threshold: Math.max(NOISE_UNITS * (Number.isFinite(sigma) ? sigma : 0), floor),
    });
  }
  return out;
}

/** How many series moved up or down at each run, against neighbours outside `skip`. */
function tallyMoves(
  series: readonly PreparedSeries[],
  skip: ReadonlySet<string>,
): Map<string, RunTally> {
  const tallies = new Map<string, RunTally>();
  for (const { runIds, logs, threshold } of series) {
    const clean: number[] = [];
    for (let i = 0; i < logs.length; i++) if (!skip.has(runIds[i])) clean.push(i);
    let lo = 0; // first clean position at or after k
    for (let k = 0; k < logs.length; k++) {
      while (lo < clean.length && clean[lo] < k) lo++;
      const after = lo < clean.length && clean[lo] === k ? lo + 1 : lo;
      const before = neighbourMedian(logs, clean, Math.max(0, lo - NEIGHBOURS), lo);
      const next = neighbourMedian(logs, clean, after, Math.min(clean.length, after + NEIGHBOURS));
      if (before === null && next === null) continue;
      const dPrev = before === null ? null : logs[k] - before;
      const dNext = next === null ? null : logs[k] - next;
      let tally = tallies.get(runIds[k]);
      if (tally === undefined) {
        tally = { tested: 0, up: 0, down: 0, deviations: [] };
        tallies.set(runIds[k], tally);
      }
      tally.tested++;
      if ((dPrev ?? Infinity) > threshold && (dNext ?? Infinity) > threshold) tally.up++;
      else if ((dPrev ?? -Infinity) < -threshold && (dNext ?? -Infinity) < -threshold) {
        tally.down++;
      }
      // The side closest to the point is the conservative size of its move.
      tally.deviations.push(
        dPrev === null
          ? dNext!
          : dNext === null || Math.abs(dPrev) <= Math.abs(dNext)
          ? dPrev
          : dNext,
      );
    }
  }
  return tallies;
}

/** Median of logs at clean[from..to) when there are 2 or 3 of them, else null (no allocation). */
function neighbourMedian(
  logs: readonly number[],
  clean: readonly number[],
  from: number,
  to: number,
): number | null {
  const count = to - from;
  if (count < 2) return null;
  const a = logs[clean[from]];
  const b = logs[clean[from + 1]];
  if (count === 2) return (a + b) / 2;
  const c = logs[clean[from + 2]];
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

interface RunTally {
  tested: number;
  up: number;
  down: number;
  deviations: number[];
}

export function detectEnvironmentShifts(
  series: readonly BuiltSeries[],
  runs: readonly TrendRun[],
  options: ShiftOptions,
): EnvironmentShift[] {
  const minSeries = options.minSeries ?? 3;
  const prepared = prepareSeries(series, Math.log1p(options.minChange));
  // Two shifted runs close together would make each other's neighbourhoods look shifted: the
  // runs flagged by one pass are left out of the neighbourhoods of the next, until nothing changes.
  let flagged = new Set<string>();
  let tallies = new Map<string, RunTally>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    tallies = tallyMoves(prepared, flagged);
    const next = new Set<string>();
    for (const [runId, tally] of tallies) {
      if (
        tally.tested >= minSeries &&
        Math.max(tally.up, tally.down) / tally.tested >= options.fraction
      ) {
        next.add(runId);
      }
    }
    const same = next.size === flagged.size && [...next].every((id) => flagged.has(id));
    flagged = next;
    if (same) break;
  }

  const shifts: EnvironmentShift[] = [];
  const previousBySource = new Map<string, TrendRun>();
  for (const run of runs) {
    const previous = previousBySource.get(run.source);
    previousBySource.set(run.source, run);
    const tally = tallies.get(run.runId);
    if (tally === undefined || !flagged.has(run.runId)) continue;
    const moved = Math.max(tally.up, tally.down);
    const fraction = moved / tally.tested;
    const environment = Object.keys(run.environments)[0] ?? "default";
    const changes = previous === undefined
      ? []
      : fingerprintChanges(previous, run, environment, null);
    shifts.push({
      runId: run.runId,
      startedAt: run.startedAt,
      source: run.source,
      file: run.file,
      measureFamily: "time",
      direction: tally.down > tally.up ? "faster" : "slower",
      seriesMoved: moved,
      seriesTested: tally.tested,
      fraction,
      medianChange: Math.expm1(median(tally.deviations)),
      attribution: { changes, summary: summarizeChanges(changes) },
    });
  }
  return shifts;
}
