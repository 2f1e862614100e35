/** Number formatting shared by the text and Markdown trend reports. */

/** `4.58 µs`, `1.23 ms`, `812 ns`: three significant digits in the largest fitting unit. */
export function formatNs(ns: number | null): string {
  if (ns === null || !Number.isFinite(ns)) return "—";
  const abs = Math.abs(ns);
  const [value, unit] = abs >= 1e9
    ? [ns / 1e9, "s"]
    : abs >= 1e6
    ? [ns / 1e6, "ms"]
    : abs >= 1e3
    ? [ns / 1e3, "µs"]
    : [ns, "ns"];
  return `${value.toPrecision(3)} ${unit}`;
}

/** `+12.3%`, `-32.1%`, `+0.0%`; `—` for null. */
export function formatChange(change: number | null, digits = 1): string {
  if (change === null || !Number.isFinite(change)) return "—";
  const percent = change * 100;
  const text = Math.abs(percent).toFixed(digits);
  return `${percent < 0 && Number(text) !== 0 ? "-" : "+"}${text}%`;
}

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
