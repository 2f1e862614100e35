/**
 * What changed between two runs in the environment of instruction counts: the Valgrind version,
 * the simulated cache geometry, the CPU model and feature flags, and the C library of an
 * environment. Any of them moves counts with no change in the code, so a step of an instruction
 * series there belongs to the environment. Unknown parts (null) are not evidence of a change, and
 * runs that did not count instructions have nothing to compare.
 */

import { ownValue } from "../_common/own_key.ts";
import type { FingerprintChange, TrendRun } from "./types.ts";

export function countingChanges(
  previous: TrendRun,
  next: TrendRun,
  offsetRuns = 0,
): FingerprintChange[] {
  const a = previous.counting;
  const b = next.counting;
  if (a === undefined || a === null || b === undefined || b === null) return [];
  const changes: FingerprintChange[] = [];
  const add = (
    kind: FingerprintChange["kind"],
    name: string,
    x: string | null,
    y: string | null,
  ) => {
    if (x !== null && y !== null && x !== y) {
      changes.push({ kind, name, from: x, to: y, offsetRuns });
    }
  };
  add("valgrind", "Valgrind", a.valgrind, b.valgrind);
  add("cache", "cache geometry", a.cache, b.cache);
  add("cpu", "CPU model", a.cpuModel, b.cpuModel);
  if (a.cpuFlags !== null && b.cpuFlags !== null && a.cpuFlags !== b.cpuFlags) {
    changes.push({
      kind: "cpu-flags",
      name: "CPU flags",
      from: null,
      to: flagsDifference(a.cpuFlags, b.cpuFlags),
      offsetRuns,
    });
  }
  for (const environment of Object.keys(b.libc).sort()) {
    const before = ownValue(a.libc, environment) ?? null;
    const after = ownValue(b.libc, environment) ?? null;
    const name = environment === "default" ? "C library" : `C library [${environment}]`;
    add("libc", name, before, after);
  }
  return changes;
}

/** `+avx512f −sse4a`: the flags one side has and the other lacks (at most 6 named). */
function flagsDifference(before: string, after: string): string {
  const a = new Set(before.split(" "));
  const b = new Set(after.split(" "));
  const gained = [...b].filter((f) => !a.has(f)).map((f) => `+${f}`);
  const lost = [...a].filter((f) => !b.has(f)).map((f) => `−${f}`);
  const all = [...gained, ...lost];
  return all.length <= 6 ? all.join(" ") : `${all.slice(0, 6).join(" ")} (+${all.length - 6} more)`;
}
