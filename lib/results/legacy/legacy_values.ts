/**
 * Reading the predecessor's loosely typed JSON: small accessors that never throw, and the
 * conversion of one "timing block" into a legacy cell. Units are implied by key names: `mean`,
 * `min`, `max`, `std` are seconds; `mean_ms` and every `*_ms` are milliseconds. A failure becomes a
 * failed cell carrying the predecessor's error text, never a zero time.
 */

import type { CellStatus, LegacyCell } from "../run_record.ts";
import type { Operation } from "../../_common/vocabulary.ts";

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as JsonObject
    : null;
}

export function asString(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

export function asFiniteNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Entries of an object whose values are objects (skips scalars and arrays). */
export function objectEntries(value: unknown): [string, JsonObject][] {
  const object = asObject(value);
  if (object === null) return [];
  const out: [string, JsonObject][] = [];
  for (const [key, child] of Object.entries(object)) {
    const childObject = asObject(child);
    if (childObject !== null) out.push([key, childObject]);
  }
  return out;
}

/** Where a cell sits: everything but the measurement. */
export interface LegacyCellKey {
  suite: string;
  scenario: string;
  target: string;
  environment: string;
  operation: Operation;
}

/** Maps a predecessor method or direction name to our operation. */
export function operationOf(name: string): Operation {
  return /^(de|load)/i.test(name) || /deserial/i.test(name) ? "deserialize" : "serialize";
}

/** A failed cell: no time, the reason kept. */
export function failedCell(
  key: LegacyCellKey,
  message: string,
  status: CellStatus = "error",
  samples: number | null = null,
): LegacyCell {
  return {
    ...key,
    status,
    statistic: "mean",
    nsPerCall: null,
    samples,
    error: { type: "LegacyFailure", message },
  };
}

const NS_PER_SECOND = 1e9;
const NS_PER_MILLISECOND = 1e6;

/**
 * Converts a timing block `{mean, min, max, std, successful_runs, error_count, mean_ms, …}` (or a
 * milliseconds-only one `{mean_ms, …, iterations}`) into a cell. `defaultSamples` is used when the
 * block itself does not count its calls (schema E keeps `successful_runs` one level up).
 */
export function cellFromTimingBlock(
  key: LegacyCellKey,
  block: unknown,
  defaultSamples: number | null = null,
): LegacyCell {
  const object = asObject(block);
  if (object === null) return failedCell(key, "not a timing block (expected an object)");
  const samplesValue = asFiniteNumber(object.successful_runs) ?? asFiniteNumber(object.iterations);
  const samples = samplesValue !== null && Number.isInteger(samplesValue) && samplesValue >= 0
    ? samplesValue
    : defaultSamples;
  const errorText = asString(object.error);
  const errorCount = asFiniteNumber(object.error_count);
  const describeFailure = () =>
    errorText ??
      (object.status === "failed"
        ? `failed${errorCount !== null ? ` (${errorCount} errors)` : ""}`
        : "no timings recorded");
  if (
    object.status === "failed" || asFiniteNumber(object.success_rate) === 0 || samples === 0
  ) {
    return failedCell(key, describeFailure(), "error", samples);
  }
  const seconds = asFiniteNumber(object.mean);
  const milliseconds = asFiniteNumber(object.mean_ms);
  const ns = seconds !== null
    ? seconds * NS_PER_SECOND
    : milliseconds !== null
    ? milliseconds * NS_PER_MILLISECOND
    : null;
  if (ns === null) return failedCell(key, describeFailure(), "error", samples);
  if (!(ns > 0)) {
    return failedCell(key, `recorded a mean of ${ns} ns, which is not a time`, "error", samples);
  }
  return { ...key, status: "ok", statistic: "mean", nsPerCall: ns, samples };
}

/** Output size in bytes, when the predecessor measured bytes (`size_type` bytes or utf-8 bytes). */
export function outputBytesOf(sizeEntry: unknown): number | null {
  const object = asObject(sizeEntry);
  if (object === null) return null;
  const size = asFiniteNumber(object.size);
  const type = asString(object.size_type);
  if (size === null || size < 0 || (type !== "bytes" && type !== "utf-8 bytes")) return null;
  return size;
}
