/** Unit of a trend chart's axis. */

/** Unit and scale for a chart axis, chosen from a typical value in ns. */
export function axisUnit(typicalNs: number): { unit: string; scale: number } {
  if (typicalNs >= 1e9) return { unit: "s", scale: 1e-9 };
  if (typicalNs >= 1e6) return { unit: "ms", scale: 1e-6 };
  if (typicalNs >= 1e3) return { unit: "µs", scale: 1e-3 };
  return { unit: "ns", scale: 1 };
}
