/**
 * The figures of one comparison row as text, shared by the site's comparison table and the PR
 * comment (each adds its own labels, icons and escaping).
 */

import { rowFailsGate } from "../regression/build_comparison.ts";
import type { CompareResult, CompareRow } from "../regression/types.ts";
import { formatChange, formatCi, formatPercent, formatPValue } from "../_common/format.ts";
import { formatMeasureValue, measureLabel } from "./format_measure.ts";

export interface CompareRowFigures {
  metric: string;
  baseline: string;
  current: string;
  change: string;
  ci: string;
  p: string;
  mde: string;
}

/** The change column: the relative change, or how the fidelity changed instead of a Δ across it. */
export function changeText(row: CompareRow): string {
  return row.fidelityChange === null
    ? formatChange(row.effect)
    : `fidelity changed: ${row.fidelityChange.from} → ${row.fidelityChange.to}`;
}

export function compareRowFigures(row: CompareRow): CompareRowFigures {
  return {
    metric: measureLabel(row.metric),
    baseline: formatMeasureValue(row.metric, row.baseline?.value ?? null),
    current: formatMeasureValue(row.metric, row.current?.value ?? null),
    change: changeText(row),
    ci: formatCi(row.ci95),
    p: formatPValue(row.pAdjusted ?? row.pValue),
    mde: formatPercent(row.mde),
  };
}

/** Where a row stands with the gate: not gated at all, gating (failing or not), or kept out of it. */
export type GateState = "none" | "fails" | "gated" | "env-differs";

export function gateState(row: CompareRow, result: CompareResult): GateState {
  if (!row.gateMatched) return "none";
  if (!row.gated) return "env-differs";
  return rowFailsGate(row, result.options.failOn) ? "fails" : "gated";
}
