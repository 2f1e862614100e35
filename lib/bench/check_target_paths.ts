/**
 * Custom targets' extra import paths (`targets[i].paths`) must be folders that exist: a missing
 * one would only show as an import failure of the target in every cell, without naming the path.
 * Checked before a run measures anything; an `InputError` (exit 2) names the config field.
 */

import { InputError } from "../_common/errors.ts";
import type { LoadedConfig } from "../config/types.ts";

/** Throws for the first path of a target of `targetIds` that is not an existing folder. */
export async function checkTargetPaths(
  loaded: LoadedConfig,
  targetIds: readonly string[],
): Promise<void> {
  for (const [i, target] of loaded.config.targets.entries()) {
    if (!targetIds.includes(target.id)) continue;
    for (const [j, path] of (target.paths ?? []).entries()) {
      let problem: string | null = null;
      try {
        if (!(await Deno.stat(path)).isDirectory) problem = "is not a folder";
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
        problem = "does not exist";
      }
      if (problem !== null) {
        throw new InputError(
          `cannot read config "${
            loaded.path ?? "(embedded defaults)"
          }": targets[${i}].paths[${j}]: ` +
            `"${path}" ${problem} (an import folder of target "${target.id}")`,
          {
            hint: `create that folder, or fix targets[${i}].paths[${j}] (relative paths resolve ` +
              "against the config file's folder)",
          },
        );
      }
    }
  }
}
