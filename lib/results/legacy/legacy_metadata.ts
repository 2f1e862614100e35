/** Metadata of the predecessor's files: versions, environments, git and timestamps. */

import type { EnvironmentInfo, LegacyRunRecord } from "../run_record.ts";
import { parseLegacyTimestamp } from "./legacy_time.ts";
import { asObject, asString, type JsonObject } from "./legacy_values.ts";

export interface PythonInfo {
  /** `3.11.12` from `3.11.12 (main, Apr  8 2025, 21:35:04) [GCC 13.3.0]`; null when absent. */
  version: string | null;
  implementation: string;
}

/** Reads `sys.version`-like text; the implementation is CPython unless the text says PyPy. */
export function pythonInfoOf(value: unknown): PythonInfo {
  const text = asString(value);
  const version = text === null ? null : /^\s*(\d+\.\d+(?:\.\d+)?(?:[a-z]+\d*)?)/.exec(text)?.[1] ??
    null;
  const implementation = text !== null && /pypy/i.test(text) ? "PyPy" : "CPython";
  return { version, implementation };
}

/** First parseable timestamp among the candidates (metadata fields in order of preference). */
export function firstTimestamp(...candidates: unknown[]): string | null {
  for (const candidate of candidates) {
    const parsed = parseLegacyTimestamp(candidate);
    if (parsed !== null) return parsed;
  }
  return null;
}

/**
 * One environment of an imported run. `libraries` maps a library to its recorded version (null
 * when the file names the library without a version); `freeze` keeps only known versions.
 */
export function legacyEnvironment(
  python: PythonInfo,
  libraries: Record<string, string | null>,
): EnvironmentInfo {
  const freeze: Record<string, string> = {};
  const libs: EnvironmentInfo["libraries"] = {};
  for (const name of Object.keys(libraries).sort()) {
    const version = libraries[name];
    libs[name] = { version, apis: [] };
    if (version !== null) freeze[name] = version;
  }
  return {
    python: python.version ?? "unknown",
    implementation: python.implementation,
    executable: null,
    freeze,
    libraries: libs,
  };
}

/** `competitor_versions` `{orjson: "3.10.18", pickle: null, …}` → library versions. */
export function competitorVersions(value: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const object = asObject(value);
  if (object === null) return out;
  for (const [name, version] of Object.entries(object)) {
    const text = asString(version);
    if (text !== null) out[name] = text;
  }
  return out;
}

/** `runner_info {github_sha, github_ref}`; "local" stands for unknown. */
export function gitOf(runnerInfo: unknown): LegacyRunRecord["git"] {
  const info = asObject(runnerInfo);
  if (info === null) return null;
  const known = (value: unknown) => {
    const text = asString(value);
    return text === null || text === "local" ? null : text;
  };
  const commit = known(info.github_sha);
  const ref = known(info.github_ref);
  if (commit === null && ref === null) return null;
  return { commit, branch: ref === null ? null : ref.replace(/^refs\/heads\//, ""), dirty: null };
}

export function metadataOf(doc: JsonObject): JsonObject {
  return asObject(doc.metadata) ?? {};
}
