/**
 * The result store: RunRecords under `<results>/<YYYY-MM-DD>/<runId>.json`, written atomically.
 * Listing a folder never fails on a bad file: each one is reported with its reason and skipped.
 * A run counts once: the incomplete record of a run that was later resumed is skipped when the
 * record that replaced it (naming it in `supersedes`) is in the listing too. A record that started
 * after the newest plausible time (now, plus a day for clock skew) was written by a machine with a
 * wrong clock: it is a problem (`future-date`) and skipped, since it would otherwise be "the newest
 * run" that every window and every "latest" is measured from.
 */

import { join } from "node:path";
import { InputError } from "../_common/errors.ts";
import { parseJsonText } from "../_common/parse_json_text.ts";
import { TEMP_PREFIX, writeFileAtomic } from "../_common/atomic_write.ts";
import { parseRunRecord, type RecordProblemKind, RunRecordError } from "./parse_run_record.ts";
import type { MeasuredRunRecord, RunRecord } from "./run_record.ts";
import { PROFILES_FOLDER } from "./profile_store.ts";

export interface StoredRecord {
  path: string;
  record: RunRecord;
}

export interface StoreProblem {
  path: string;
  kind: RecordProblemKind | "unreadable" | "future-date";
  reason: string;
}

/** How far past the clock a run may have started (clock skew between machines). */
export const FUTURE_SLACK_MS = 86_400_000;

/** The newest start time a stored run can plausibly have: now plus `FUTURE_SLACK_MS`. */
export function newestPlausibleStart(now: number = Date.now()): string {
  return new Date(now + FUTURE_SLACK_MS).toISOString();
}

export interface StoreListing {
  dir: string;
  records: StoredRecord[];
  problems: StoreProblem[];
  /** JSON files of other datason-bench schemas (comparisons, pointers): not runs, not problems. */
  others: { path: string; schema: string }[];
  /** Incomplete records replaced by the record of their resumed run (not in `records`). */
  superseded?: (StoredRecord & { by: string })[];
}

/** Path of a record inside a results folder. */
export function runRecordPath(resultsDir: string, record: RunRecord): string {
  return join(resultsDir, record.startedAt.slice(0, 10), `${record.runId}.json`);
}

/** Stores a record atomically; storing the same record twice is a no-op. Returns its path. */
export async function saveRunRecord(resultsDir: string, record: RunRecord): Promise<string> {
  const path = runRecordPath(resultsDir, record);
  await writeFileAtomic(path, `${JSON.stringify(record, null, 1)}\n`);
  return path;
}

/** Reads and validates one RunRecord file; throws `InputError` naming the file. */
export async function loadRunRecord(path: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new InputError(`cannot read result "${path}": ${reason}`);
  }
  return parseRunRecord(parseRecordText(text, path), path);
}

function parseRecordText(text: string, path: string): unknown {
  if (text.includes("\u0000")) {
    throw new RunRecordError(path, "invalid", "binary content, not JSON");
  }
  try {
    return parseJsonText(text);
  } catch (error) {
    throw new RunRecordError(
      path,
      "invalid",
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** A `<YYYY-MM-DD>` folder of the store's layout. */
const DATE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

export interface ListOptions {
  /**
   * Skip date folders (`YYYY-MM-DD`, the layout `saveRunRecord` writes) named before this date:
   * a windowed reader need not parse years of history. Files elsewhere are always read.
   */
  since?: string;
  /**
   * Records that started after this instant (ISO 8601) are problems of kind `future-date`.
   * @default newestPlausibleStart(); null accepts any date
   */
  notAfter?: string | null;
}

async function* walkJsonFiles(dir: string, options: ListOptions = {}): AsyncGenerator<string> {
  let entries: Deno.DirEntry[];
  try {
    entries = [];
    for await (const entry of Deno.readDir(dir)) entries.push(entry);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory) {
      // Profiles beside the records (profile_store.ts): content-addressed, not runs.
      if (entry.name === PROFILES_FOLDER) continue;
      if (
        options.since !== undefined && DATE_FOLDER.test(entry.name) && entry.name < options.since
      ) {
        continue;
      }
      yield* walkJsonFiles(path, options);
    } else if (entry.isFile && entry.name.endsWith(".json")) yield path;
  }
}

/**
 * Loads every RunRecord under `dir` (recursively), sorted by `startedAt`. Unreadable, invalid and
 * future-schema files are listed in `problems` and skipped; a missing folder is an empty listing.
 * `options.since` skips date folders older than a date.
 */
export async function listRunRecords(
  dir: string,
  options: ListOptions = {},
): Promise<StoreListing> {
  const listing: StoreListing = { dir, records: [], problems: [], others: [], superseded: [] };
  const notAfter = options.notAfter === undefined ? newestPlausibleStart() : options.notAfter;
  for await (const path of walkJsonFiles(dir, options)) {
    if (path.split(/[\\/]/).pop()!.startsWith(TEMP_PREFIX)) continue;
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (error) {
      listing.problems.push({
        path,
        kind: "unreadable",
        reason: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    try {
      const value = parseRecordText(text, path);
      const schema = (value as { schema?: unknown } | null)?.schema;
      if (
        typeof schema === "string" && schema.startsWith("datason-bench/") &&
        !schema.startsWith("datason-bench/run@")
      ) {
        listing.others.push({ path, schema });
        continue;
      }
      const record = parseRunRecord(value, path);
      if (notAfter !== null && record.startedAt > notAfter) {
        listing.problems.push({
          path,
          kind: "future-date",
          reason: `startedAt ${record.startedAt} lies in the future (after ${notAfter}, now plus ` +
            "a day for clock skew): the clock of the machine that wrote it was wrong; fix or " +
            "remove the file",
        });
        continue;
      }
      listing.records.push({ path, record });
    } catch (error) {
      if (error instanceof RunRecordError) {
        listing.problems.push({ path, kind: error.kind, reason: error.reason });
      } else throw error;
    }
  }
  listing.records.sort((a, b) =>
    a.record.startedAt.localeCompare(b.record.startedAt) ||
    a.record.runId.localeCompare(b.record.runId)
  );
  dropSuperseded(listing);
  return listing;
}

/** Moves records that another listed record supersedes (an earlier attempt of its run) aside. */
function dropSuperseded(listing: StoreListing): void {
  const replacedBy = new Map<string, string>();
  for (const { record } of listing.records) {
    if (record.source !== "datason-bench") continue;
    for (const runId of record.supersedes ?? []) replacedBy.set(runId, record.runId);
  }
  if (replacedBy.size === 0) return;
  const kept: StoredRecord[] = [];
  for (const stored of listing.records) {
    const by = replacedBy.get(stored.record.runId);
    if (by === undefined || by === stored.record.runId) kept.push(stored);
    else (listing.superseded ??= []).push({ ...stored, by });
  }
  listing.records = kept;
}

/** Measured runs (not imported ones) of one or more results folders, newest first, each once. */
export async function listMeasuredRuns(...dirs: string[]): Promise<MeasuredRunRecord[]> {
  const records: MeasuredRunRecord[] = [];
  const seen = new Set<string>();
  for (const dir of new Set(dirs)) {
    for (const { record } of (await listRunRecords(dir)).records) {
      if (record.source === "datason-bench" && !seen.has(record.runId)) {
        seen.add(record.runId);
        records.push(record);
      }
    }
  }
  return records.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
