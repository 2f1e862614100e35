/** The terminal table of a comparison (`compare` without `--json` / `--format markdown`). */

import { terminalCell, terminalText } from "./control_characters.ts";
import type { CompareResult, CompareRow } from "../regression/types.ts";
import { rowFailsGate } from "../regression/build_comparison.ts";
import { formatCi, formatPercent, formatPValue } from "../_common/format.ts";
import { changeText } from "./compare_row_figures.ts";
import { textTable } from "../_common/text_table.ts";
import { formatMeasureValue, measureLabel } from "./format_measure.ts";
import { sideBySideLines } from "./side_by_side_text.ts";
import { decidedByText } from "./side_by_side.ts";
import { attributionViews } from "./attribution_view.ts";

const HEADERS = [
  "verdict",
  "sev",
  "gate",
  "cell",
  "metric",
  "baseline",
  "current",
  "change",
  "95% CI",
  "p",
  "MDE",
  "why",
];

function gateText(row: CompareRow, result: CompareResult): string {
  if (!row.gateMatched) return "";
  if (!row.gated) return "env≠";
  return rowFailsGate(row, result.options.failOn) ? "FAIL" : "yes";
}

export function renderCompareText(result: CompareResult): string {
  const rows = result.rows.map((row) => [
    row.verdict === "inconclusive" && row.underpowered ? "inconclusive*" : row.verdict,
    row.severity ?? "",
    gateText(row, result),
    row.id.replace(/:[A-Za-z]+$/, ""),
    measureLabel(row.metric),
    formatMeasureValue(row.metric, row.baseline?.value ?? null),
    formatMeasureValue(row.metric, row.current?.value ?? null),
    changeText(row),
    formatCi(row.ci95),
    formatPValue(row.pAdjusted ?? row.pValue),
    formatPercent(row.mde),
    terminalCell(row.reason),
  ]);
  const { summary, options } = result;
  const title = result.mode === "within-run"
    ? `${result.axis!.axis} ${result.axis!.b} vs ${result.axis!.a} in run ${
      result.current.runId.slice(0, 12)
    } (paired by round)`
    : `run ${result.current.runId.slice(0, 12)} (${result.current.startedAt}) vs baseline ${
      result.baseline.runId.slice(0, 12)
    } (${result.baseline.startedAt})`;
  const lines = [
    `compare: ${title}`,
    `verdict: ${summary.status.toUpperCase()} — ${summary.line}`,
    `gate: ${options.gate.join(", ") || "none"}; fails on ${options.failOn}: ${
      summary.gateFailed
        ? `FAILED (${summary.gatingFailures} row(s), decided by ${decidedByText(result)})`
        : "passed"
    }; α = ${options.alpha} (Holm over gated rows), power ${options.power}`,
  ];
  for (const note of result.environmentNotes) {
    lines.push(`note: ${terminalCell(note.message)}`);
  }
  lines.push(...sideBySideLines(result));
  lines.push("", ...textTable([HEADERS, ...rows]));
  if (result.rows.some((r) => r.underpowered && r.verdict === "inconclusive")) {
    lines.push("", "* underpowered: too few processes to ever reach the required p-value");
  }
  lines.push(...attributionLines(result));
  return terminalText(`${lines.join("\n")}\n`);
}

/** Functions shown per table of a flagged cell in the terminal (`--json` carries all). */
export const TEXT_TOP_FUNCTIONS = 5;

/** "Where the instructions went", one small table per flagged cell and level. */
function attributionLines(result: CompareResult): string[] {
  const lines: string[] = [];
  for (const view of attributionViews(result, TEXT_TOP_FUNCTIONS)) {
    lines.push("", `where the instructions went: ${view.cell}: ${view.change}, ${view.verdict}`);
    for (const table of [view.callgrind, view.python]) {
      if (table === null) continue;
      if (table.lines.length === 0) {
        lines.push(`  ${terminalCell(table.note)}`);
        continue;
      }
      lines.push(`  ${terminalCell(table.title)}`);
      const body = table.lines.map((l) => [
        terminalCell(l.name),
        terminalCell(l.where),
        ...l.figures.map(terminalCell),
      ]);
      lines.push(
        ...textTable([["function", "where", ...table.columns], ...body]).map((l) => `  ${l}`),
      );
    }
  }
  return lines;
}
