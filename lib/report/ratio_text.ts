/**
 * The words of a speed ratio, for every renderer: a sentence (`4.23× slower than json`), a table
 * cell (`4.23×` with a note), a change between versions (`+12.0%`). Which ratios may be printed
 * and how is decided by `speedRatio()` (lib/regression/speed_ratio.ts); this file only words its
 * answer: a plain ratio alone, a qualified one with both fidelities, a withheld one as the two
 * fidelities and no number.
 */

import { formatChange, formatRatio } from "../_common/format.ts";
import type { SpeedRatio } from "../regression/speed_ratio.ts";
import type { Fidelity } from "../results/run_record.ts";

/** `4.23× slower`, `2.10× faster` or `equal`, for a time ratio subject ÷ other. */
export function relativeWords(ratio: number): string {
  if (Number(ratio.toPrecision(3)) === 1) return "equal";
  return ratio > 1 ? `${formatRatio(ratio)} slower` : `${formatRatio(1 / ratio)} faster`;
}

/** `both mismatch`, or `lossy vs exact` (subject first). */
export function fidelityPair(subject: Fidelity | null, other: Fidelity | null): string {
  const name = (f: Fidelity | null) => f ?? "fidelity unknown";
  return subject === other ? `both ${name(subject)}` : `${name(subject)} vs ${name(other)}`;
}

/**
 * DataSON (the subject) against a named other, for a sentence: `5.63× slower than json`,
 * `5.63× slower than json (lossy vs exact)`, `no ratio to pickle: mismatch vs exact`; empty when a
 * side has no time (the caller says why).
 */
export function againstText(ratio: SpeedRatio, other: string): string {
  switch (ratio.kind) {
    case "none":
      return "";
    case "plain": {
      const words = relativeWords(ratio.ratio);
      return words === "equal" ? `as fast as ${other}` : `${words} than ${other}`;
    }
    case "qualified": {
      const words = relativeWords(ratio.ratio);
      return `${words === "equal" ? `as fast as ${other}` : `${words} than ${other}`} (${
        fidelityPair(ratio.subject, ratio.other)
      })`;
    }
    case "withheld":
      return `no ratio to ${other}: ${fidelityPair(ratio.subject, ratio.other)}`;
  }
}

/** A ratio in a table cell (`4.23×`) and what it carries (`lossy vs exact`, `not compared: …`). */
export function ratioCell(ratio: SpeedRatio): { ratio: string; note: string } {
  switch (ratio.kind) {
    case "none":
      return { ratio: "—", note: "" };
    case "plain":
      return { ratio: formatRatio(ratio.ratio), note: "" };
    case "qualified":
      return {
        ratio: formatRatio(ratio.ratio),
        note: fidelityPair(ratio.subject, ratio.other),
      };
    case "withheld":
      return {
        ratio: "—",
        note: `not compared: ${fidelityPair(ratio.subject, ratio.other)}`,
      };
  }
}

/**
 * The change from an earlier cell (other) to a later one (subject): `+12.0%`, `+12.0% (both
 * mismatch)`, or `fidelity changed: mismatch → exact` instead of a Δ across fidelity classes.
 */
export function changeCell(ratio: SpeedRatio): string {
  switch (ratio.kind) {
    case "none":
      return "—";
    case "plain":
      return formatChange(ratio.ratio - 1);
    case "qualified":
      return ratio.subject !== ratio.other
        ? `fidelity changed: ${ratio.other ?? "unknown"} → ${ratio.subject ?? "unknown"}`
        : `${formatChange(ratio.ratio - 1)} (${fidelityPair(ratio.subject, ratio.other)})`;
    case "withheld":
      return `fidelity changed: ${ratio.other ?? "unknown"} → ${ratio.subject ?? "unknown"}`;
  }
}
