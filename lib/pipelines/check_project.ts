/**
 * `check` as a pipeline: load the config and list every stored result file, collecting what is
 * wrong instead of stopping at the first problem. The results folder is treated as in `trends` and
 * `report`: a `--results` folder must exist, the config's may not exist yet (no runs stored).
 */

import { resolve } from "node:path";
import { CliError } from "../_common/errors.ts";
import type { LoadedConfig } from "../config/types.ts";
import { resultsDirExists } from "../results/results_dir.ts";
import { listRunRecords, type StoreListing } from "../results/store.ts";

/** A problem found, as `check` reports it. */
export interface CheckProblem {
  message: string;
  hint?: string;
}

export interface ProjectCheck {
  /** The loaded config, or null when it did not load (`configError` says why). */
  loaded: LoadedConfig | null;
  configError: CheckProblem | null;
  /** The results folder checked; null when the config did not load and no --results was given. */
  resultsDir: string | null;
  /** False for the config's results folder that does not exist yet. */
  resultsExists: boolean;
  /** A --results folder that does not exist, or a file where the folder should be. */
  resultsError: CheckProblem | null;
  listing: StoreListing | null;
  ok: boolean;
}

export async function checkProject(
  loadConfig: () => Promise<LoadedConfig>,
  resultsFlag: string | undefined,
  cwd: string,
): Promise<ProjectCheck> {
  let loaded: LoadedConfig | null = null;
  let configError: CheckProblem | null = null;
  try {
    loaded = await loadConfig();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    configError = { message: error.message, hint: error.hint };
  }
  const resultsDir = resultsFlag !== undefined
    ? resolve(cwd, resultsFlag)
    : loaded?.config.results.dir ?? null;
  let resultsError: CheckProblem | null = null;
  let resultsExists = false;
  if (resultsDir !== null) {
    try {
      resultsExists = await resultsDirExists(
        resultsDir,
        resultsFlag === undefined ? null : "--results",
      );
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      resultsError = { message: error.message, hint: error.hint };
    }
  }
  const listing = resultsDir === null || resultsError !== null
    ? null
    : await listRunRecords(resultsDir);
  const ok = configError === null && resultsError === null &&
    (listing?.problems.length ?? 0) === 0;
  return { loaded, configError, resultsDir, resultsExists, resultsError, listing, ok };
}
