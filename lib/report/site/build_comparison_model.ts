/**
 * The last stored comparison on the page: its status line and context, its environment notes,
 * and the rows that are not `unchanged` — fidelity breaks and regressions, improvements,
 * inconclusive rows, new and missing cells — each with change, CI, p-value and MDE — and, for each
 * row flagged on instructions, the functions its change went to.
 */

import type { CompareResult, CompareRow, Verdict } from "../../regression/types.ts";
import { compareRowFigures, gateState } from "../compare_row_figures.ts";
import { formatTimestamp } from "./run_ref.ts";
import { attributionViews } from "../attribution_view.ts";
import type { ComparisonRowView, ComparisonSection } from "./types.ts";

const TONE: Record<Verdict, ComparisonRowView["tone"]> = {
  broken: "bad",
  regressed: "bad",
  inconclusive: "off",
  improved: "good",
  new: "off",
  missing: "warn",
  unchanged: "off",
};

const GATE_LABEL = {
  none: "",
  fails: "fails",
  gated: "gated",
  "env-differs": "env differs",
} as const;

const STATUS_TONE = { fail: "bad", warn: "warn", notice: "warn", pass: "good" } as const;

/** Functions shown per table of a flagged cell on the page. */
export const SITE_TOP_FUNCTIONS = 10;

function rowView(row: CompareRow, result: CompareResult): ComparisonRowView {
  const tone = row.verdict === "regressed" && row.severity === "notice"
    ? "warn"
    : TONE[row.verdict];
  return {
    verdict: row.underpowered && row.verdict === "inconclusive"
      ? "inconclusive (underpowered)"
      : row.severity !== null && row.verdict === "regressed"
      ? `${row.verdict} · ${row.severity}`
      : row.verdict,
    tone,
    severity: row.severity ?? "",
    cell: row.id.replace(/:[A-Za-z]+$/, ""),
    ...compareRowFigures(row),
    gate: GATE_LABEL[gateState(row, result)],
    reason: row.reason,
  };
}

export function buildComparisonModel(
  comparison: { path: string; result: CompareResult },
  newestRunId: string | null,
): ComparisonSection {
  const { result, path } = comparison;
  const rows = (verdicts: Verdict[]) =>
    result.rows.filter((r) => verdicts.includes(r.verdict)).map((r) => rowView(r, result));
  const who = result.mode === "within-run" && result.axis !== null
    ? `${result.axis.b} vs ${result.axis.a} (${result.axis.axis}s) within run ${
      result.current.runId.slice(0, 12)
    }, paired by round`
    : `run ${result.current.runId.slice(0, 12)} (${
      formatTimestamp(result.current.startedAt)
    }) vs baseline ${result.baseline.runId.slice(0, 12)} (${
      formatTimestamp(result.baseline.startedAt)
    }), unpaired`;
  const groups = [
    { title: "Fidelity and status breaks", open: true, rows: rows(["broken"]) },
    { title: "Regressions", open: true, rows: rows(["regressed"]) },
    { title: "Improvements", open: true, rows: rows(["improved"]) },
    { title: "Inconclusive", open: false, rows: rows(["inconclusive"]) },
    { title: "New and missing cells", open: false, rows: rows(["new", "missing"]) },
  ].filter((g) => g.rows.length > 0);
  const status = result.summary.status;
  return {
    path,
    status,
    tone: STATUS_TONE[status] ?? "off",
    line: result.summary.line,
    context: `${who} · α = ${result.options.alpha} (Holm over the gated rows), fails on ` +
      `${result.options.failOn}${result.summary.gateFailed ? " — the gate failed" : ""}`,
    staleNote: newestRunId !== null && result.current.runId !== newestRunId
      ? "This comparison's current run is not the newest run on this page: the weekly " +
        "comparison may not have run since."
      : "",
    notes: result.environmentNotes.map((n) => n.message),
    groups,
    unchanged: result.summary.counts?.unchanged ??
      result.rows.filter((r) => r.verdict === "unchanged").length,
    attributions: attributionViews(result, SITE_TOP_FUNCTIONS),
  };
}
