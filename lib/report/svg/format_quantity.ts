/** Human-readable quantities for labels: durations from nanoseconds, sizes from bytes. */

export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return "–";
  const abs = Math.abs(ns);
  if (abs >= 1e9) return `${trim(ns / 1e9)} s`;
  if (abs >= 1e6) return `${trim(ns / 1e6)} ms`;
  if (abs >= 1e3) return `${trim(ns / 1e3)} µs`;
  return `${trim(ns)} ns`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "–";
  const abs = Math.abs(bytes);
  if (abs >= 1024 ** 3) return `${trim(bytes / 1024 ** 3)} GiB`;
  if (abs >= 1024 ** 2) return `${trim(bytes / 1024 ** 2)} MiB`;
  if (abs >= 1024) return `${trim(bytes / 1024)} KiB`;
  return `${Math.round(bytes)} B`;
}

/** Signed percentage, e.g. +12.3% / −4.0%. */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return "–";
  const value = (fraction * 100).toFixed(digits);
  return fraction > 0 ? `+${value}%` : fraction < 0 ? `−${value.slice(1)}%` : `${value}%`;
}

function trim(value: number): string {
  const abs = Math.abs(value);
  const text = abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
  return text.replace(/\.0+$|(\.\d*?)0+$/, "$1");
}
