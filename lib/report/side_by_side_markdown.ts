/** The PR comment's side-by-side section (`side_by_side.ts`): escaped, ready for the template. */

import type { CompareResult } from "../regression/types.ts";
import { escapeMarkdown } from "./markdown_escape.ts";
import { sideBySide } from "./side_by_side.ts";

export interface SideBySideSection {
  key: "sideBySide";
  title: string;
  /** Column headers of the measures: `time/record`, `instructions/record`, … */
  columns: string[];
  rows: { cell: string; measures: string[]; gate: string }[];
  /** Rows before trimming. */
  total: number;
}

/** The gate column as the comment's other tables write it; our own words, nothing to escape. */
function gateCell(gate: string, decidedBy: string[]): string {
  if (decidedBy.length > 0) return `✖ fails: ${decidedBy.join(", ")}`;
  return gate === "yes" ? "✔" : gate.replace("env≠", "env ≠");
}

export function sideBySideSection(result: CompareResult): SideBySideSection {
  const view = sideBySide(result);
  const rows = (view?.rows ?? []).map((r) => ({
    // The cell names targets and environments, which a pull request chooses: escaped.
    cell: escapeMarkdown(r.cell, 160),
    // Our own figures and verdicts: nothing to escape (as the other tables' figures).
    measures: r.measures,
    gate: gateCell(r.gate, r.decidedBy),
  }));
  return {
    key: "sideBySide",
    title: "Time and instructions, side by side",
    columns: (view?.columns ?? []).map((m) => m.label),
    rows,
    total: rows.length,
  };
}
