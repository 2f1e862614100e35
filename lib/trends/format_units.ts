/**
 * Number formatting of the trend reports, on top of the shared `formatNs` and `formatChange` of
 * `lib/report/format_values.ts` (re-exported here so the trend modules import one place).
 */

export { formatChange, formatNs } from "../report/format_values.ts";

/** `12.3%` (no sign) for noise levels. */
export function formatPercent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(digits)}%`;
}

/** `0.003`, `<0.001`. */
export function formatP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return "—";
  if (p < 0.001) return "<0.001";
  return p.toFixed(3);
}

/** `2026-02-03` from an ISO timestamp. */
export function formatDate(iso: string | null): string {
  return iso === null ? "—" : iso.slice(0, 10);
}

/** Unit and scale for a chart axis, chosen from a typical value in ns. */
export function axisUnit(typicalNs: number): { unit: string; scale: number } {
  if (typicalNs >= 1e9) return { unit: "s", scale: 1e-9 };
  if (typicalNs >= 1e6) return { unit: "ms", scale: 1e-6 };
  if (typicalNs >= 1e3) return { unit: "µs", scale: 1e-3 };
  return { unit: "ns", scale: 1 };
}
