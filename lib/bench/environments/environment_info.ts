/** Turns an environment's description into the RunRecord's `EnvironmentInfo`. */

import type { EnvironmentInfo, LibraryInfo } from "../../results/run_record.ts";
import type { EnvironmentDescription } from "./types.ts";

/**
 * `libraries` comes from the runner's hello message (what the benchmarked libraries report when
 * imported inside that interpreter); the rest from `ensureEnvironments()`.
 */
export function toEnvironmentInfo(
  environment: EnvironmentDescription,
  libraries: Record<string, LibraryInfo>,
  libc?: string,
): EnvironmentInfo {
  return {
    python: environment.pythonVersion,
    implementation: environment.implementation,
    executable: environment.executable,
    ...(libc === undefined ? {} : { libc }),
    freeze: { ...environment.freeze },
    libraries,
  };
}
