/** How a section names the run it is drawn from. */

import type { MeasuredRunRecord } from "../../results/run_record.ts";
import type { RunRef } from "./types.ts";

/** `2026-11-16 02:00 UTC` from an ISO timestamp. */
export function formatTimestamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function runRef(record: MeasuredRunRecord): RunRef {
  const m = record.config.measure;
  return {
    runId: record.runId,
    runIdShort: record.runId.slice(0, 12),
    date: formatTimestamp(record.startedAt),
    settings: `profile ${record.config.profile} · ${m.processes} processes × ${m.values} values`,
    incomplete: !record.complete,
  };
}
