/**
 * Profiles beside the RunRecords: `<results>/profiles/<sha256>.json`, each file the canonical JSON
 * of one profile (an instruction profile of one cell in one layout, or a Python-level profile),
 * named by the SHA-256 of exactly those bytes. Cells reference their profiles by hash, so a
 * profile is stored once however many records name it, a record stays small, and a reader can
 * tell a damaged or edited file (its content no longer hashes to its name) from a good one.
 *
 * Writes are atomic (temporary file + rename): an interrupted run leaves whole files or none.
 * Reading never throws on a missing or bad profile: `loadProfiles()` returns, per hash, the
 * profile or the reason it is unavailable, which comparisons print instead of a diff. The store's
 * listing of RunRecords skips the `profiles` folder (`store.ts`).
 */

import { dirname, join } from "node:path";
import { canonicalJson } from "../_common/canonical_json.ts";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import { parseJsonText } from "../_common/parse_json_text.ts";
import { sha256Hex } from "../_common/sha256.ts";
import { type InstructionProfile, instructionProfileProblem } from "./instruction_profile.ts";
import { type PythonProfile, pythonProfileProblem } from "./python_profile.ts";
import type { MeasuredRunRecord, RunRecord } from "./run_record.ts";

/** The folder of a results folder that holds the profiles. */
export const PROFILES_FOLDER = "profiles";

/** Larger files are not read (a profile is a few tens of KiB). */
export const MAX_PROFILE_BYTES = 8 * 1024 * 1024;

const HASH = /^[0-9a-f]{64}$/;

export function profilesDir(resultsDir: string): string {
  return join(resultsDir, PROFILES_FOLDER);
}

export interface SavedProfile {
  hash: string;
  /** Bytes of the stored file. */
  bytes: number;
  path: string;
}

/** The hash a profile is stored under: SHA-256 of its canonical JSON. */
export function profileHash(profile: InstructionProfile | PythonProfile): string {
  return sha256Hex(canonicalJson(profile));
}

/** Stores a profile (atomically; nothing is written when the same profile is already there). */
export async function saveProfile(
  dir: string,
  profile: InstructionProfile | PythonProfile,
): Promise<SavedProfile> {
  const text = canonicalJson(profile);
  const hash = sha256Hex(text);
  const path = join(dir, `${hash}.json`);
  const bytes = new TextEncoder().encode(text).length;
  const existing = await Deno.stat(path).catch(() => null);
  if (existing === null || existing.size !== bytes) await writeFileAtomic(path, text);
  return { hash, bytes, path };
}

/** Per hash: the profile, or why it is unavailable. */
export interface ProfileLookup {
  instruction(hash: string): InstructionProfile | { unavailable: string };
  python(hash: string): PythonProfile | { unavailable: string };
}

/** A lookup with nothing in it: every profile is unavailable, with `reason`. */
export function noProfiles(reason: string): ProfileLookup {
  return {
    instruction: () => ({ unavailable: reason }),
    python: () => ({ unavailable: reason }),
  };
}

/**
 * Reads the profiles of `hashes` from the first of `dirs` that has each. A file that is missing,
 * too large, not JSON, not a profile or whose content does not hash to its name is unavailable,
 * with the reason.
 */
export async function loadProfiles(
  hashes: Iterable<string>,
  dirs: readonly string[],
): Promise<ProfileLookup> {
  const found = new Map<string, unknown>();
  const reasons = new Map<string, string>();
  for (const hash of new Set(hashes)) {
    if (!HASH.test(hash)) {
      reasons.set(hash, `"${hash.slice(0, 70)}" is not a profile hash`);
      continue;
    }
    let reason = `profile ${hash.slice(0, 12)} not found (looked in ${
      dirs.length === 0 ? "no folder" : dirs.join(", ")
    })`;
    for (const dir of dirs) {
      const path = join(dir, `${hash}.json`);
      const info = await Deno.stat(path).catch(() => null);
      if (info === null || !info.isFile) continue;
      if (info.size > MAX_PROFILE_BYTES) {
        reason = `profile ${path} is ${info.size} bytes, more than a profile can have`;
        break;
      }
      const text = await Deno.readTextFile(path).catch(() => null);
      if (text === null) {
        reason = `profile ${path} cannot be read`;
        break;
      }
      if (sha256Hex(text) !== hash) {
        reason = `profile ${path} was edited or damaged (its content does not hash to its name)`;
        break;
      }
      try {
        found.set(hash, parseJsonText(text));
        reason = "";
      } catch (error) {
        reason = `profile ${path} is not JSON: ${error instanceof Error ? error.message : error}`;
      }
      break;
    }
    if (reason !== "") reasons.set(hash, reason);
  }
  const lookup = <T>(hash: string, problem: (value: unknown) => string | null) => {
    if (!found.has(hash)) {
      return { unavailable: reasons.get(hash) ?? `profile ${hash.slice(0, 12)} was not loaded` };
    }
    const value = found.get(hash);
    const why = problem(value);
    return why === null
      ? value as T
      : { unavailable: `profile ${hash.slice(0, 12)} is not usable: ${why}` };
  };
  return {
    instruction: (hash) => lookup<InstructionProfile>(hash, instructionProfileProblem),
    python: (hash) => lookup<PythonProfile>(hash, pythonProfileProblem),
  };
}

/**
 * Where the profiles of a stored record are: `<results>/profiles` of the results folder the record
 * was stored in (`<results>/<date>/<runId>.json`, or a record directly in `<results>`), then the
 * extra folders (the config's `results.dir`, the folder a run wrote to).
 */
export function profileDirsOf(recordPath: string | null, extra: readonly string[] = []): string[] {
  const dirs: string[] = [];
  if (recordPath !== null) {
    dirs.push(profilesDir(dirname(dirname(recordPath))), profilesDir(dirname(recordPath)));
  }
  for (const dir of extra) dirs.push(profilesDir(dir));
  return [...new Set(dirs)];
}

/** Every profile hash the cells of a record reference. */
export function profileHashesOf(record: MeasuredRunRecord): string[] {
  const hashes = new Set<string>();
  for (const cell of record.cells) {
    for (const hash of cell.instructions?.profiles ?? []) {
      if (typeof hash === "string") hashes.add(hash);
    }
  }
  return [...hashes];
}

/**
 * The profiles of stored runs, for a comparison: every profile their cells reference, from the
 * profiles folder beside each record (`profileDirsOf`) and those of `extraDirs`.
 */
export async function loadRunProfiles(
  runs: readonly { record: RunRecord; path: string | null }[],
  extraDirs: readonly string[] = [],
): Promise<ProfileLookup> {
  const hashes = runs.flatMap(({ record }) =>
    record.source === "datason-bench" ? profileHashesOf(record) : []
  );
  const dirs = [...new Set(runs.flatMap(({ path }) => profileDirsOf(path, extraDirs)))];
  return await loadProfiles(hashes, dirs);
}
