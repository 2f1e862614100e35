/**
 * One predecessor file → one validated `LegacyRunRecord`. The record holds only what the file
 * says (no import time, no importing tool's version), so converting the same file again yields the
 * same `runId`.
 */

import { canonicalJson } from "../../_common/canonical_json.ts";
import { parseRunRecord, RunRecordError } from "../parse_run_record.ts";
import { withRunId } from "../run_id.ts";
import {
  cellKey,
  type LegacyCell,
  type LegacyRunRecord,
  RUN_RECORD_SCHEMA,
} from "../run_record.ts";
import { sha256Hex } from "../../_common/sha256.ts";
import { convertApiModes } from "./api_modes.ts";
import { convertCompetitive } from "./competitive.ts";
import { convertConfigurations } from "./configurations.ts";
import { detectLegacyFormat } from "./detect_legacy_format.ts";
import { convertEnhancedCompetitive } from "./enhanced_competitive.ts";
import { timestampFromFileName } from "./legacy_time.ts";
import type { LegacyConversion, LegacyFormat } from "./legacy_types.ts";
import type { JsonObject } from "./legacy_values.ts";
import { convertPrOptimizedTiered } from "./pr_optimized_tiered.ts";
import { convertQuick } from "./quick.ts";
import { convertVersioning } from "./versioning.ts";

/** Name of the tool recorded in imported runs. */
export const LEGACY_TOOL_NAME = "datason-benchmarks";

const CONVERTERS: Record<LegacyFormat, (doc: JsonObject) => LegacyConversion> = {
  A: convertApiModes,
  B: convertEnhancedCompetitive,
  C: convertCompetitive,
  D: convertQuick,
  E: convertConfigurations,
  G: convertVersioning,
  I: convertPrOptimizedTiered,
};

export type LegacyFileConversion =
  | { kind: "record"; record: LegacyRunRecord }
  | { kind: "unrecognised"; reason: string };

/**
 * Converts a parsed predecessor file. `file` is the name recorded in the run (and the fallback
 * source of its timestamp).
 */
export function convertLegacyDocument(value: unknown, file: string): LegacyFileConversion {
  const detection = detectLegacyFormat(value);
  if (detection.format === null) return { kind: "unrecognised", reason: detection.reason };
  const format = detection.format;
  const conversion = CONVERTERS[format](value as JsonObject);
  if (conversion.cells.length === 0) {
    return {
      kind: "unrecognised",
      reason: `looks like schema ${format} but holds no timing blocks`,
    };
  }
  const startedAt = conversion.startedAt ?? timestampFromFileName(file);
  if (startedAt === null) {
    return {
      kind: "unrecognised",
      reason: `schema ${format}, but neither its metadata nor its file name carries a timestamp`,
    };
  }
  const finishedAt = conversion.durationSeconds === null
    ? startedAt
    : new Date(Date.parse(startedAt) + Math.round(conversion.durationSeconds * 1000))
      .toISOString();
  const record = withRunId<LegacyRunRecord>({
    schema: RUN_RECORD_SCHEMA,
    source: "legacy",
    startedAt,
    finishedAt,
    complete: true,
    tool: { name: LEGACY_TOOL_NAME, version: conversion.toolVersion ?? "unknown", deno: null },
    git: conversion.git,
    machine: null,
    environments: conversion.environments,
    legacy: {
      file,
      format,
      datasonVersion: conversion.datasonVersion,
      pythonVersion: conversion.pythonVersion,
    },
    cells: sortedUniqueCells(conversion.cells),
  });
  try {
    return { kind: "record", record: parseRunRecord(record, file) as LegacyRunRecord };
  } catch (error) {
    if (error instanceof RunRecordError) {
      return {
        kind: "unrecognised",
        reason: `schema ${format}, but the converted run is invalid: ${error.reason}`,
      };
    }
    throw error;
  }
}

/**
 * Identity of a run's content regardless of the file name it came from: SHA-256 of the canonical
 * record without `runId` and `legacy.file`. Two files with equal identity are the same run.
 */
export function legacyContentKey(record: LegacyRunRecord): string {
  const { runId: _id, legacy, ...rest } = record;
  const { file: _file, ...legacyRest } = legacy;
  return sha256Hex(canonicalJson({ ...rest, legacy: legacyRest }));
}

/** Cells in a stable order (so key order in the file never changes the runId); first copy wins. */
function sortedUniqueCells(cells: LegacyCell[]): LegacyCell[] {
  const byKey = new Map<string, LegacyCell>();
  for (const cell of cells) {
    const key = cellKey(cell);
    if (!byKey.has(key)) byKey.set(key, cell);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, cell]) => cell);
}
