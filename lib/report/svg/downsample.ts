/**
 * Down-sampling for long histories: recent points are kept as they are; older ones are replaced by
 * the median of each calendar bucket (ISO week for the last two years, month before that), so five
 * years of history stay readable and small.
 */

import type { LinePoint } from "./line_chart.ts";

export interface DownsampleOptions {
  /** Instant that "recent" is measured from (the newest point by default). */
  now?: number;
  /** Points newer than this many days are kept (default 180). */
  keepDays?: number;
  /** Points older than this many days are bucketed by month, else by week (default 730). */
  monthlyAfterDays?: number;
}

const DAY = 86_400_000;

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function downsample(
  points: readonly LinePoint[],
  options: DownsampleOptions = {},
): LinePoint[] {
  if (points.length === 0) return [];
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const now = options.now ?? sorted[sorted.length - 1].t;
  const keepFrom = now - (options.keepDays ?? 180) * DAY;
  const monthlyBefore = now - (options.monthlyAfterDays ?? 730) * DAY;
  const buckets = new Map<string, LinePoint[]>();
  const kept: LinePoint[] = [];
  for (const p of sorted) {
    if (p.t >= keepFrom) {
      kept.push(p);
      continue;
    }
    const d = new Date(p.t);
    const key = p.t < monthlyBefore
      ? `m${d.getUTCFullYear()}-${d.getUTCMonth()}`
      : `w${Math.floor((p.t + 3 * DAY) / (7 * DAY))}`;
    const bucket = buckets.get(key) ?? [];
    bucket.push(p);
    buckets.set(key, bucket);
  }
  const old = [...buckets.values()].map((bucket) => ({
    t: medianOf(bucket.map((p) => p.t)),
    value: medianOf(bucket.map((p) => p.value)),
  }));
  return [...old.sort((a, b) => a.t - b.t), ...kept];
}
