/**
 * "Where the change went": the function-level diff of a flagged instruction row, from the compact
 * instruction profiles (`lib/results/instruction_profile.ts`) of its two cells.
 *
 * - **Which profiles**: one layout per side — the layout whose change is closest to the row's
 *   estimate. Paired runs (a PR's base and head) compare one layout index on both sides: the one
 *   whose per-layout ratio is closest to the median of the ratios (the estimate itself with an
 *   odd number of layouts); unpaired runs take on each side the layout whose count is closest to
 *   that side's median. One layout, not a per-function median over layouts: a median is not
 *   additive, and the rows of the diff must add up to the cell's change. When that layout has no
 *   profile, the next closest is taken.
 * - **Per function** (object, file, name): self instructions per record on each side (count ÷
 *   (records × passes)), their difference and its share of the cell's change in that layout;
 *   inclusive instructions beside, never summed (callees would count twice).
 * - **Ranked** by |change| (then by name), at most `ATTRIBUTION_FUNCTIONS` listed; an
 *   "everything else" row takes the rest — unlisted functions and the profiles' remainders under
 *   their 99% cut — so that the listed changes plus everything else equal the cell's change.
 * - A function listed in one profile only, while the other profile has functions under its cut,
 *   may be there below the cut: its value there is taken as 0 and `underCut` says it lies between
 *   0 and the other profile's smallest listed self cost.
 *
 * Never throws on missing data: a side without profiles (records made before profiles were kept),
 * a profile file that is gone or damaged, give `{status: "unavailable", reason}`.
 */

import { median } from "../stats/median.ts";
import { type InstructionProfile, profileEntries } from "../results/instruction_profile.ts";
import type { ProfileLookup } from "../results/profile_store.ts";
import type { MeasuredCell } from "../results/run_record.ts";
import type { FunctionChange, InstructionAttribution } from "./types.ts";

/** Functions listed per attribution (the PR comment shows five, the site ten). */
export const ATTRIBUTION_FUNCTIONS = 100;
/** Longer object, file and function names are cut (with an ellipsis) in comparisons. */
export const MAX_NAME_CHARS = 500;

interface LayoutProfile {
  layout: number;
  value: number;
  profile: string | null;
}

function layoutProfiles(cell: MeasuredCell): LayoutProfile[] | null {
  const instructions = cell.instructions;
  const values = cell.instructionsPerRecord ?? [];
  if (instructions?.profiles === undefined) return null;
  return instructions.layouts.map((layout, i) => ({
    layout,
    value: values[i],
    profile: instructions.profiles![i] ?? null,
  }));
}

/** Candidate (baseline, current) layout pairs, closest to the row's estimate first. */
function candidates(
  baseline: LayoutProfile[],
  current: LayoutProfile[],
  paired: boolean,
): [LayoutProfile, LayoutProfile][] {
  if (paired) {
    const before = new Map(baseline.map((b) => [b.layout, b]));
    const pairs = current.filter((c) => before.has(c.layout)).map((c) => {
      const b = before.get(c.layout)!;
      return { b, c, ratio: c.value / b.value };
    });
    if (pairs.length > 0) {
      const estimate = median(pairs.map((p) => p.ratio));
      return pairs
        .sort((x, y) =>
          Math.abs(x.ratio - estimate) - Math.abs(y.ratio - estimate) || x.c.layout - y.c.layout
        )
        .map((p) => [p.b, p.c]);
    }
  }
  const byCloseness = (side: LayoutProfile[]) => {
    const middle = median(side.map((s) => s.value));
    return [...side].sort((x, y) =>
      Math.abs(x.value - middle) - Math.abs(y.value - middle) || x.layout - y.layout
    );
  };
  const b = byCloseness(baseline);
  const c = byCloseness(current);
  return b.slice(0, Math.min(b.length, c.length)).map((x, i) => [x, c[i]]);
}

function cutName(text: string): string {
  return text.length > MAX_NAME_CHARS ? `${text.slice(0, MAX_NAME_CHARS - 1)}…` : text;
}

/** The attribution of a flagged instruction row (see the module comment). */
export function attributeInstructions(
  baseline: MeasuredCell,
  current: MeasuredCell,
  paired: boolean,
  lookup: ProfileLookup | undefined,
): InstructionAttribution {
  const before = layoutProfiles(baseline);
  const after = layoutProfiles(current);
  if (before === null || after === null) {
    const which = before === null && after === null
      ? "neither run"
      : before === null
      ? "the baseline"
      : "the current run";
    return {
      status: "unavailable",
      reason: `no function-level profiles: ${which} kept none (recorded before profiles were ` +
        "kept, or counted by calibrate)",
    };
  }
  if (lookup === undefined) {
    return { status: "unavailable", reason: "the profiles were not loaded for this comparison" };
  }
  let firstProblem: string | null = null;
  for (const [b, c] of candidates(before, after, paired)) {
    const problem = (side: LayoutProfile, name: string) =>
      side.profile === null ? `${name} layout ${side.layout} has no profile` : null;
    const missing = problem(b, "the baseline's") ?? problem(c, "the current run's");
    if (missing !== null) {
      firstProblem ??= missing;
      continue;
    }
    const p = lookup.instruction(b.profile!);
    const q = lookup.instruction(c.profile!);
    if ("unavailable" in p || "unavailable" in q) {
      firstProblem ??= "unavailable" in p
        ? p.unavailable
        : (q as { unavailable: string }).unavailable;
      continue;
    }
    return { ...diffProfiles(p, q), layouts: { baseline: b.layout, current: c.layout } };
  }
  return {
    status: "unavailable",
    reason: firstProblem ?? "no layout was counted on both sides",
  };
}

/**
 * The diff of two instruction profiles, per record (the rows add up to `change`); `layouts` is
 * set by the caller.
 */
export function diffProfiles(
  baseline: InstructionProfile,
  current: InstructionProfile,
  limit: number = ATTRIBUTION_FUNCTIONS,
): Omit<Extract<InstructionAttribution, { status: "ok" }>, "layouts"> {
  const perB = baseline.records * baseline.passes;
  const perC = current.records * current.passes;
  const key = (e: { object: string; file: string; name: string }) =>
    `${e.object}\u0000${e.file}\u0000${e.name}`;
  const b = new Map(profileEntries(baseline).map((e) => [key(e), e]));
  const c = new Map(profileEntries(current).map((e) => [key(e), e]));
  const smallest = (profile: InstructionProfile, per: number) =>
    profile.other.functions > 0 && profile.functions.length > 0
      ? profile.functions[profile.functions.length - 1][3] / per
      : null;
  const floorB = smallest(baseline, perB);
  const floorC = smallest(current, perC);
  const baselineTotal = baseline.total / perB;
  const currentTotal = current.total / perC;
  const change = currentTotal - baselineTotal;
  const share = (value: number) => (change === 0 ? null : value / change);
  const all: FunctionChange[] = [];
  for (const k of new Set([...b.keys(), ...c.keys()])) {
    const x = b.get(k);
    const y = c.get(k);
    const ref = (y ?? x)!;
    const before = x === undefined ? 0 : x.self / perB;
    const after = y === undefined ? 0 : y.self / perC;
    const underCut = x === undefined && floorB !== null
      ? { side: "baseline" as const, atMost: floorB }
      : y === undefined && floorC !== null
      ? { side: "current" as const, atMost: floorC }
      : null;
    all.push({
      object: cutName(ref.object),
      file: cutName(ref.file),
      name: cutName(ref.name),
      baseline: before,
      current: after,
      change: after - before,
      share: share(after - before),
      inclusiveBaseline: x === undefined ? null : x.inclusive / perB,
      inclusiveCurrent: y === undefined ? null : y.inclusive / perC,
      underCut,
    });
  }
  all.sort((p, q) =>
    Math.abs(q.change) - Math.abs(p.change) || compareText(p.name, q.name) ||
    compareText(p.file, q.file) || compareText(p.object, q.object)
  );
  const functions = all.filter((f) => f.change !== 0).slice(0, limit);
  const rest = remainder(change, functions.map((f) => f.change), perB === perC ? perB : null);
  return {
    status: "ok",
    baselineTotal,
    currentTotal,
    change,
    relativeChange: baselineTotal > 0 ? currentTotal / baselineTotal - 1 : null,
    functions,
    everythingElse: {
      change: rest,
      share: share(rest),
      functions: all.length - functions.length,
    },
    functionsCompared: all.length,
  };
}

/**
 * What the listed changes leave of `total`: exact when both sides have the same divisor (the
 * counts are integers: the remainder is computed on them, then divided), else in floating point
 * with rounding noise below a millionth of the total dropped — the rows must add up, and a
 * remainder of 1e-14 is no function's doing.
 */
export function remainder(
  total: number,
  listed: readonly number[],
  divisor: number | null,
): number {
  if (divisor !== null) {
    const raw = Math.round(total * divisor) -
      listed.reduce((sum, value) => sum + Math.round(value * divisor), 0);
    return raw / divisor;
  }
  const rest = total - listed.reduce((sum, value) => sum + value, 0);
  return Math.abs(rest) <= 1e-6 * Math.max(1, Math.abs(total)) ? 0 : rest;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
