/** Stores a comparison where the report finds it: `<results>/comparisons/<YYYY-MM-DD>/<id>.json`. */

import { join } from "node:path";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import type { CompareResult } from "./types.ts";

export async function saveComparison(resultsDir: string, result: CompareResult): Promise<string> {
  const path = join(
    resultsDir,
    "comparisons",
    result.current.startedAt.slice(0, 10),
    `${result.id}.json`,
  );
  await writeFileAtomic(path, `${JSON.stringify(result, null, 1)}\n`);
  return path;
}
