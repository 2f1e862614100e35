/**
 * A compact instruction profile (`datason-bench/instruction-profile@1`): where one counted region
 * (one cell in one layout) spent its instructions, per function, as callgrind measured it — only
 * what a diff between two runs needs:
 *
 * - per function (object, source file, name): its self and inclusive instruction counts (Ir) of
 *   the whole region (`passes` passes over `records` records; per record = count ÷ (records ×
 *   passes));
 * - only the functions that make up `cut` (99%) of the region's self cost, largest first, at most
 *   `MAX_PROFILE_FUNCTIONS`; the rest is one `other` remainder, so that the listed functions'
 *   self costs plus `other.self` equal `total` (the region's Ir, as in the cell's events);
 * - objects and files are interned (`objects`, `files`) and functions are tuples
 *   `[object index, file index, name, self, inclusive]`: the same libpython path is written once.
 *
 * Paths inside the measured environment's folder start with `<env>/`, so that the base and head
 * environments of a PR (two folders) name the same function the same way. Recursion levels that
 * callgrind keeps apart (`f'2`) are one function: self costs summed, inclusive the outermost
 * level's (which contains the deeper ones).
 *
 * Stored content-addressed beside the RunRecords (`profile_store.ts`): the file name is the
 * SHA-256 of the file's content, its canonical JSON, and the cell references it by that hash.
 */

import { hasOwnKey } from "../_common/own_key.ts";

export const INSTRUCTION_PROFILE_SCHEMA = "datason-bench/instruction-profile@1";

/** The share of a region's self cost that the listed functions cover (at least). */
export const PROFILE_CUT = 0.99;
/** At most this many functions are listed, whatever the cut (bounds a file's size). */
export const MAX_PROFILE_FUNCTIONS = 400;

/** `[object index, file index, name, self Ir, inclusive Ir]` over the whole region. */
export type ProfileFunction = [number, number, string, number, number];

export interface InstructionProfile {
  schema: typeof INSTRUCTION_PROFILE_SCHEMA;
  /** The callgrind event of the costs. */
  event: "Ir";
  /** Records each pass went over, and passes inside the region. */
  records: number;
  passes: number;
  /** The region's count of the event (the part's total). */
  total: number;
  /** The share of the self cost the listing had to reach (`PROFILE_CUT`). */
  cut: number;
  objects: string[];
  files: string[];
  /** Largest self cost first (then by object, file, name). */
  functions: ProfileFunction[];
  /** Functions under the cut: how many, and their self cost together (total − listed). */
  other: { functions: number; self: number };
}

/** One function of a profile with its names resolved. */
export interface ProfileEntry {
  object: string;
  file: string;
  name: string;
  self: number;
  inclusive: number;
}

/** The functions of a profile with their object and file names. */
export function profileEntries(profile: InstructionProfile): ProfileEntry[] {
  return profile.functions.map(([o, f, name, self, inclusive]) => ({
    object: profile.objects[o],
    file: profile.files[f],
    name,
    self,
    inclusive,
  }));
}

/** Why a parsed value is not an instruction profile; null when it is one. */
export function instructionProfileProblem(value: unknown): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return "not a JSON object";
  }
  const p = value as Record<string, unknown>;
  if (p.schema !== INSTRUCTION_PROFILE_SCHEMA) {
    return `schema ${JSON.stringify(p.schema)} is not ${INSTRUCTION_PROFILE_SCHEMA}`;
  }
  for (const key of ["records", "passes", "total"]) {
    if (!hasOwnKey(p, key) || !Number.isSafeInteger(p[key]) || (p[key] as number) < 0) {
      return `${key}: not a non-negative integer`;
    }
  }
  if ((p.passes as number) < 1 || (p.records as number) < 1) {
    return "records and passes must be at least 1";
  }
  if (p.event !== "Ir") return `event ${JSON.stringify(p.event)} is not "Ir"`;
  if (typeof p.cut !== "number" || !(p.cut > 0 && p.cut <= 1)) return "cut: not in (0, 1]";
  const strings = (key: string) =>
    Array.isArray(p[key]) && (p[key] as unknown[]).every((s) => typeof s === "string");
  if (!strings("objects") || !strings("files")) return "objects and files must be string lists";
  const objects = (p.objects as string[]).length;
  const files = (p.files as string[]).length;
  if (!Array.isArray(p.functions) || p.functions.length > MAX_PROFILE_FUNCTIONS) {
    return `functions: not a list of at most ${MAX_PROFILE_FUNCTIONS}`;
  }
  let listed = 0;
  for (const [i, fn] of (p.functions as unknown[]).entries()) {
    if (
      !Array.isArray(fn) || fn.length !== 5 || !Number.isInteger(fn[0]) || fn[0] < 0 ||
      fn[0] >= objects || !Number.isInteger(fn[1]) || fn[1] < 0 || fn[1] >= files ||
      typeof fn[2] !== "string" || !Number.isSafeInteger(fn[3]) || !Number.isSafeInteger(fn[4])
    ) {
      return `functions[${i}]: not [object index, file index, name, self, inclusive]`;
    }
    listed += fn[3];
  }
  const other = p.other as Record<string, unknown> | null;
  if (
    other === null || typeof other !== "object" || !Number.isSafeInteger(other.functions) ||
    !Number.isSafeInteger(other.self)
  ) {
    return "other: not {functions, self}";
  }
  if (listed + (other.self as number) !== p.total) {
    return "the listed self costs and other.self do not add up to total";
  }
  return null;
}
