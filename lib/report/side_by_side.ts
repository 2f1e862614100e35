/**
 * Time and instruction counts side by side: one line per compared cell with the change and the
 * verdict of each cost measure (time per record, instructions and estimated cycles per record) —
 * each measure keeps its own verdict, and the gate names the measures whose rows fail it. Shared by
 * the terminal table and the PR comment (each adds its own escaping); absent when no row of the
 * comparison is a counted measure (nothing to put beside time).
 */

import { formatChange } from "../_common/format.ts";
import { rowFailsGate } from "../regression/build_comparison.ts";
import { type KnownMeasure, MEASURES, PRIMARY_MEASURE } from "../regression/measures.ts";
import type { CompareResult, CompareRow, Metric } from "../regression/types.ts";

export interface SideBySideRow {
  /** The cell: the row id without its `:metric`. */
  cell: string;
  /** One text per column: `+5.1% regressed (warn)`, `+0.12% unchanged`, `—` when not measured. */
  measures: string[];
  /** `FAIL: time/record`, `yes`, `env≠` (no row gates), `partly` (some rows kept out), or `""`. */
  gate: string;
  /** Labels of the measures whose rows of this cell fail the gate. */
  decidedBy: string[];
}

export interface SideBySide {
  /** The measures shown as columns, in the table's order. */
  columns: KnownMeasure[];
  rows: SideBySideRow[];
}

/** Measures of cost, shown side by side: time and the counted measures (not bytes). */
function costMeasures(): KnownMeasure[] {
  return MEASURES.filter((m) => m.comparison === "rank-test" || m.comparison === "layouts");
}

/** `+0.12%`: counted measures print two decimals, their changes are small and exact. */
export function formatRowChange(row: CompareRow): string {
  const counted = MEASURES.find((m) => m.id === row.metric)?.comparison === "layouts";
  return formatChange(row.effect, counted ? 2 : 1);
}

function measureText(row: CompareRow | undefined): string {
  if (row === undefined) return "—";
  const verdict = row.verdict === "inconclusive" && row.underpowered
    ? "inconclusive (underpowered)"
    : row.verdict === "regressed" && row.severity !== null
    ? `regressed (${row.severity})`
    : row.verdict;
  return row.effect === null ? verdict : `${formatRowChange(row)} ${verdict}`;
}

function gateText(rows: CompareRow[], decidedBy: string[]): string {
  if (decidedBy.length > 0) return `FAIL: ${decidedBy.join(", ")}`;
  const matched = rows.filter((r) => r.gateMatched);
  if (matched.length === 0) return "";
  const gated = matched.filter((r) => r.gated).length;
  if (gated === matched.length) return "yes";
  return gated === 0 ? "env≠" : "partly (env≠)";
}

/** The side-by-side view of a comparison; null when it has no counted measure's row. */
export function sideBySide(result: CompareResult): SideBySide | null {
  const measures = costMeasures();
  const counted = new Set<Metric>(
    measures.filter((m) => m.comparison === "layouts").map((m) => m.id),
  );
  if (!result.rows.some((r) => counted.has(r.metric))) return null;
  const shown = new Set<Metric>(measures.map((m) => m.id));
  const columns = measures.filter((m) => result.rows.some((r) => r.metric === m.id));
  const byCell = new Map<string, CompareRow[]>();
  for (const row of result.rows) {
    if (!shown.has(row.metric)) continue;
    const cell = row.id.replace(/:[A-Za-z]+$/, "");
    if (!byCell.has(cell)) byCell.set(cell, []);
    byCell.get(cell)!.push(row);
  }
  const rows: SideBySideRow[] = [...byCell].map(([cell, cellRows]) => {
    const decidedBy = columns
      .filter((m) =>
        cellRows.some((r) => r.metric === m.id && rowFailsGate(r, result.options.failOn))
      )
      .map((m) => m.label);
    return {
      cell,
      measures: columns.map((m) => measureText(cellRows.find((r) => r.metric === m.id))),
      gate: gateText(cellRows, decidedBy),
      decidedBy,
    };
  });
  return { columns, rows };
}

/**
 * What failed the gate, for headlines: "time/record", "time/record and instructions/record", "a
 * status or fidelity break" (a break rides on the cell's time row but is no time measurement).
 */
export function decidedByText(result: CompareResult): string {
  const failing = result.rows.filter((r) => rowFailsGate(r, result.options.failOn));
  const cellBreak = failing.some((r) => r.verdict === "broken" && r.metric === PRIMARY_MEASURE.id);
  const parts = [
    ...MEASURES.filter((m) =>
      failing.some((r) => r.metric === m.id && !(r.verdict === "broken" && m === PRIMARY_MEASURE))
    ).map((m) => m.label),
    ...(cellBreak ? ["a status or fidelity break"] : []),
  ];
  return parts.length <= 1
    ? parts.join("")
    : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}
