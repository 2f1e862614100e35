/** Measures as the outputs show them: the label and formatter each measure's table entry names. */

import { formatBytes, formatNs, formatSiCount } from "../_common/format.ts";
import { measureOf, type RenderKind } from "../regression/measures.ts";

const FORMATTERS: Record<RenderKind, (value: number | null) => string> = {
  "duration-ns": formatNs,
  bytes: formatBytes,
  count: formatSiCount,
};

/** `time/record`, `output bytes` …; the id itself for a measure this version does not know. */
export function measureLabel(id: string): string {
  return measureOf(id)?.label ?? id;
}

/** A value of a measure with its unit: `1.23 µs`, `4.0 KiB`, `12.3 M` (a count). */
export function formatMeasureValue(id: string, value: number | null): string {
  // Before the table of measures every measure but time was shown as bytes.
  return FORMATTERS[measureOf(id)?.render ?? "bytes"](value);
}
