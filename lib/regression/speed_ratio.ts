/**
 * Ratios only where they compare. A speed ratio between two cells says something only when both
 * produce the same kind of output: a target that returns a security marker instead of a large
 * array (a `mismatch`) skips the work it is compared on. The one rule, used by every output that
 * puts two times side by side (comparison rows, the site's tables and headlines, the Markdown
 * summary, the PR comment, `--json` documents):
 *
 * - fidelity classes are ordered exact > lossy > mismatch > error;
 * - a ratio is **plain** only when both cells have the same class and that class round-trips
 *   (exact with exact, lossy with lossy);
 * - it is **qualified** — printed with both fidelities — when both round-trip in different classes
 *   (exact against lossy), or when both share a class that does not round-trip (mismatch against
 *   mismatch: comparable, but neither output is right);
 * - it is **withheld** when the classes differ and at least one side does not round-trip (or its
 *   fidelity is unknown): the two cells did different work;
 * - a cell whose output does not round-trip is never a win: it is not "the fastest", not
 *   "improved", not a recommendation (`canWin`);
 * - "the fastest competitor" is chosen among those whose fidelity is at least the reference's
 *   (`fastestAtLeastAsFaithful`).
 */

import type { Fidelity } from "../results/run_record.ts";

/** Fidelity classes from best to worst. */
export const FIDELITY_CLASSES: readonly Fidelity[] = ["exact", "lossy", "mismatch", "error"];

/** 0 for exact … 3 for error. */
export function fidelityRank(fidelity: Fidelity): number {
  return FIDELITY_CLASSES.indexOf(fidelity);
}

/** True for output that comes back equal (exact) or equal after JSON normalisation (lossy). */
export function roundTrips(fidelity: Fidelity | null): boolean {
  return fidelity === "exact" || fidelity === "lossy";
}

/** True when `fidelity` is known and at least as good as `reference` (any known one if that is unknown). */
export function atLeastAsFaithful(fidelity: Fidelity | null, reference: Fidelity | null): boolean {
  if (fidelity === null) return false;
  return reference === null || fidelityRank(fidelity) <= fidelityRank(reference);
}

/** A faster time is a win only for output that round-trips. */
export function canWin(fidelity: Fidelity | null): boolean {
  return roundTrips(fidelity);
}

/** One side of a ratio: its time (null when it has none) and its round trip's fidelity. */
export interface TimedFidelity {
  ns: number | null;
  fidelity: Fidelity | null;
}

export type SpeedRatio =
  /** Same class, and it round-trips: print the ratio as it is. */
  | { kind: "plain"; ratio: number; fidelity: Fidelity }
  /** Comparable with a caveat: print the ratio together with both fidelities. */
  | { kind: "qualified"; ratio: number; subject: Fidelity | null; other: Fidelity | null }
  /** Different work: no ratio; say both fidelities instead. */
  | { kind: "withheld"; subject: Fidelity | null; other: Fidelity | null }
  /** A side has no time (it failed or was not measured). */
  | { kind: "none" };

/** `subject.ns / other.ns` under the rule above. */
export function speedRatio(subject: TimedFidelity, other: TimedFidelity): SpeedRatio {
  if (subject.ns === null || other.ns === null || !(other.ns > 0)) return { kind: "none" };
  const ratio = subject.ns / other.ns;
  const a = subject.fidelity;
  const b = other.fidelity;
  if (a !== null && a === b && roundTrips(a)) return { kind: "plain", ratio, fidelity: a };
  if (a === b || (roundTrips(a) && roundTrips(b))) {
    return { kind: "qualified", ratio, subject: a, other: b };
  }
  return { kind: "withheld", subject: a, other: b };
}

/**
 * The fastest candidate whose fidelity is at least the reference's, and how many faster ones were
 * passed over for a lower fidelity. Candidates without a time are ignored.
 */
export function fastestAtLeastAsFaithful<T extends TimedFidelity>(
  candidates: readonly T[],
  reference: Fidelity | null,
): { fastest: T | null; passedOver: T[] } {
  let fastest: T | null = null;
  for (const c of candidates) {
    if (c.ns === null || !atLeastAsFaithful(c.fidelity, reference)) continue;
    if (fastest === null || c.ns < fastest.ns!) fastest = c;
  }
  const passedOver = candidates.filter((c) =>
    c.ns !== null && !atLeastAsFaithful(c.fidelity, reference) &&
    (fastest === null || c.ns < fastest.ns!)
  );
  return { fastest, passedOver };
}
