/**
 * DataSON against json and against the fastest competitor, per scenario and operation: the numbers
 * behind each scenario's headline on the page and the Markdown summary's table.
 */

import type { MeasuredCell } from "../../results/run_record.ts";
import type { Operation } from "../../_common/vocabulary.ts";
import { formatRatio } from "../../_common/format.ts";
import { cellTime } from "./cell_values.ts";
import { displayStatus } from "./fold_fidelity.ts";
import { isCompetitor } from "./target_roles.ts";

export interface Opponent {
  target: string;
  /** ns per record; null when the cell failed (then `status` says how). */
  ns: number | null;
  status: string;
}

export interface HeadlineOperation {
  operation: Operation;
  /** DataSON's reference target (normally `datason`). */
  reference: Opponent;
  /** `json`, when the suite measured it. */
  json: Opponent | null;
  /** The fastest competitor that worked; null when none did. */
  fastest: Opponent | null;
  /** Competitors that were measured, worked or not. */
  competitors: number;
}

/**
 * The headline of one scenario of one run. `cells` are the scenario's cells of one suite and
 * environment; `reference` is DataSON's target id.
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
  });
  const ref = ofOperation.find((c) => c.target === reference);
  const json = ofOperation.find((c) => c.target === "json");
  const competitors = ofOperation.filter((c) => isCompetitor(c.target));
  let fastest: Opponent | null = null;
  for (const cell of competitors) {
    const o = opponent(cell);
    if (o.ns !== null && (fastest === null || o.ns < fastest.ns!)) fastest = o;
  }
  return {
    operation,
    reference: ref === undefined
      ? { target: reference, ns: null, status: "not measured" }
      : opponent(ref),
    json: json === undefined ? null : opponent(json),
    fastest,
    competitors: competitors.length,
  };
}

/**
 * DataSON's time against a named other, for a sentence: `5.63× slower than json`,
 * `json unsupported`; empty when the other was not measured.
 */
export function againstText(reference: Opponent, other: Opponent | null): string {
  if (other === null) return "";
  if (reference.ns === null || other.ns === null) return relativeTime(reference, other);
  const text = relativeTime(reference, other);
  return text === "equal" ? `as fast as ${other.target}` : `${text} than ${other.target}`;
}

/**
 * DataSON's time against another's, in words: `4.23× slower`, `2.10× faster`, `equal`; or why
 * there is no ratio (`json unsupported`).
 */
export function relativeTime(reference: Opponent, other: Opponent | null): string {
  if (other === null) return "not measured";
  if (reference.ns === null) return `DataSON ${reference.status}`;
  if (other.ns === null) return `${other.target} ${other.status}`;
  const ratio = reference.ns / other.ns;
  if (Number(ratio.toPrecision(3)) === 1) return "equal";
  return ratio > 1 ? `${formatRatio(ratio)} slower` : `${formatRatio(1 / ratio)} faster`;
}
