/**
 * A Python-level profile (`datason-bench/python-profile@1`): which Python functions one cell's
 * body ran, counted deterministically by the runner's `pyprofile` request — the body run once
 * (`passes` passes over `records` records) under `sys.settrace` (or `sys.setprofile` without line
 * counts): per Python function (source file, qualified name, first line) how often it was called
 * (`call` events: generator resumptions included) and how many lines it executed (`line` events,
 * its own lines, not its callees'). Never a time: the counts are the same on every run of the same
 * code and records.
 *
 * On CPython 3.11 callgrind's C-level profile mostly says `_PyEval_EvalFrameDefault`; this names
 * the Python functions behind it. Files are written relative to the `sys.path` entry they were
 * imported from (`datason/core.py`, `json/encoder.py`), so two environments in two folders name
 * the same function the same way. Functions are tuples `[file index, qualified name, first line,
 * calls, lines]`, most line events first (then calls, file, name, line); at most
 * `MAX_PYTHON_FUNCTIONS` are listed and the rest is one `other` remainder.
 */

import { hasOwnKey } from "../_common/own_key.ts";

export const PYTHON_PROFILE_SCHEMA = "datason-bench/python-profile@1";
export const MAX_PYTHON_FUNCTIONS = 2000;

/** `[file index, qualified name, first line, calls, line events]`. */
export type PythonProfileFunction = [number, string, number, number, number];

export interface PythonProfile {
  schema: typeof PYTHON_PROFILE_SCHEMA;
  /** Records each pass went over, and passes (one, usually). */
  records: number;
  passes: number;
  /** True when line events were counted (`sys.settrace`), false for calls only (`setprofile`). */
  lines: boolean;
  /** The interpreter that ran it, e.g. "CPython 3.11.7". */
  python: string;
  files: string[];
  functions: PythonProfileFunction[];
  /** Functions beyond `MAX_PYTHON_FUNCTIONS`: how many, their calls and lines together. */
  other: { functions: number; calls: number; lines: number };
}

export interface PythonProfileEntry {
  file: string;
  name: string;
  line: number;
  calls: number;
  lines: number;
}

export function pythonProfileEntries(profile: PythonProfile): PythonProfileEntry[] {
  return profile.functions.map(([f, name, line, calls, lines]) => ({
    file: profile.files[f],
    name,
    line,
    calls,
    lines,
  }));
}

/** Why a parsed value is not a Python-level profile; null when it is one. */
export function pythonProfileProblem(value: unknown): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return "not a JSON object";
  }
  const p = value as Record<string, unknown>;
  if (p.schema !== PYTHON_PROFILE_SCHEMA) {
    return `schema ${JSON.stringify(p.schema)} is not ${PYTHON_PROFILE_SCHEMA}`;
  }
  for (const key of ["records", "passes"]) {
    if (!hasOwnKey(p, key) || !Number.isSafeInteger(p[key]) || (p[key] as number) < 1) {
      return `${key}: not a positive integer`;
    }
  }
  if (typeof p.lines !== "boolean") return "lines: not a boolean";
  if (typeof p.python !== "string") return "python: not a string";
  if (!Array.isArray(p.files) || !p.files.every((f) => typeof f === "string")) {
    return "files: not a list of strings";
  }
  const files = p.files.length;
  if (!Array.isArray(p.functions) || p.functions.length > MAX_PYTHON_FUNCTIONS) {
    return `functions: not a list of at most ${MAX_PYTHON_FUNCTIONS}`;
  }
  for (const [i, fn] of (p.functions as unknown[]).entries()) {
    if (
      !Array.isArray(fn) || fn.length !== 5 || !Number.isInteger(fn[0]) || fn[0] < 0 ||
      fn[0] >= files || typeof fn[1] !== "string" || !Number.isInteger(fn[2]) ||
      !Number.isSafeInteger(fn[3]) || fn[3] < 0 || !Number.isSafeInteger(fn[4]) || fn[4] < 0
    ) {
      return `functions[${i}]: not [file index, name, first line, calls, lines]`;
    }
  }
  const other = p.other as Record<string, unknown> | null;
  if (
    other === null || typeof other !== "object" ||
    !["functions", "calls", "lines"].every((k) => Number.isSafeInteger(other[k]))
  ) {
    return "other: not {functions, calls, lines}";
  }
  return null;
}
