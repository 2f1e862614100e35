import type { ProcessSummary } from "../config/types.ts";
import type { Pairing } from "../results/run_record.ts";
import { median } from "../stats/median.ts";
import { processValue } from "./process_value.ts";

/** One side of a paired time row: its values per process, each process's round, its pairing. */
export interface RoundSide {
  values: readonly (readonly number[])[];
  rounds: readonly number[];
  pairing?: Pairing;
}

/**
 * The observations of a paired comparison: one log-ratio d = log(current) − log(baseline) per
 * round that measured both sides, in round order; null when a number to take the log of is zero or
 * negative.
 *
 * Each side's process of the round stands for it through its median (or minimum, with
 * `processSummary: "min"`). When both sides were timed value against value (`pairing` `lockstep`
 * or `duet` on both cells) and the summary is the median, the round's d is instead the median of
 * its value pairs' log-ratios, log bᵢ − log aᵢ over the values both processes have (a longer side's
 * extra values are left out): a burst that slowed both sides at once cancels inside each pair.
 * The round is still one observation, not one per pair: pairs of a round share both processes'
 * offsets (where each landed in memory, what the machine did during the round), so they are not
 * independent and the tests count rounds.
 */
export function roundLogRatios(
  baseline: RoundSide,
  current: RoundSide,
  summary: ProcessSummary,
): number[] | null {
  const before = processesByRound(baseline);
  const after = processesByRound(current);
  const byValue = summary === "median" && timedTogether(baseline, current);
  if (!byValue && (!summariesPositive(before, summary) || !summariesPositive(after, summary))) {
    return null;
  }
  const rounds = [...after.keys()].filter((r) => before.has(r)).sort((a, b) => a - b);
  const d: number[] = [];
  for (const round of rounds) {
    const a = before.get(round)!;
    const b = after.get(round)!;
    const ratio = byValue
      ? pairedLogRatio(a, b)
      : Math.log(processValue(b, summary)) - Math.log(processValue(a, summary));
    if (ratio === null) return null;
    d.push(ratio);
  }
  return d;
}

function timedTogether(baseline: RoundSide, current: RoundSide): boolean {
  const pairing = baseline.pairing;
  return pairing === current.pairing && (pairing === "lockstep" || pairing === "duet");
}

/** Each round's process values; processes without values are left out. */
function processesByRound(side: RoundSide): Map<number, readonly number[]> {
  const byRound = new Map<number, readonly number[]>();
  side.values.forEach((values, i) => {
    if (values.length > 0) byRound.set(side.rounds[i], values);
  });
  return byRound;
}

function summariesPositive(
  byRound: Map<number, readonly number[]>,
  summary: ProcessSummary,
): boolean {
  return [...byRound.values()].every((values) => processValue(values, summary) > 0);
}

/** The median of log bᵢ − log aᵢ over the common prefix; null when a value is not positive. */
function pairedLogRatio(a: readonly number[], b: readonly number[]): number | null {
  const count = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < count; i++) {
    if (!(a[i] > 0 && b[i] > 0)) return null;
    ratios.push(Math.log(b[i]) - Math.log(a[i]));
  }
  return median(ratios);
}
