/** Content-addressed run ids: SHA-256 of the canonical JSON of the record without `runId`. */

import { canonicalJson } from "../_common/canonical_json.ts";
import type { RunRecord } from "./run_record.ts";
import { sha256Hex } from "../_common/sha256.ts";

export function computeRunId(record: Omit<RunRecord, "runId"> | RunRecord): string {
  const { runId: _ignored, ...content } = record as RunRecord;
  return sha256Hex(canonicalJson(content));
}

/** Returns the record with its `runId` set from its content. */
export function withRunId<T extends RunRecord>(record: Omit<T, "runId">): T {
  const runId = computeRunId(record as Omit<RunRecord, "runId">);
  return { ...record, runId } as T;
}
