/**
 * What `check`, `trends` and `report` do with the results folder, alike: a folder named on the
 * command line (`--results DIR`) must exist (a typo is an input error, exit 2, naming the flag);
 * the config's `results.dir` that does not exist yet is an empty history (nothing has been run):
 * the command goes on with no runs and says so on stderr. A file where the folder should be is an
 * input error either way.
 */

import { resolve } from "node:path";
import { InputError } from "../_common/errors.ts";

/**
 * True when `dir` is a folder; false when it is missing and came from the config (`flag` null).
 * Throws `InputError` for a missing folder named by `flag`, and for a file in its place.
 */
export async function resultsDirExists(dir: string, flag: string | null): Promise<boolean> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(dir);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    if (flag === null) return false;
    throw new InputError(`cannot read results folder "${dir}": no such folder`, {
      hint:
        `pass an existing folder with ${flag}, or leave it out to use results.dir of the config`,
    });
  }
  if (!info.isDirectory) {
    throw new InputError(`cannot read results folder "${dir}": not a folder`, {
      hint: `pass the folder that holds the RunRecords${flag === null ? "" : ` with ${flag}`}`,
    });
  }
  return true;
}

/** A results folder as `--results` (resolved against `cwd`) or the config's `results.dir` gives it. */
export interface ResultsFolder {
  dir: string;
  /** False for the config's folder that does not exist yet (an empty history). */
  exists: boolean;
}

/** The folder `--results` names (else `configDir`), checked by `resultsDirExists()`. */
export async function openResultsDir(
  flagValue: string | undefined,
  cwd: string,
  configDir: string,
): Promise<ResultsFolder> {
  const dir = flagValue === undefined ? configDir : resolve(cwd, flagValue);
  return { dir, exists: await resultsDirExists(dir, flagValue === undefined ? null : "--results") };
}
