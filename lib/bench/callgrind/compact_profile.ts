/**
 * `compactProfile()`: one parsed callgrind part (a counted region) into the compact instruction
 * profile a RunRecord references (`lib/results/instruction_profile.ts`): instructions (Ir) per
 * function, self and inclusive, recursion levels merged, paths inside the environment's folder
 * written as `<env>/…`, only the functions that make up `cut` of the self cost (largest first, at
 * most `maxFunctions`) and one remainder for the rest, so that the listed self costs plus the
 * remainder equal the region's total.
 */

import {
  INSTRUCTION_PROFILE_SCHEMA,
  type InstructionProfile,
  MAX_PROFILE_FUNCTIONS,
  PROFILE_CUT,
  type ProfileFunction,
} from "../../results/instruction_profile.ts";
import type { CallgrindPart } from "./parse_callgrind_output.ts";

export interface CompactProfileOptions {
  /** Records each pass went over, and passes inside the region (the per-record divisor). */
  records: number;
  passes: number;
  /** @default PROFILE_CUT (0.99) */
  cut?: number;
  /** @default MAX_PROFILE_FUNCTIONS (400) */
  maxFunctions?: number;
  /**
   * Folders written as a placeholder (`{ "/work/.bench/envs/base": "<env>" }`): the environment
   * folders of a PR's base and head differ, their functions should not.
   */
  placeholders?: Record<string, string>;
}

/** `f'2` (callgrind's `--separate-recs`): the recursion level of `f`, which is `f`. */
const RECURSION_LEVEL = /'\d+$/;

export function compactProfile(
  part: CallgrindPart,
  options: CompactProfileOptions,
): InstructionProfile {
  const ir = part.events.indexOf("Ir");
  if (ir < 0) throw new Error("the callgrind part has no Ir event");
  const cut = options.cut ?? PROFILE_CUT;
  const maxFunctions = options.maxFunctions ?? MAX_PROFILE_FUNCTIONS;
  const prefixes = Object.entries(options.placeholders ?? {})
    .filter(([folder]) => folder !== "")
    .sort((a, b) => b[0].length - a[0].length);
  const rename = (path: string) => {
    for (const [folder, label] of prefixes) {
      if (path === folder) return label;
      if (path.startsWith(`${folder}/`)) return `${label}${path.slice(folder.length)}`;
    }
    return path;
  };

  const merged = new Map<string, { object: string; file: string; name: string } & Costs>();
  for (const fn of part.functions) {
    const object = rename(fn.object);
    const file = rename(fn.file);
    const name = fn.name.replace(RECURSION_LEVEL, "");
    const key = `${object}\u0000${file}\u0000${name}`;
    const self = fn.self[ir];
    const inclusive = fn.inclusive[ir];
    const known = merged.get(key);
    if (known === undefined) merged.set(key, { object, file, name, self, inclusive });
    else {
      known.self += self;
      // The outermost level's inclusive cost contains the deeper levels'.
      known.inclusive = Math.max(known.inclusive, inclusive);
    }
  }
  const total = part.totals[ir];
  const ranked = [...merged.values()]
    .filter((f) => f.self > 0)
    .sort((a, b) =>
      b.self - a.self || compareText(a.object, b.object) || compareText(a.file, b.file) ||
      compareText(a.name, b.name)
    );
  const objects: string[] = [];
  const files: string[] = [];
  const index = (list: string[], value: string) => {
    const at = list.indexOf(value);
    if (at >= 0) return at;
    list.push(value);
    return list.length - 1;
  };
  const functions: ProfileFunction[] = [];
  let listed = 0;
  for (const fn of ranked) {
    if (listed >= cut * total || functions.length >= maxFunctions) break;
    functions.push([
      index(objects, fn.object),
      index(files, fn.file),
      fn.name,
      fn.self,
      fn.inclusive,
    ]);
    listed += fn.self;
  }
  return {
    schema: INSTRUCTION_PROFILE_SCHEMA,
    event: "Ir",
    records: options.records,
    passes: options.passes,
    total,
    cut,
    objects,
    files,
    functions,
    other: { functions: ranked.length - functions.length, self: total - listed },
  };
}

interface Costs {
  self: number;
  inclusive: number;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
