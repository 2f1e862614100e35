export * from "./run_record.ts";
export { parseRunRecord, RunRecordError } from "./parse_run_record.ts";
export { computeRunId, withRunId } from "./run_id.ts";
export { canonicalJson } from "../_common/canonical_json.ts";
export { sha256File, sha256Hex } from "../_common/sha256.ts";
export { AtomicFileWriter, TEMP_PREFIX, writeFileAtomic } from "../_common/atomic_write.ts";
export {
  type ListOptions,
  listRunRecords,
  loadRunRecord,
  runRecordPath,
  saveRunRecord,
  type StoredRecord,
  type StoreListing,
  type StoreProblem,
} from "./store.ts";
export { displayPath } from "../_common/display_path.ts";
export { machineFingerprint } from "./machine_fingerprint.ts";
export { gitInfo } from "./git_info.ts";
export { MergeError, type MergeInput, type MergeResult, mergeRuns } from "./merge_runs.ts";
export {
  BASELINE_SCHEMA,
  type BaselinePointer,
  baselinePointerPath,
  isBaselineName,
  readBaselinePointer,
  writeBaselinePointer,
} from "./baseline_pointer.ts";
export { type ResolvedRun, resolveRun, type ResolveRunOptions } from "./resolve_run.ts";
