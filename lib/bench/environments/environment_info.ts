/** Turns an environment's description into the RunRecord's `EnvironmentInfo`. */

import type { AdapterInfo, EnvironmentInfo, LibraryInfo } from "../../results/run_record.ts";
import type { EnvironmentDescription } from "./types.ts";

/**
 * `libraries` and `adapters` come from the runner's hello message (what the benchmarked libraries
 * report when imported inside that interpreter, how each measured target calls them); the rest
 * from `ensureEnvironments()`.
 */
export function toEnvironmentInfo(
  environment: EnvironmentDescription,
  libraries: Record<string, LibraryInfo>,
  adapters?: Record<string, AdapterInfo>,
  libc?: string,
): EnvironmentInfo {
  return {
    python: environment.pythonVersion,
    implementation: environment.implementation,
    executable: environment.executable,
    ...(libc === undefined ? {} : { libc }),
    freeze: { ...environment.freeze },
    libraries,
    ...(adapters === undefined ? {} : { adapters }),
  };
}
