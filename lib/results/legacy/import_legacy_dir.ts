/**
 * `importLegacyDir()`: converts every predecessor result file under a folder. No file stops the
 * import: each one ends up in exactly one list of the report — imported, duplicate (byte-identical,
 * same JSON content, or the same run under another name), unrecognised, or unreadable — with the
 * reason. Files are visited in sorted order, so the first name of a set of copies is the one kept
 * and the result does not depend on the file system's listing order.
 */

import { join, relative, sep } from "node:path";
import { InputError } from "../../_common/errors.ts";
import { JsonSyntaxError, parseJsonText } from "../../_common/parse_json_text.ts";
import { canonicalJson } from "../../_common/canonical_json.ts";
import { type LegacyRunRecord, RUN_RECORD_SCHEMA } from "../run_record.ts";
import { sha256Hex } from "../../_common/sha256.ts";
import { convertLegacyDocument, legacyContentKey } from "./convert_legacy_file.ts";
import type { LegacyFormat } from "./legacy_types.ts";

export interface LegacyImportOptions {
  /** Legacy runs already stored where the import writes: the same run is not stored twice. */
  existing?: readonly LegacyRunRecord[];
  /** Stops the walk between files (Ctrl-C). */
  signal?: AbortSignal;
}

export interface ImportedRun {
  file: string;
  runId: string;
  format: LegacyFormat;
  startedAt: string;
  cells: number;
  failedCells: number;
  /** True when this exact run was already stored (a repeated import). */
  alreadyStored: boolean;
}

export interface DuplicateFile {
  file: string;
  /** The file (or stored run) it duplicates. */
  duplicateOf: string;
  reason: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LegacyImportReport {
  source: string;
  filesRead: number;
  imported: ImportedRun[];
  duplicates: DuplicateFile[];
  unrecognised: SkippedFile[];
  unreadable: SkippedFile[];
  /**
   * Not predecessor results and not problems: files that are not `.json` (READMEs) and our own
   * RunRecords (when --out lies inside SRC_DIR). Non-JSON files are not counted as read.
   */
  ignored: SkippedFile[];
}

export interface LegacyImportResult {
  report: LegacyImportReport;
  /** Runs to store (new ones only; already stored runs are not repeated). */
  records: LegacyRunRecord[];
}

/** The counts of an import report (`imported` and `newRuns`: runs read and runs stored). */
export function importCounts(report: LegacyImportReport, stored: number) {
  return {
    filesRead: report.filesRead,
    imported: report.imported.length,
    newRuns: stored,
    alreadyStored: report.imported.filter((r) => r.alreadyStored).length,
    duplicates: report.duplicates.length,
    unrecognised: report.unrecognised.length,
    unreadable: report.unreadable.length,
    ignored: report.ignored.length,
    cells: report.imported.reduce((sum, r) => sum + r.cells, 0),
    failedCells: report.imported.reduce((sum, r) => sum + r.failedCells, 0),
  };
}

export async function importLegacyDir(
  srcDir: string,
  options: LegacyImportOptions = {},
): Promise<LegacyImportResult> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(srcDir);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "no such folder"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new InputError(`cannot import from "${srcDir}": ${reason}`, {
      hint: "pass the folder that holds the predecessor's result files (data/results/)",
    });
  }
  if (!info.isDirectory) {
    throw new InputError(`cannot import from "${srcDir}": not a folder`, {
      hint: "pass the folder that holds the files, not a single file",
    });
  }

  const report: LegacyImportReport = {
    source: srcDir,
    filesRead: 0,
    imported: [],
    duplicates: [],
    unrecognised: [],
    unreadable: [],
    ignored: [],
  };
  const records: LegacyRunRecord[] = [];
  const byBytes = new Map<string, string>();
  const byContent = new Map<string, string>();
  const byRun = new Map<string, string>();
  const stored = new Map<string, LegacyRunRecord>();
  for (const record of options.existing ?? []) stored.set(legacyContentKey(record), record);

  for (const path of await listFiles(srcDir)) {
    if (options.signal?.aborted) break;
    const file = relative(srcDir, path).split(sep).join("/");
    if (!/\.json$/i.test(file)) {
      report.ignored.push({ file, reason: "not a .json file" });
      continue;
    }
    report.filesRead++;
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch (error) {
      report.unreadable.push({
        file,
        reason: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    const bytesHash = sha256Hex(bytes);
    const sameBytes = byBytes.get(bytesHash);
    if (sameBytes !== undefined) {
      report.duplicates.push({ file, duplicateOf: sameBytes, reason: "byte-identical copy" });
      continue;
    }
    byBytes.set(bytesHash, file);
    const parsed = parseBytes(bytes);
    if ("problem" in parsed) {
      report.unreadable.push({ file, reason: parsed.problem });
      continue;
    }
    const contentHash = sha256Hex(canonicalJson(parsed.value));
    const sameContent = byContent.get(contentHash);
    if (sameContent !== undefined) {
      report.duplicates.push({
        file,
        duplicateOf: sameContent,
        reason: "same JSON content (only formatting or key order differ)",
      });
      continue;
    }
    byContent.set(contentHash, file);
    const schema = (parsed.value as { schema?: unknown } | null)?.schema;
    if (schema === RUN_RECORD_SCHEMA) {
      // Our own runs (e.g. --out inside SRC_DIR) are not predecessor files, nor problems.
      report.ignored.push({ file, reason: "already a datason-bench RunRecord" });
      continue;
    }
    const conversion = convertLegacyDocument(parsed.value, file);
    if (conversion.kind === "unrecognised") {
      report.unrecognised.push({ file, reason: conversion.reason });
      continue;
    }
    const record = conversion.record;
    const runKey = legacyContentKey(record);
    const sameRun = byRun.get(runKey);
    if (sameRun !== undefined) {
      report.duplicates.push({
        file,
        duplicateOf: sameRun,
        reason: "the same run (differs only in fields that are not imported)",
      });
      continue;
    }
    byRun.set(runKey, file);
    const previous = stored.get(runKey);
    if (previous !== undefined && previous.runId !== record.runId) {
      report.duplicates.push({
        file,
        duplicateOf: `${previous.legacy.file} (stored run ${previous.runId.slice(0, 12)})`,
        reason: "already imported under another file name",
      });
      continue;
    }
    report.imported.push({
      file,
      runId: record.runId,
      format: record.legacy.format as LegacyFormat,
      startedAt: record.startedAt,
      cells: record.cells.length,
      failedCells: record.cells.filter((c) => c.status !== "ok").length,
      alreadyStored: previous !== undefined,
    });
    if (previous === undefined) records.push(record);
  }
  return { report, records };
}

function parseBytes(bytes: Uint8Array): { value: unknown } | { problem: string } {
  if (bytes.includes(0)) return { problem: "binary content, not JSON" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { problem: "not UTF-8 text" };
  }
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  if (text.trim() === "") return { problem: "empty file" };
  try {
    return { value: parseJsonText(text) };
  } catch (error) {
    return { problem: error instanceof JsonSyntaxError ? error.message : String(error) };
  }
}

/** Every regular file under `dir` (recursively), sorted; names starting with "." are skipped. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string) => {
    const entries: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(current)) entries.push(entry);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) out.push(path);
    }
  };
  await walk(dir);
  return out;
}
