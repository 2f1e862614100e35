/** The newest measured run that holds each suite. */

import { compareRunOrder } from "../../results/compare_run_order.ts";
import type { MeasuredRunRecord, RunRecord } from "../../results/run_record.ts";

/** The built-in suites with sections of their own; any other suite is shown like `competitive`. */
export const CHOICE_SUITES = ["configurations", "versions"];

/**
 * Suite → the newest measured run (by `startedAt`, then run id) with at least one cell of it.
 * Imported legacy runs never count: they hold a different metric.
 */
export function newestRunBySuite(records: readonly RunRecord[]): Map<string, MeasuredRunRecord> {
  const ordered = records.filter((r): r is MeasuredRunRecord => r.source !== "legacy")
    .sort(compareRunOrder);
  const newest = new Map<string, MeasuredRunRecord>();
  for (const record of ordered) {
    for (const suite of new Set(record.cells.map((c) => c.suite))) newest.set(suite, record);
  }
  return newest;
}

/** Suites shown as latest-result sections: `competitive` first, then the custom ones by name. */
export function latestSuites(bySuite: ReadonlyMap<string, MeasuredRunRecord>): string[] {
  return [...bySuite.keys()].filter((s) => !CHOICE_SUITES.includes(s)).sort((a, b) =>
    a === "competitive" ? -1 : b === "competitive" ? 1 : a < b ? -1 : a > b ? 1 : 0
  );
}
