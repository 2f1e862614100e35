/** Number formatting shared by the comparison outputs (text, Markdown) and the report. */

import type { Metric } from "../regression/types.ts";

/** A relative change as a signed percentage with one decimal: +30.0%, −4.2%. */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return "—";
  const value = (change * 100).toFixed(1);
  return change >= 0 ? `+${value}%` : `−${value.slice(1)}%`;
}

/** A CI of changes: "+28.1% … +32.0%". */
export function formatCi(ci: [number, number] | null): string {
  return ci === null ? "—" : `${formatChange(ci[0])} … ${formatChange(ci[1])}`;
}

/** An MDE as an unsigned percentage. */
export function formatMde(mde: number | null): string {
  if (mde === null || !Number.isFinite(mde)) return "—";
  return `${(mde * 100).toFixed(1)}%`;
}

/** A p-value: two significant digits, scientific below 0.001. */
export function formatPValue(p: number | null): string {
  if (p === null) return "—";
  if (p === 0) return "0";
  if (p >= 0.001) return Number(p.toPrecision(2)).toString();
  return p.toExponential(1);
}

/** Nanoseconds with a unit that keeps 3 significant digits: 812 ns, 1.23 µs, 45.6 ms. */
export function formatNs(ns: number | null): string {
  if (ns === null || !Number.isFinite(ns)) return "—";
  return withUnit(ns, [[1e9, "s"], [1e6, "ms"], [1e3, "µs"], [1, "ns"]]);
}

/**
 * A value in the largest unit (units in descending order) it reaches after rounding to 3
 * significant digits, so 999.96 ns prints as `1.00 µs`, never `1.00e+3 ns`.
 */
function withUnit(value: number, units: [number, string][]): string {
  for (let i = 0; i < units.length; i++) {
    const [scale, unit] = units[i];
    const last = i === units.length - 1;
    const rounded = Number((Math.abs(value) / scale).toPrecision(3));
    if (rounded >= 1 || last) {
      if (rounded >= 1000) {
        if (i === 0) return `${Math.round(value / scale).toLocaleString("en-US")} ${unit}`;
        const [bigger, biggerUnit] = units[i - 1];
        return `${(value / bigger).toPrecision(3)} ${biggerUnit}`;
      }
      return `${(value / scale).toPrecision(3)} ${unit}`;
    }
  }
  return String(value);
}

/** Bytes in binary units: 812 B, 1.2 KiB, 3.4 MiB. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return "—";
  const units: [number, string][] = [[1024 ** 3, "GiB"], [1024 ** 2, "MiB"], [1024, "KiB"]];
  for (const [scale, unit] of units) {
    if (Math.abs(bytes) >= scale) return `${(bytes / scale).toFixed(1)} ${unit}`;
  }
  return `${Math.round(bytes)} B`;
}

/**
 * A ratio of two times with 3 significant digits: `0.236×`, `4.23×`, `12.3×`; integers from 1,000.
 */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio) || ratio <= 0) return "—";
  return ratio >= 999.5
    ? `${Math.round(ratio).toLocaleString("en-US")}×`
    : `${ratio.toPrecision(3)}×`;
}

/** A throughput in decimal units (10³ steps), 3 significant digits: `812 kB/s`, `12.3 MB/s`. */
export function formatThroughput(bytesPerSecond: number | null): string {
  if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0) return "—";
  return withUnit(bytesPerSecond, [[1e9, "GB/s"], [1e6, "MB/s"], [1e3, "kB/s"], [1, "B/s"]]);
}

/** An integer with thousands separators: `1,000`. */
export function formatCount(count: number | null): string {
  return count === null || !Number.isFinite(count)
    ? "—"
    : Math.round(count).toLocaleString("en-US");
}

export const METRIC_LABELS: Record<Metric, string> = {
  nsPerRecord: "time/record",
  outputBytes: "output bytes",
  peakTracedBytes: "peak memory",
};

export function formatMetricValue(metric: Metric, value: number | null): string {
  return metric === "nsPerRecord" ? formatNs(value) : formatBytes(value);
}
