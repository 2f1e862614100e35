/**
 * Timestamps of the predecessor's files, normalised to UTC ISO strings with `Z` (millisecond
 * precision). It wrote three forms: naive ISO strings (`2025-08-28T14:19:43.244977`, taken as UTC:
 * its runs were GitHub-hosted, whose clock is UTC), ISO with an offset (`…+00:00`), and epoch
 * floats (`1786935916.3997495`). File names carry `YYYYMMDD_HHMMSS` or a 10-digit epoch.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epochs outside 2000-01-01 … 2100-01-01 are not timestamps of benchmark runs. */
const MIN_EPOCH_SECONDS = 946684800;
const MAX_EPOCH_SECONDS = 4102444800;

/** Parses a stored timestamp (string or epoch number); null when it is not one. */
export function parseLegacyTimestamp(value: unknown): string | null {
  if (typeof value === "number") return fromEpochSeconds(value);
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^\d{9,10}(\.\d+)?$/.test(text)) return fromEpochSeconds(Number(text));
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  let epochMs = utcMs(+y, +mo, +d, +h, +mi, +s, ms);
  if (epochMs === null) return null;
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    epochMs -= sign * offsetMinutes * 60_000;
  }
  return new Date(epochMs).toISOString();
}

/** Timestamp from a file name: `…YYYYMMDD_HHMMSS…` first, else a standalone 10-digit epoch. */
export function timestampFromFileName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const stamp = /(?:^|\D)(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?!\d)/.exec(base);
  if (stamp) {
    const [, y, mo, d, h, mi, s] = stamp;
    const ms = utcMs(+y, +mo, +d, +h, +mi, +s, 0);
    if (ms !== null) return new Date(ms).toISOString();
  }
  const epoch = /(?:^|\D)(\d{10})(?!\d)/.exec(base);
  if (epoch) return fromEpochSeconds(Number(epoch[1]));
  return null;
}

function fromEpochSeconds(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds < MIN_EPOCH_SECONDS || seconds > MAX_EPOCH_SECONDS) {
    return null;
  }
  return new Date(Math.floor(seconds * 1000)).toISOString();
}

function utcMs(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const value = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(value);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null; // 31 February
  return value;
}
