import type { RunRecord } from "./run_record.ts";

/** Orders runs by `startedAt`, then `runId`, so runs started in the same instant still sort stably. */
export function compareRunOrder(
  a: Pick<RunRecord, "startedAt" | "runId">,
  b: Pick<RunRecord, "startedAt" | "runId">,
): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? -1 : 1;
  return a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0;
}
