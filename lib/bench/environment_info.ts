/** The RunRecord's description of an environment, taken from a runner's hello. */

import type { AdapterInfo, EnvironmentInfo } from "../results/run_record.ts";
import type { HelloReply } from "./protocol.ts";

/**
 * `adapters` holds hello's per-tier description of every target the runner knows; the record
 * keeps only those of the targets measured in the environment (`keepAdapters()`).
 */
export function environmentInfoFromHello(hello: HelloReply): EnvironmentInfo {
  const adapters: Record<string, AdapterInfo> = {};
  for (const [target, d] of Object.entries(hello.descriptions ?? {})) {
    adapters[target] = { typed: d.typed, json: d.json, ...(d.docs ? { docs: d.docs } : {}) };
  }
  return {
    python: hello.python,
    implementation: hello.implementation,
    executable: hello.executable ?? null,
    ...(hello.libc ? { libc: hello.libc } : {}),
    freeze: { ...hello.freeze },
    libraries: Object.fromEntries(
      Object.entries(hello.libraries).map((
        [name, library],
      ) => [name, { version: library.version, apis: [...library.apis] }]),
    ),
    adapters,
  };
}

/** The adapters of `targets` only (those an environment measured), or undefined when none. */
export function keepAdapters(
  adapters: Record<string, AdapterInfo> | undefined,
  targets: readonly string[],
): Record<string, AdapterInfo> | undefined {
  if (adapters === undefined) return undefined;
  const kept = Object.fromEntries(
    [...targets].sort().filter((t) => adapters[t] !== undefined).map((t) => [t, adapters[t]]),
  );
  return Object.keys(kept).length === 0 ? undefined : kept;
}
