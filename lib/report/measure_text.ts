/** Labels and values of the compared measures as the outputs show them. */

import { formatBytes, formatNs } from "../_common/format.ts";
import type { Metric } from "../regression/types.ts";

export const METRIC_LABELS: Record<Metric, string> = {
  nsPerRecord: "time/record",
  outputBytes: "output bytes",
  peakTracedBytes: "peak memory",
};

export function formatMetricValue(metric: Metric, value: number | null): string {
  return metric === "nsPerRecord" ? formatNs(value) : formatBytes(value);
}
