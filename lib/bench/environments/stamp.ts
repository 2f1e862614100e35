/**
 * The stamp: a small JSON file written last (atomically) into a built environment. Its presence with
 * the expected hash is what "ready" means; a build that stopped half-way has no stamp.
 *
 * The hash covers, as canonical JSON: the stamp format version, the base interpreter's identity
 * (`sys.executable`, version, implementation), the requirement strings in config order (local paths
 * absolute), and the content hash of every local-path requirement (see `hash_local_requirement.ts`).
 * The installer (pip or uv), the environment's name and the time of the build are recorded but not
 * hashed, so renaming an environment or installing uv does not force a rebuild.
 */

import { parseJsonText } from "../../_common/parse_json_text.ts";
import { canonicalJson } from "../../_common/canonical_json.ts";
import { sha256Hex } from "../../_common/sha256.ts";
import { writeFileAtomic } from "../../_common/atomic_write.ts";

export const STAMP_FILE_NAME = "datason-bench-environment.json";
export const STAMP_SCHEMA = "datason-bench/environment-stamp@1";
/** Bump when the rules of the hash change, so every environment is rebuilt once. */
export const STAMP_HASH_VERSION = 1;

export type InstallerKind = "pip" | "uv";

export interface BaseIdentity {
  executable: string;
  python: string;
  implementation: string;
}

export interface EnvironmentStamp {
  schema: typeof STAMP_SCHEMA;
  hash: string;
  name: string;
  base: BaseIdentity;
  requirements: string[];
  /** Local requirement (absolute path) → content hash. */
  localTrees: Record<string, string>;
  installer: InstallerKind;
  builtAt: string;
  buildSeconds: number;
}

export function environmentHash(
  base: BaseIdentity,
  requirements: readonly string[],
  localTrees: Record<string, string>,
): string {
  return sha256Hex(canonicalJson({
    version: STAMP_HASH_VERSION,
    base: { executable: base.executable, python: base.python, implementation: base.implementation },
    requirements,
    localTrees,
  }));
}

/** Reads a stamp; null when it is missing or unreadable (either way: not ready). */
export async function readStamp(path: string): Promise<EnvironmentStamp | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch {
    return null;
  }
  try {
    const value = parseJsonText(text) as Partial<EnvironmentStamp>;
    if (
      value.schema !== STAMP_SCHEMA || typeof value.hash !== "string" ||
      !Array.isArray(value.requirements) || typeof value.base !== "object" || value.base === null
    ) {
      return null;
    }
    return { localTrees: {}, ...value } as EnvironmentStamp;
  } catch {
    return null;
  }
}

export async function writeStamp(path: string, stamp: EnvironmentStamp): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(stamp, null, 2)}\n`);
}
