/**
 * Finds the RunRecord a command-line reference names: a RunRecord file, a folder (its newest run
 * by `startedAt` — never by file time, which a checkout or a copy resets), a named baseline
 * pointer, or a runId (or a unique prefix of at least 8 hex digits) stored under the results
 * folder.
 */

import { resolve } from "node:path";
import { InputError } from "../_common/errors.ts";
import { baselinePointerPath, isBaselineName, readBaselinePointer } from "./baseline_pointer.ts";
import type { RunRecord } from "./run_record.ts";
import { listRunRecords, loadRunRecord, type StoreProblem } from "./store.ts";

export interface ResolvedRun {
  record: RunRecord;
  /** File the record was read from. */
  path: string;
  how: "file" | "folder" | "pointer" | "run-id";
  /** Files skipped while listing a folder (reported as warnings by the caller). */
  problems: StoreProblem[];
}

export interface ResolveRunOptions {
  cwd: string;
  resultsDir: string;
  /** Where named pointers live; pointers are not looked up without it. */
  baselinesDir?: string;
  /** The flag or argument being resolved, for messages (`--baseline`). */
  what: string;
}

async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

async function findRunId(
  runId: string,
  options: ResolveRunOptions,
): Promise<{ record: RunRecord; path: string; problems: StoreProblem[] } | null> {
  const listing = await listRunRecords(options.resultsDir);
  const matches = listing.records.filter((r) => r.record.runId.startsWith(runId));
  if (matches.length > 1) {
    throw new InputError(
      `${options.what} "${runId}" matches ${matches.length} runs in ${options.resultsDir}`,
      { hint: "give more digits of the run id" },
    );
  }
  return matches.length === 1 ? { ...matches[0], problems: listing.problems } : null;
}

export async function resolveRun(ref: string, options: ResolveRunOptions): Promise<ResolvedRun> {
  const path = resolve(options.cwd, ref);
  const info = await statOrNull(path);
  if (info?.isFile) {
    return { record: await loadRunRecord(path), path, how: "file", problems: [] };
  }
  if (info?.isDirectory) {
    const listing = await listRunRecords(path);
    const newest = listing.records.at(-1);
    if (!newest) {
      throw new InputError(
        `${options.what} "${ref}": no readable RunRecord in that folder` +
          (listing.problems.length > 0 ? ` (${listing.problems.length} file(s) skipped)` : ""),
        { hint: "run `datason-bench check --results DIR` to see what is wrong with the files" },
      );
    }
    return { record: newest.record, path: newest.path, how: "folder", problems: listing.problems };
  }
  if (options.baselinesDir !== undefined && isBaselineName(ref)) {
    const pointerPath = baselinePointerPath(options.baselinesDir, ref);
    if (await statOrNull(pointerPath)) {
      const pointer = await readBaselinePointer(pointerPath);
      const found = await findRunId(pointer.runId, options);
      if (!found) {
        throw new InputError(
          `baseline "${ref}" (${pointerPath}) points at run ${
            pointer.runId.slice(0, 12)
          }, which is not in ${options.resultsDir}`,
          {
            hint: "restore the results folder, or point the baseline at an existing run with " +
              "`datason-bench compare --set-baseline NAME RUN`",
          },
        );
      }
      return { ...found, how: "pointer" };
    }
  }
  if (/^[0-9a-f]{8,64}$/.test(ref)) {
    const found = await findRunId(ref, options);
    if (found) return { ...found, how: "run-id" };
  }
  const pointerNote = options.baselinesDir !== undefined
    ? `, no baseline pointer ${baselinePointerPath(options.baselinesDir, ref)}`
    : "";
  throw new InputError(
    `${options.what} "${ref}": no such file or folder${pointerNote}, and no run with that id in ${options.resultsDir}`,
    {
      hint:
        "pass a RunRecord file, a results folder, a baseline name set with --set-baseline, or a run id",
    },
  );
}
