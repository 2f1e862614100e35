/**
 * `parseRunRecord()`: the one door through which stored runs enter the program. It validates the
 * shape and units once, names the file and JSON path on error, rejects newer schemas with an
 * upgrade hint, and checks that `runId` matches the content. Code after it trusts the types.
 */

import { InputError } from "../_common/errors.ts";
import { formatJsonPath } from "../_common/json_path.ts";
import { hasOwnKey } from "../_common/own_key.ts";
import { type SchemaNode, validateSchema } from "../_common/validate_schema.ts";
import { computeRunId } from "./run_id.ts";
import { RUN_RECORD_SCHEMA, RUN_RECORD_SCHEMA_VERSION, type RunRecord } from "./run_record.ts";
import schemaJson from "./run_record.schema.json" with { type: "json" };

const RUN_SCHEMA: SchemaNode = schemaJson as SchemaNode;
const SCHEMA_ID = /^datason-bench\/run@(\d+)$/;

/** Why a stored file cannot be used; `kind` lets listings group problems. */
export type RecordProblemKind = "invalid" | "future-schema" | "not-a-run-record";

export class RunRecordError extends InputError {
  readonly file: string;
  readonly kind: RecordProblemKind;
  readonly reason: string;
  constructor(file: string, kind: RecordProblemKind, reason: string, hint?: string) {
    super(`cannot read result "${file}": ${reason}`, { hint });
    this.file = file;
    this.kind = kind;
    this.reason = reason;
  }
}

export function parseRunRecord(value: unknown, source: string): RunRecord {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new RunRecordError(source, "not-a-run-record", "the top level is not a JSON object");
  }
  const schema = (value as Record<string, unknown>).schema;
  if (typeof schema !== "string") {
    throw new RunRecordError(
      source,
      "not-a-run-record",
      'no "schema" field: not a datason-bench RunRecord',
      "files of the predecessor are converted with `datason-bench import`",
    );
  }
  const match = SCHEMA_ID.exec(schema);
  if (!match) {
    throw new RunRecordError(source, "not-a-run-record", `schema "${schema}" is not a RunRecord`);
  }
  const version = Number(match[1]);
  if (version > RUN_RECORD_SCHEMA_VERSION) {
    throw new RunRecordError(
      source,
      "future-schema",
      `written by a newer datason-bench (schema ${schema}; this version reads ${RUN_RECORD_SCHEMA})`,
      "upgrade datason-bench to read it",
    );
  }
  const issues = validateSchema(value, RUN_SCHEMA, { enforceRequired: true });
  issues.push(...checkSemantics(value as Record<string, unknown>));
  if (issues.length > 0) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : "";
    throw new RunRecordError(source, "invalid", `${first.path}: ${first.message}${more}`);
  }
  const record = value as unknown as RunRecord;
  const expected = computeRunId(record);
  if (record.runId !== expected) {
    throw new RunRecordError(
      source,
      "invalid",
      `runId does not match the content (expected ${
        expected.slice(0, 12)
      }…): the file was edited or damaged`,
      "restore the file from the results branch, or re-run the benchmark",
    );
  }
  return migrate(record);
}

/**
 * Older v1 records, read as today's: measured cells written before the JSON tier have no `tier`
 * and measured typed records. Done after the runId check, which covers the bytes as stored.
 */
function migrate(record: RunRecord): RunRecord {
  if (record.source !== "datason-bench") return record;
  for (const cell of record.cells) {
    if ((cell as { tier?: unknown }).tier === undefined) cell.tier = "typed";
  }
  return record;
}

function checkSemantics(record: Record<string, unknown>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const at = (...segments: (string | number)[]) => formatJsonPath(segments);
  // Cells that are not objects are the schema's issue; only objects are looked into here.
  const cells = (Array.isArray(record.cells) ? record.cells as unknown[] : []).map((cell) =>
    cell !== null && typeof cell === "object" && !Array.isArray(cell)
      ? cell as Record<string, unknown>
      : null
  );
  if (record.source === "datason-bench") {
    for (const key of ["config", "datasets", "shard", "schedule"]) {
      if (!hasOwnKey(record, key)) {
        issues.push({ path: at(key), message: "is required for measured runs" });
      }
    }
    cells.forEach((cell, i) => {
      if (cell === null) return;
      for (
        const key of [
          "loops",
          "nsPerRecord",
          "rounds",
          "outputBytes",
          "peakTracedBytes",
          "rssDeltaBytes",
          "fidelity",
          "summary",
        ]
      ) {
        if (!hasOwnKey(cell, key)) {
          issues.push({ path: at("cells", i, key), message: "is required" });
        }
      }
      const values = cell.nsPerRecord as unknown[] | undefined;
      const rounds = cell.rounds as unknown[] | undefined;
      if (Array.isArray(values) && Array.isArray(rounds) && values.length !== rounds.length) {
        issues.push({
          path: at("cells", i, "rounds"),
          message: `has ${rounds.length} entries for ${values.length} processes`,
        });
      }
      // An ok cell has a measure: times, or (an instructions-only run) counts.
      const counts = cell.instructionsPerRecord as unknown[] | undefined;
      const counted = Array.isArray(counts) && counts.length > 0;
      if (cell.status === "ok" && Array.isArray(values) && values.length === 0 && !counted) {
        issues.push({
          path: at("cells", i, "nsPerRecord"),
          message: "is empty for an ok cell that has no instruction counts either",
        });
      }
      const instructions = cell.instructions as
        | { layouts?: unknown[]; profiles?: unknown[] }
        | undefined;
      const layouts = instructions?.layouts;
      if (Array.isArray(counts) && Array.isArray(layouts) && counts.length !== layouts.length) {
        issues.push({
          path: at("cells", i, "instructionsPerRecord"),
          message: `has ${counts.length} entries for ${layouts.length} layouts`,
        });
      }
      const profiles = instructions?.profiles;
      if (Array.isArray(profiles) && Array.isArray(layouts) && profiles.length !== layouts.length) {
        issues.push({
          path: at("cells", i, "instructions", "profiles"),
          message: `has ${profiles.length} entries for ${layouts.length} layouts`,
        });
      }
    });
  } else if (record.source === "legacy") {
    if (!hasOwnKey(record, "legacy")) {
      issues.push({ path: "legacy", message: "is required for imported runs" });
    }
    cells.forEach((cell, i) => {
      if (cell === null) return;
      for (const key of ["statistic", "nsPerCall", "samples"]) {
        if (!hasOwnKey(cell, key)) {
          issues.push({ path: at("cells", i, key), message: "is required" });
        }
      }
      if (cell.status === "ok" && cell.nsPerCall === null) {
        issues.push({ path: at("cells", i, "nsPerCall"), message: "is null for an ok cell" });
      }
    });
  }
  return issues;
}
