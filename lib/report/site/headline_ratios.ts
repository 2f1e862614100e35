/**
 * DataSON against json and against the fastest competitor, per scenario, tier and operation: the
 * numbers behind each section's headline on the page, the "at a glance" table and the Markdown
 * summary. Which competitor counts as "the fastest" and how a ratio may be printed is the rule of
 * lib/regression/speed_ratio.ts: the fastest is chosen among competitors whose fidelity on that
 * scenario and tier is at least DataSON's, and a ratio across fidelity classes is qualified or
 * withheld.
 */

import type { Fidelity, MeasuredCell } from "../../results/run_record.ts";
import type { Operation } from "../../_common/vocabulary.ts";
import {
  fastestAtLeastAsFaithful,
  fidelityRank,
  roundTrips,
  speedRatio,
} from "../../regression/speed_ratio.ts";
import { againstText, fidelityPair, relativeWords } from "../ratio_text.ts";
import { cellTime } from "./cell_values.ts";
import { displayStatus } from "./fold_fidelity.ts";
import { isCompetitor } from "./target_roles.ts";

export interface Opponent {
  target: string;
  /** ns per record; null when the cell failed (then `status` says how). */
  ns: number | null;
  status: string;
  /**
   * The target's fidelity class on this scenario and tier: the worse of its operations' round
   * trips; null when none worked or none was checked.
   */
  fidelity: Fidelity | null;
}

export interface HeadlineOperation {
  operation: Operation;
  /** DataSON's reference target (normally `datason`). */
  reference: Opponent;
  /** `json`, when the suite measured it. */
  json: Opponent | null;
  /** The fastest competitor that worked with a fidelity at least the reference's; null if none. */
  fastest: Opponent | null;
  /** Competitors faster than `fastest` that were passed over for a lower fidelity. */
  passedOver: Opponent[];
  /** Competitors that were measured, worked or not. */
  competitors: number;
}

/** The worse fidelity of a target's cells that worked; null when none did or none was checked. */
export function targetFidelity(cells: readonly MeasuredCell[], target: string): Fidelity | null {
  let worst: Fidelity | null = null;
  for (const cell of cells) {
    if (cell.target !== target || cell.status !== "ok" || cell.fidelity === null) continue;
    if (worst === null || fidelityRank(cell.fidelity) > fidelityRank(worst)) worst = cell.fidelity;
  }
  return worst;
}

/**
 * The headline of one scenario and tier of one run. `cells` are that scenario's and tier's cells
 * of one suite and environment; `reference` is DataSON's target id.
 */
export function headlineRatios(
  cells: readonly MeasuredCell[],
  reference: string,
  operation: Operation,
): HeadlineOperation {
  const ofOperation = cells.filter((c) => c.operation === operation);
  const opponent = (cell: MeasuredCell): Opponent => ({
    target: cell.target,
    ns: cellTime(cell)?.median ?? null,
    status: displayStatus(cell),
    fidelity: targetFidelity(cells, cell.target),
  });
  const ref = ofOperation.find((c) => c.target === reference);
  const json = ofOperation.find((c) => c.target === "json");
  const competitors = ofOperation.filter((c) => isCompetitor(c.target)).map(opponent);
  const referenceOpponent = ref === undefined
    ? { target: reference, ns: null, status: "not measured", fidelity: null }
    : opponent(ref);
  const { fastest, passedOver } = fastestAtLeastAsFaithful(
    competitors,
    referenceOpponent.fidelity,
  );
  return {
    operation,
    reference: referenceOpponent,
    json: json === undefined ? null : opponent(json),
    fastest,
    passedOver: passedOver.sort((a, b) => a.ns! - b.ns!),
    competitors: competitors.length,
  };
}

/** `(exact)`, or nothing when the fidelity is unknown. */
function inParens(fidelity: Fidelity | null): string {
  return fidelity === null ? "" : ` (${fidelity})`;
}

/**
 * DataSON against a named other, for a sentence: `5.63× slower than json`, a qualified or
 * withheld ratio, or why there is none (`json unsupported`); empty when the other was not measured.
 */
export function versusText(reference: Opponent, other: Opponent | null): string {
  if (other === null) return "";
  if (reference.ns === null) return `DataSON ${reference.status}`;
  if (other.ns === null) return `${other.target} ${other.status}`;
  return againstText(speedRatio(reference, other), other.target);
}

/**
 * DataSON against the fastest competitor at its fidelity or better, for a sentence:
 * `2.10× slower than orjson, the fastest competitor with fidelity at least DataSON's (lossy)`,
 * or, across fidelity classes that cannot be compared, the competitor and both fidelities with no
 * ratio; the faster competitors passed over for a lower fidelity are named.
 */
export function fastestText(h: HeadlineOperation): string {
  if (h.reference.ns === null) return "";
  const level = `fidelity at least DataSON's${inParens(h.reference.fidelity)}`;
  const passed = h.passedOver.length === 0
    ? ""
    : `; faster with a lower fidelity: ${
      h.passedOver.slice(0, 3).map((o) => `${o.target}${inParens(o.fidelity)}`).join(", ")
    }${h.passedOver.length > 3 ? ` and ${h.passedOver.length - 3} more` : ""}`;
  if (h.fastest === null) {
    if (h.competitors === 0) return "";
    return `${
      h.passedOver.length > 0 ? `no competitor with ${level}` : "no competitor"
    } worked${passed}`;
  }
  const ratio = speedRatio(h.reference, h.fastest);
  if (ratio.kind === "withheld") {
    const why = roundTrips(h.reference.fidelity)
      ? `the outputs differ (${fidelityPair(ratio.subject, ratio.other)})`
      : `DataSON's output does not round-trip (${fidelityPair(ratio.subject, ratio.other)})`;
    return `${h.fastest.target}${
      inParens(h.fastest.fidelity)
    } is the fastest competitor with ${level}; no ratio: ${why}${passed}`;
  }
  return `${againstText(ratio, h.fastest.target)}, the fastest competitor with ${level}${passed}`;
}

/**
 * The same comparisons, compact, for a Markdown table cell: `5.63× slower`, `5.63× slower (lossy
 * vs exact)`, `not compared (mismatch vs exact)`, or why there is nothing (`json unsupported`).
 * `which: "fastest"` names the competitor: `2.10× faster (orjson)`.
 */
export function compactText(h: HeadlineOperation, which: "json" | "fastest"): string {
  if (h.reference.ns === null) return "—";
  const other = which === "json" ? h.json : h.fastest;
  if (other === null) {
    if (which === "json") return "not measured";
    return h.competitors === 0 ? "—" : "no competitor worked";
  }
  if (other.ns === null) return `${other.target} ${other.status}`;
  const ratio = speedRatio(h.reference, other);
  const named = which === "fastest" ? other.target : "";
  if (ratio.kind === "withheld" || ratio.kind === "none") {
    const note = ratio.kind === "withheld"
      ? `not compared (${fidelityPair(ratio.subject, ratio.other)})`
      : "—";
    return which === "fastest" ? `${named}: ${note}` : note;
  }
  const words = relativeWords(ratio.ratio);
  const note = ratio.kind === "qualified" ? fidelityPair(ratio.subject, ratio.other) : "";
  const details = [named, note].filter((p) => p !== "").join("; ");
  return details === "" ? words : `${words} (${details})`;
}
