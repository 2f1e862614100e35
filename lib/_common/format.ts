/**
 * Number formatting, one formatter per quantity: relative changes, percentages, p-values, times,
 * bytes, ratios, throughputs, counts (exact and SI-scaled), durations and dates. Every output
 * (terminal text, Markdown, HTML, the reasons inside comparison results) formats a quantity through
 * the function here.
 */

/** A relative change as a signed percentage with one decimal (or `digits`): +30.0%, −4.2%. */
export function formatChange(change: number | null, digits = 1): string {
  if (change === null || !Number.isFinite(change)) return "—";
  const value = (change * 100).toFixed(digits);
  return change >= 0 ? `+${value}%` : `−${value.slice(1)}%`;
}

/** A CI of changes: "+28.1% … +32.0%". */
export function formatCi(ci: [number, number] | null): string {
  return ci === null ? "—" : `${formatChange(ci[0])} … ${formatChange(ci[1])}`;
}

/** An unsigned percentage (noise, an MDE, a rate): `12.3%`; `digits` decimals. */
export function formatPercent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(digits)}%`;
}

/**
 * A p-value: two significant digits without trailing zeros below 1 (`0.5`, `0.012`), `1.0` from
 * 0.995, scientific below 0.001 (`3.2e-5`), `0` for zero.
 */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return "—";
  if (p === 0) return "0";
  if (p >= 0.001) return p.toPrecision(2).replace(/^0\.(\d*?)0+$/, "0.$1");
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

/**
 * A large count in decimal units (10³ steps) with 3 significant digits: `812`, `425 k`, `12.3 M`,
 * `1.05 G` — instructions or estimated cycles per record.
 */
export function formatSiCount(count: number | null): string {
  if (count === null || !Number.isFinite(count)) return "—";
  if (Math.abs(count) < 999.5) return Math.round(count).toString();
  return withUnit(count, [[1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]]);
}

/**
 * A count per record, which may be fractional (calls per record over several records): three
 * significant digits below 1,000 (`0.5`, `12.3`, `412`), then as `formatSiCount` (`91.6 k`).
 */
export function formatPerRecord(count: number | null): string {
  if (count === null || !Number.isFinite(count)) return "—";
  if (Math.abs(count) < 5e-7) return "0";
  if (Math.abs(count) >= 999.5) return formatSiCount(count);
  const text = Number(count.toPrecision(3)).toString();
  return text.startsWith("-") ? `−${text.slice(1)}` : text;
}

/** A signed count per record: `+91.6 k`, `−12`, `0`. */
export function formatPerRecordChange(count: number | null): string {
  if (count === null || !Number.isFinite(count)) return "—";
  if (Math.abs(count) < 5e-7) return "0";
  return `${count > 0 ? "+" : "−"}${formatPerRecord(Math.abs(count))}`;
}

/** An integer with thousands separators: `1,000`. */
export function formatCount(count: number | null): string {
  return count === null || !Number.isFinite(count)
    ? "—"
    : Math.round(count).toLocaleString("en-US");
}

/** Bytes in SI units (1 KB = 1000 B), as the scenarios' size ranges are written: `512 B`, `1.2 MB`. */
export function formatBytesSi(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A duration for estimates and logs: "45 s", "12 min", "1 h 05 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** `2026-02-03` from an ISO timestamp. */
export function formatDate(iso: string | null): string {
  return iso === null ? "—" : iso.slice(0, 10);
}
