/**
 * Instruction and Python-level profiles for tests, written the way `compactProfile()` and the
 * runner's `pyprofile` write them (interned names, a remainder that makes the totals add up), and
 * a lookup over profiles held in memory.
 */

import {
  INSTRUCTION_PROFILE_SCHEMA,
  type InstructionProfile,
  type ProfileFunction,
} from "../../lib/results/instruction_profile.ts";
import { PYTHON_PROFILE_SCHEMA, type PythonProfile } from "../../lib/results/python_profile.ts";
import { profileHash, type ProfileLookup } from "../../lib/results/profile_store.ts";
import type { MeasuredCell } from "../../lib/results/run_record.ts";

/** `[object, file, name, self, inclusive]` over the whole region. */
export type FunctionSpec = [string, string, string, number, number];

export function instructionProfile(spec: {
  /** The region's Ir; the listed functions' rest is the remainder. */
  total: number;
  functions: FunctionSpec[];
  /** Functions in the remainder. @default 0, or 1 when the listed ones do not reach `total` */
  otherFunctions?: number;
  records?: number;
  passes?: number;
}): InstructionProfile {
  const objects: string[] = [];
  const files: string[] = [];
  const at = (list: string[], value: string) => {
    if (!list.includes(value)) list.push(value);
    return list.indexOf(value);
  };
  const sorted = [...spec.functions].sort((a, b) => b[3] - a[3]);
  const functions: ProfileFunction[] = sorted.map(([object, file, name, self, inclusive]) => [
    at(objects, object),
    at(files, file),
    name,
    self,
    inclusive,
  ]);
  const listed = functions.reduce((sum, f) => sum + f[3], 0);
  return {
    schema: INSTRUCTION_PROFILE_SCHEMA,
    event: "Ir",
    records: spec.records ?? 10,
    passes: spec.passes ?? 1,
    total: spec.total,
    cut: 0.99,
    objects,
    files,
    functions,
    other: {
      functions: spec.otherFunctions ?? (listed < spec.total ? 1 : 0),
      self: spec.total - listed,
    },
  };
}

/** `[file, qualified name, first line, calls, lines]` over the whole pass. */
export type PythonFunctionSpec = [string, string, number, number, number];

export function pythonProfile(spec: {
  functions: PythonFunctionSpec[];
  records?: number;
  passes?: number;
  lines?: boolean;
}): PythonProfile {
  const files: string[] = [];
  const functions = spec.functions.map(([file, name, line, calls, lines]) => {
    if (!files.includes(file)) files.push(file);
    return [files.indexOf(file), name, line, calls, lines] as [
      number,
      string,
      number,
      number,
      number,
    ];
  });
  return {
    schema: PYTHON_PROFILE_SCHEMA,
    records: spec.records ?? 10,
    passes: spec.passes ?? 1,
    lines: spec.lines ?? true,
    python: "CPython 3.11.7",
    files,
    functions,
    other: { functions: 0, calls: 0, lines: 0 },
  };
}

/** A lookup over in-memory profiles, by their hashes. */
export function memoryLookup(
  profiles: readonly (InstructionProfile | PythonProfile)[],
): ProfileLookup {
  const byHash = new Map(profiles.map((p) => [profileHash(p), p]));
  const get = (hash: string, schema: string) => {
    const found = byHash.get(hash);
    return found?.schema === schema ? found : { unavailable: `profile ${hash.slice(0, 12)} gone` };
  };
  return {
    instruction: (hash) =>
      get(hash, INSTRUCTION_PROFILE_SCHEMA) as InstructionProfile | { unavailable: string },
    python: (hash) => get(hash, PYTHON_PROFILE_SCHEMA) as PythonProfile | { unavailable: string },
  };
}

/** The cell with one instruction profile per layout (its counts' layouts, in order). */
export function withProfiles(
  cell: MeasuredCell,
  profiles: readonly (InstructionProfile | null)[],
): MeasuredCell {
  return {
    ...cell,
    instructions: {
      ...cell.instructions!,
      profiles: profiles.map((p) => (p === null ? null : profileHash(p))),
    },
  };
}
