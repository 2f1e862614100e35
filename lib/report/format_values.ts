/** Number formatting shared by the comparison outputs (text, Markdown). */

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
  const units: [number, string][] = [[1e9, "s"], [1e6, "ms"], [1e3, "µs"], [1, "ns"]];
  for (const [scale, unit] of units) {
    if (Math.abs(ns) >= scale || unit === "ns") return `${(ns / scale).toPrecision(3)} ${unit}`;
  }
  return `${ns} ns`;
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

export const METRIC_LABELS: Record<Metric, string> = {
  nsPerRecord: "time/record",
  outputBytes: "output bytes",
  peakTracedBytes: "peak memory",
};

export function formatMetricValue(metric: Metric, value: number | null): string {
  return metric === "nsPerRecord" ? formatNs(value) : formatBytes(value);
}
