/**
 * One fidelity verdict per (target, scenario) from its two cells. The rule: each cell gives a
 * verdict — an `ok` cell its round-trip fidelity, a failed cell its status — and the worse of the
 * two wins, in the order
 *
 *   exact < lossy < mismatch < error < unsupported < timeout < crashed < not measured < skipped
 *   < unavailable
 *
 * (getting the data back beats getting it back changed, which beats not getting it back at all;
 * the last three mean nothing was measured). `not measured` is a cell of a run that stopped before
 * reaching it: status `skipped` (`error` in older records) with error type `NotMeasured`. An `ok` cell without a fidelity verdict
 * gives none; when neither cell gives one the verdict is `unknown`.
 */

import { isNotReached } from "../../results/not_reached.ts";
import type { MeasuredCell } from "../../results/run_record.ts";
import { documentedException } from "../../config/documented_exceptions.ts";
import type { FidelityView } from "./types.ts";

export const FIDELITY_ORDER = [
  "exact",
  "lossy",
  "mismatch",
  "error",
  "unsupported",
  "timeout",
  "crashed",
  "not measured",
  "skipped",
  "unavailable",
] as const;
export type FoldedVerdict = typeof FIDELITY_ORDER[number] | "unknown";

export const FIDELITY_RULE =
  "Both operations fold into one verdict: an operation that worked contributes its round-trip " +
  "fidelity, one that failed its status, and the worse of the two is shown, in the order exact < " +
  "lossy < mismatch < error < unsupported < timeout < crashed < not measured < skipped < " +
  "unavailable.";

const MEANING: Record<FoldedVerdict, string> = {
  exact: "same types and values after a round trip",
  lossy: "equal only after JSON normalisation (e.g. a datetime comes back as a string)",
  mismatch: "values differ after a round trip",
  error: "the round trip raised an error",
  unsupported: "the library raised on this data",
  timeout: "killed after the time limit",
  crashed: "the process died",
  "not measured": "the run stopped before this cell",
  skipped: "not measured on purpose",
  unavailable: "the library is not installed in that environment",
  unknown: "no fidelity verdict recorded",
};

const TONE: Record<FoldedVerdict, FidelityView["tone"]> = {
  exact: "good",
  lossy: "warn",
  mismatch: "bad",
  error: "bad",
  unsupported: "off",
  timeout: "bad",
  crashed: "bad",
  "not measured": "off",
  skipped: "off",
  unavailable: "off",
  unknown: "off",
};

type CellVerdict = typeof FIDELITY_ORDER[number];

/** A cell of a run that stopped before reaching it. */
export function isNotMeasured(cell: MeasuredCell): boolean {
  return isNotReached(cell);
}

/** The status to show: the cell's, or `not measured` for a cell the run never reached. */
export function displayStatus(cell: MeasuredCell): string {
  return isNotMeasured(cell) ? "not measured" : cell.status;
}

function verdictOf(cell: MeasuredCell): CellVerdict | null {
  if (cell.status === "ok") return cell.fidelity;
  return isNotMeasured(cell) ? "not measured" : cell.status;
}

/** The error of a failed cell in one line: `TypeError: Object of type UUID is not …`. */
export function errorText(cell: MeasuredCell): string {
  const error = cell.error;
  if (error === undefined) return cell.status;
  const parts = [`${error.type}: ${error.message}`];
  if (error.exitCode !== undefined && error.exitCode !== null) {
    parts.push(`exit code ${error.exitCode}`);
  }
  if (error.signal) parts.push(`signal ${error.signal}`);
  return parts.join("; ").replace(/\s+/g, " ").trim();
}

/** The folded verdict of a (target, scenario); null when neither operation was in the run. */
export function foldFidelity(
  serialize: MeasuredCell | undefined,
  deserialize: MeasuredCell | undefined,
): FidelityView | null {
  const cells = [serialize, deserialize].filter((c): c is MeasuredCell => c !== undefined);
  if (cells.length === 0) return null;
  let worst: { verdict: CellVerdict; cell: MeasuredCell } | null = null;
  for (const cell of cells) {
    const verdict = verdictOf(cell);
    if (verdict === null) continue;
    if (worst === null || FIDELITY_ORDER.indexOf(verdict) > FIDELITY_ORDER.indexOf(worst.verdict)) {
      worst = { verdict, cell };
    }
  }
  if (worst === null) {
    return { verdict: "unknown", tone: TONE.unknown, detail: MEANING.unknown };
  }
  const { verdict, cell } = worst;
  const documented = cell.status === "unsupported"
    ? documentedException(cell.target, cell.tier, cell.scenario)
    : undefined;
  const detail = cell.status === "ok"
    ? `${verdict}: ${MEANING[verdict]}`
    : `${cell.operation} ${displayStatus(cell)}: ${errorText(cell)}` +
      (documented ? ` — documented: ${documented.reason} (${documented.docs})` : "");
  return { verdict, tone: TONE[verdict], detail };
}

/** The meaning of each verdict, for the legend. */
export function fidelityLegend(): {
  verdict: string;
  tone: FidelityView["tone"];
  meaning: string;
}[] {
  return ([...FIDELITY_ORDER, "unknown"] as FoldedVerdict[]).map((verdict) => ({
    verdict,
    tone: TONE[verdict],
    meaning: MEANING[verdict],
  }));
}
