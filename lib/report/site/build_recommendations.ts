/**
 * Which DataSON configuration to use on a scenario, derived from the measurements. A candidate is
 * a target of the configurations suite (the default composition, an API variant or a config
 * profile) whose serialize and deserialize both worked. The picks:
 *
 * - **fastest round trip** (serialize + deserialize time per record) among the candidates whose
 *   fidelity is `exact`;
 * - **smallest output** (wire bytes) among the same;
 * - **lowest peak memory** (tracemalloc peak, the larger of the two operations) among the same.
 *
 * When no candidate gives the data back exactly, the picks are made among the lossy ones (equal
 * after JSON normalisation) and the note says so; a candidate whose output does not round-trip
 * (mismatch, error) is never recommended (lib/regression/speed_ratio.ts: not a win). Ties go to the
 * faster round trip, then to the target id. Each pick states what it costs against every other
 * pick and against the default target (`+12% time, −30% bytes`), only where their fidelity
 * classes are the same.
 */

import { formatBytes, formatChange, formatNs } from "../../_common/format.ts";
import { canWin } from "../../regression/speed_ratio.ts";
import type { Fidelity } from "../../results/run_record.ts";
import { fidelityPair } from "../ratio_text.ts";
import type { FoldedVerdict } from "./fold_fidelity.ts";
import type { Recommendation } from "./types.ts";

export interface Candidate {
  target: string;
  /** Serialize + deserialize ns per record; null when either operation failed. */
  roundTripNs: number | null;
  outputBytes: number | null;
  /** Larger peak traced bytes of the two operations. */
  peakBytes: number | null;
  fidelity: FoldedVerdict;
}

export type Goal = "fastest" | "smallest" | "memory";

export interface Pick {
  goals: Goal[];
  candidate: Candidate;
}

export interface RecommendationResult {
  /** One entry per distinct target, in goal order (fastest, smallest, memory). */
  picks: Pick[];
  /**
   * `exact` when the picks kept exact fidelity, `lossy` when none could but some round-trip,
   * `none` when nothing worked or nothing round-trips.
   */
  pool: "exact" | "lossy" | "none";
  note: string;
}

export const RECOMMENDATION_RULE =
  "Among the configurations whose serialize and deserialize both worked and that give the data " +
  "back exactly (fidelity exact; when none does, among the lossy ones; output that does not " +
  "round-trip is never recommended): the fastest round trip " +
  "(serialize + deserialize time per record), the smallest output, and the lowest peak traced " +
  "memory (the larger of the two operations). Ties go to the faster round trip. Costs compare " +
  "point estimates (medians).";

const GOAL_LABEL: Record<Goal, string> = {
  fastest: "fastest round trip",
  smallest: "smallest output",
  memory: "lowest peak memory",
};

function better(
  value: (c: Candidate) => number | null,
): (a: Candidate, b: Candidate) => number {
  return (a, b) =>
    value(a)! - value(b)! || a.roundTripNs! - b.roundTripNs! ||
    (a.target < b.target ? -1 : a.target > b.target ? 1 : 0);
}

function best(
  pool: Candidate[],
  value: (c: Candidate) => number | null,
): Candidate | null {
  const measured = pool.filter((c) => value(c) !== null);
  return measured.length === 0 ? null : [...measured].sort(better(value))[0];
}

export function recommend(candidates: readonly Candidate[]): RecommendationResult {
  const usable = candidates.filter((c) => c.roundTripNs !== null);
  if (usable.length === 0) {
    return {
      picks: [],
      pool: "none",
      note: "No configuration completed both operations on this scenario: nothing to recommend.",
    };
  }
  const exact = usable.filter((c) => c.fidelity === "exact");
  const roundTripping = usable.filter((c) => canWin(fidelityClass(c.fidelity)));
  if (roundTripping.length === 0) {
    return {
      picks: [],
      pool: "none",
      note: "No configuration gives this scenario's data back (every one that worked is a " +
        "mismatch): nothing to recommend.",
    };
  }
  const pool = exact.length > 0 ? exact : roundTripping;
  const winners: [Goal, Candidate | null][] = [
    ["fastest", best(pool, (c) => c.roundTripNs)],
    ["smallest", best(pool, (c) => c.outputBytes)],
    ["memory", best(pool, (c) => c.peakBytes)],
  ];
  const picks: Pick[] = [];
  for (const [goal, candidate] of winners) {
    if (candidate === null) continue;
    const existing = picks.find((p) => p.candidate.target === candidate.target);
    if (existing) existing.goals.push(goal);
    else picks.push({ goals: [goal], candidate });
  }
  return {
    picks,
    pool: exact.length > 0 ? "exact" : "lossy",
    note: exact.length > 0
      ? ""
      : "No configuration gives this scenario's data back exactly: the picks are made among the " +
        "lossy ones (equal only after JSON normalisation) — check what they lose before relying " +
        "on them.",
  };
}

/** The fidelity class of a folded verdict; null for a status (unsupported, …) or unknown. */
export function fidelityClass(verdict: FoldedVerdict): Fidelity | null {
  return verdict === "exact" || verdict === "lossy" || verdict === "mismatch" ||
      verdict === "error"
    ? verdict
    : null;
}

/**
 * `+12.0% time, −30.0% bytes, +5.0% memory` of `a` against `b`; parts without data are left out.
 * The ratio rule of lib/regression/speed_ratio.ts: across fidelity classes where both round-trip
 * the costs carry both fidelities (`… (exact vs lossy)`); when one side does not round-trip,
 * nothing is compared (`not compared (exact vs mismatch)`).
 */
export function costAgainst(a: Candidate, b: Candidate): string {
  const classes = [fidelityClass(a.fidelity), fidelityClass(b.fidelity)] as const;
  const pair = fidelityPair(classes[0], classes[1]);
  if (a.fidelity !== b.fidelity && !(canWin(classes[0]) && canWin(classes[1]))) {
    return `not compared (${pair})`;
  }
  const costs = costParts(a, b);
  return a.fidelity === b.fidelity || costs === "" ? costs : `${costs} (${pair})`;
}

function costParts(a: Candidate, b: Candidate): string {
  const parts: string[] = [];
  const change = (x: number | null, y: number | null, what: string) => {
    if (x !== null && y !== null && y > 0) parts.push(`${formatChange(x / y - 1)} ${what}`);
  };
  change(a.roundTripNs, b.roundTripNs, "time");
  change(a.outputBytes, b.outputBytes, "bytes");
  change(a.peakBytes, b.peakBytes, "memory");
  return parts.join(", ");
}

function goalText(goals: Goal[], pool: RecommendationResult["pool"]): string {
  const text = goals.map((g) => GOAL_LABEL[g]).join(", ");
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return pool === "exact"
    ? `${sentence} with exact fidelity`
    : `${sentence} (lossy: no exact option)`;
}

/**
 * The recommendations in words: each pick with its values and its costs against the other picks
 * and against the default target (when that is not a pick itself).
 */
export function describeRecommendations(
  result: RecommendationResult,
  defaultCandidate: Candidate | null,
): Recommendation[] {
  return result.picks.map((pick) => {
    const c = pick.candidate;
    const costs: string[] = [];
    for (const other of result.picks) {
      if (other === pick) continue;
      const cost = costAgainst(c, other.candidate);
      if (cost) {
        costs.push(
          `vs ${other.candidate.target} (${
            other.goals.map((g) => GOAL_LABEL[g]).join(", ")
          }): ${cost}`,
        );
      }
    }
    if (
      defaultCandidate !== null && defaultCandidate.target !== c.target &&
      !result.picks.some((p) => p.candidate.target === defaultCandidate.target)
    ) {
      const cost = costAgainst(c, defaultCandidate);
      if (cost) costs.push(`vs ${defaultCandidate.target} (the default): ${cost}`);
    }
    return {
      goal: goalText(pick.goals, result.pool),
      target: c.target,
      values: [
        c.roundTripNs === null ? null : `${formatNs(c.roundTripNs)} round trip`,
        c.outputBytes === null ? null : `${formatBytes(c.outputBytes)} output`,
        c.peakBytes === null ? null : `${formatBytes(c.peakBytes)} peak`,
        c.fidelity,
      ].filter((part) => part !== null).join(" · "),
      costs,
    };
  });
}
