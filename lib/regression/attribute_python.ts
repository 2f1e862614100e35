/**
 * The Python-level diff of a flagged instruction row: the call and line events per Python function
 * that the PR gate's second pass counted on both sides (`lib/results/python_profile.ts`), per
 * record (÷ records × passes). A function is its (file, qualified name): an edit above it moves
 * its first line, not its identity; the line shown is the current side's.
 *
 * Ranked by |line-event change| (a function's own executed lines: the closest deterministic
 * measure of the Python work it does), then by |call change|; at most `ATTRIBUTION_FUNCTIONS`
 * listed, and an "everything else" row with the rest, so that the listed changes plus everything
 * else equal the cell's change in calls and in line events. Without line events (a pass under
 * `sys.setprofile`) the ranking is by calls.
 */

import {
  type PythonProfile,
  pythonProfileEntries,
  type PythonProfileEntry,
} from "../results/python_profile.ts";
import { ATTRIBUTION_FUNCTIONS, MAX_NAME_CHARS, remainder } from "./attribute_instructions.ts";
import type { PythonAttributionOk, PythonFunctionChange } from "./types.ts";

function cutName(text: string): string {
  return text.length > MAX_NAME_CHARS ? `${text.slice(0, MAX_NAME_CHARS - 1)}…` : text;
}

function totals(profile: PythonProfile): { calls: number; lines: number } {
  let calls = profile.other.calls;
  let lines = profile.other.lines;
  for (const fn of profile.functions) {
    calls += fn[3];
    lines += fn[4];
  }
  return { calls, lines };
}

export function diffPythonProfiles(
  baseline: { profile: PythonProfile; hash: string },
  current: { profile: PythonProfile; hash: string },
  limit: number = ATTRIBUTION_FUNCTIONS,
): PythonAttributionOk {
  const perB = baseline.profile.records * baseline.profile.passes;
  const perC = current.profile.records * current.profile.passes;
  const lines = baseline.profile.lines && current.profile.lines;
  const b = byFunction(baseline.profile);
  const c = byFunction(current.profile);
  const tb = totals(baseline.profile);
  const tc = totals(current.profile);
  const callChange = tc.calls / perC - tb.calls / perB;
  const lineChange = lines ? tc.lines / perC - tb.lines / perB : 0;
  const lineShare = (value: number) => (!lines || lineChange === 0 ? null : value / lineChange);
  const all: PythonFunctionChange[] = [];
  for (const k of new Set([...b.keys(), ...c.keys()])) {
    const x = b.get(k);
    const y = c.get(k);
    const ref = (y ?? x)!;
    const baselineCalls = (x?.calls ?? 0) / perB;
    const currentCalls = (y?.calls ?? 0) / perC;
    const baselineLines = lines ? (x?.lines ?? 0) / perB : 0;
    const currentLines = lines ? (y?.lines ?? 0) / perC : 0;
    all.push({
      file: cutName(ref.file),
      name: cutName(ref.name),
      line: ref.line,
      baselineCalls,
      currentCalls,
      callChange: currentCalls - baselineCalls,
      baselineLines,
      currentLines,
      lineChange: currentLines - baselineLines,
      lineShare: lineShare(currentLines - baselineLines),
    });
  }
  all.sort((p, q) =>
    Math.abs(q.lineChange) - Math.abs(p.lineChange) ||
    Math.abs(q.callChange) - Math.abs(p.callChange) || compareText(p.file, q.file) ||
    compareText(p.name, q.name) || p.line - q.line
  );
  const functions = all.filter((f) => f.lineChange !== 0 || f.callChange !== 0).slice(0, limit);
  const divisor = perB === perC ? perB : null;
  const restCalls = remainder(callChange, functions.map((f) => f.callChange), divisor);
  const restLines = remainder(lineChange, functions.map((f) => f.lineChange), divisor);
  return {
    status: "ok",
    lines,
    baseline: {
      profile: baseline.hash,
      calls: tb.calls / perB,
      lines: lines ? tb.lines / perB : 0,
    },
    current: { profile: current.hash, calls: tc.calls / perC, lines: lines ? tc.lines / perC : 0 },
    callChange,
    lineChange,
    functions,
    everythingElse: {
      callChange: restCalls,
      lineChange: restLines,
      lineShare: lineShare(restLines),
      functions: all.length - functions.length,
    },
    functionsCompared: all.length,
  };
}

/**
 * Entries by (file, qualified name): an edit above a function moves its first line, which must not
 * make it a different function. Same-named functions of a file (redefinitions, lambdas) are one,
 * at the first of their lines.
 */
function byFunction(profile: PythonProfile): Map<string, PythonProfileEntry> {
  const merged = new Map<string, PythonProfileEntry>();
  for (const entry of pythonProfileEntries(profile)) {
    const key = `${entry.file}\u0000${entry.name}`;
    const known = merged.get(key);
    if (known === undefined) merged.set(key, { ...entry });
    else {
      known.calls += entry.calls;
      known.lines += entry.lines;
      known.line = Math.min(known.line, entry.line);
    }
  }
  return merged;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
