/**
 * The newest stored comparison of a results folder. `compare --save` writes each comparison as
 * `<results>/comparisons/<date>/<id>.json` (`datason-bench/compare@1`); the store's listing returns
 * them in `others`. The newest is the one whose current run started last (then the larger id).
 * Files that cannot be read, or are not valid comparisons of a schema this version knows
 * (`comparisonProblem()`), are returned as problems and skipped.
 */

import { parseJsonText } from "../../_common/parse_json_text.ts";
import { comparisonProblem } from "../../regression/parse_compare_result.ts";
import { COMPARE_SCHEMA, type CompareResult } from "../../regression/types.ts";
import type { StoreListing } from "../../results/store.ts";
import type { ProblemRow } from "./types.ts";

export interface NewestComparison {
  comparison: { path: string; result: CompareResult } | null;
  problems: ProblemRow[];
}

export async function newestComparison(listing: StoreListing): Promise<NewestComparison> {
  const problems: ProblemRow[] = [];
  let newest: { path: string; result: CompareResult } | null = null;
  for (const other of listing.others) {
    if (!other.schema.startsWith("datason-bench/compare@")) continue;
    if (other.schema !== COMPARE_SCHEMA) {
      problems.push({
        path: other.path,
        kind: "future-schema",
        reason: `comparison schema "${other.schema}" is newer than this version reads ` +
          `(${COMPARE_SCHEMA}): update datason-bench`,
      });
      continue;
    }
    let value: unknown;
    try {
      value = parseJsonText(await Deno.readTextFile(other.path));
    } catch (error) {
      problems.push({
        path: other.path,
        kind: "unreadable",
        reason: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    const problem = comparisonProblem(value);
    if (problem !== null) {
      problems.push({ path: other.path, kind: "invalid", reason: `comparison: ${problem}` });
      continue;
    }
    const result = value as CompareResult;
    if (
      newest === null || result.current.startedAt > newest.result.current.startedAt ||
      (result.current.startedAt === newest.result.current.startedAt &&
        result.id > newest.result.id)
    ) {
      newest = { path: other.path, result };
    }
  }
  return { comparison: newest, problems };
}
