/**
 * Storing what `runBenchmark()` measured, so that a run counts once however often it was
 * resumed: the record is written (atomically), then the incomplete records of earlier attempts of
 * the same run are deleted (the new record names them in `supersedes`, so readers skip any copy
 * that survives elsewhere). A complete run's journal is removed; an incomplete run's journal notes
 * the record, so that the record of its resumed run replaces this one in turn.
 */

import { parseJsonText } from "../config/parse_json_text.ts";
import { saveRunRecord } from "../results/store.ts";
import { appendJournalEntry } from "./journal.ts";
import type { BenchmarkRun } from "./run_benchmark.ts";

/** Stores the run's record (which must be present) and returns its path. */
export async function storeBenchmarkRun(
  outDir: string,
  run: BenchmarkRun & { record: NonNullable<BenchmarkRun["record"]> },
): Promise<string> {
  const path = await saveRunRecord(outDir, run.record);
  for (const earlier of run.superseded) {
    if (earlier.path !== path && (await storedRunId(earlier.path)) === earlier.runId) {
      await Deno.remove(earlier.path).catch(() => {});
    }
  }
  if (run.record.complete) {
    await Deno.remove(run.journalPath).catch(() => {});
  } else {
    await appendJournalEntry(run.journalPath, { type: "record", runId: run.record.runId, path });
  }
  return path;
}

/** The runId of the record stored at `path`, or null (gone, unreadable, not a record). */
async function storedRunId(path: string): Promise<string | null> {
  try {
    const value = parseJsonText(await Deno.readTextFile(path)) as { runId?: unknown };
    return typeof value?.runId === "string" ? value.runId : null;
  } catch {
    return null;
  }
}
