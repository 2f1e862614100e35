/**
 * The view model of the PR comment and of the step summary: every string pre-formatted and every
 * untrusted string escaped, so `templates/pr_comment.eta` only lays it out.
 */

import { cutText } from "../_common/cut_text.ts";
import { formatPercent } from "../_common/format.ts";
import type { CompareResult, CompareRow } from "../regression/types.ts";
import { type CompareRowFigures, compareRowFigures, gateState } from "./compare_row_figures.ts";
import { thresholdMeasureLabels } from "../regression/measures.ts";
import { escapeMarkdown } from "./markdown_escape.ts";
import { type SideBySideSection, sideBySideSection } from "./side_by_side_markdown.ts";
import { decidedByText } from "./side_by_side.ts";
import {
  type AttributionTable,
  type AttributionView,
  attributionViews,
} from "./attribution_view.ts";
import { escapeXml } from "./svg/escape_xml.ts";

/** The hidden marker a poster looks for to update one sticky comment instead of adding more. */
export const PR_COMMENT_MARKER = "<!-- datason-bench:pr-comment -->";

/** A row of the comment: its figures (shared with the site) and labels. */
export interface PrCommentRow extends CompareRowFigures {
  icon: string;
  severity: string;
  verdict: string;
  cell: string;
  gate: string;
  reason: string;
}

export interface PrCommentSection {
  /** Stable key: `regressions`, `improvements`, `inconclusive`, `broken`, `notes`, `full`. */
  key: string;
  title: string;
  rows: PrCommentRow[];
  /** Rows before trimming. */
  total: number;
}

/**
 * A flagged instruction row's top functions, every string escaped for Markdown — but for the
 * `<summary>` line, which GitHub reads as HTML (no Markdown inside): `summary` is HTML-escaped and
 * the cell sits in `<code>`, where nothing is linked or mentioned.
 */
export interface PrCommentAttribution extends AttributionView {
  summary: string;
}

export interface PrCommentAttributionSection {
  key: "attribution";
  title: string;
  rows: PrCommentAttribution[];
  total: number;
}

/** Functions shown per table of a flagged cell in the comment (`--json` carries all). */
export const PR_COMMENT_TOP_FUNCTIONS = 5;

export interface PrCommentModel {
  marker: string;
  headline: string;
  summary: string;
  context: string;
  /** Time and instructions per cell, side by side; no rows when nothing was counted. */
  sideBySide: SideBySideSection;
  regressions: PrCommentSection;
  improvements: PrCommentSection;
  inconclusive: PrCommentSection;
  broken: PrCommentSection;
  /** Where the instructions of each flagged instruction row went (collapsed per cell). */
  attribution: PrCommentAttributionSection;
  notes: { key: "notes"; items: string[]; total: number };
  full: PrCommentSection;
  /** One sentence per trimmed section, empty when nothing was cut. */
  trimmed: string[];
  footer: string;
}

const STATUS_HEADLINE = {
  fail: "🔴 Performance: fail",
  warn: "🟠 Performance: warn",
  notice: "🟡 Performance: notice",
  pass: "🟢 Performance: pass",
} as const;

const SEVERITY_ICON: Record<string, string> = {
  fail: "🔴",
  warn: "🟠",
  notice: "🟡",
  improvement: "🟢",
};

const GATE_LABEL = { none: "", fails: "✖ fails", gated: "✔", "env-differs": "env ≠" } as const;

function tableRow(row: CompareRow, result: CompareResult): PrCommentRow {
  return {
    icon: SEVERITY_ICON[row.severity ?? ""] ?? (row.verdict === "inconclusive" ? "⚪" : ""),
    severity: row.severity ?? "",
    verdict: row.underpowered && row.verdict === "inconclusive"
      ? "inconclusive (underpowered)"
      : row.verdict,
    cell: escapeMarkdown(row.id.replace(/:[A-Za-z]+$/, ""), 160),
    ...compareRowFigures(row),
    gate: GATE_LABEL[gateState(row, result)],
    reason: escapeMarkdown(row.reason, 240),
  };
}

function section(
  key: string,
  title: string,
  rows: CompareRow[],
  result: CompareResult,
): PrCommentSection {
  return { key, title, rows: rows.map((r) => tableRow(r, result)), total: rows.length };
}

function escapeTable(table: AttributionTable): AttributionTable {
  return {
    title: escapeMarkdown(table.title, 400),
    columns: table.columns.map((c) => escapeMarkdown(c, 60)),
    lines: table.lines.map((line) => ({
      name: escapeMarkdown(line.name, 120),
      where: escapeMarkdown(line.where, 120),
      figures: line.figures.map((f) => escapeMarkdown(f, 60)),
      rest: line.rest,
    })),
    note: escapeMarkdown(table.note, 400),
  };
}

function attributionSection(result: CompareResult): PrCommentAttributionSection {
  const rows = attributionViews(result, PR_COMMENT_TOP_FUNCTIONS).map((view) => ({
    summary: `<code>${escapeXml(cutText(view.cell, 160))}</code>: ${
      escapeXml(`${view.change}, ${view.verdict}`)
    }`,
    cell: escapeMarkdown(view.cell, 160),
    verdict: escapeMarkdown(view.verdict, 40),
    change: escapeMarkdown(view.change, 80),
    callgrind: escapeTable(view.callgrind),
    python: view.python === null ? null : escapeTable(view.python),
  }));
  return {
    key: "attribution",
    title: "Where the instructions went",
    rows,
    total: rows.length,
  };
}

export function buildPrCommentModel(result: CompareResult): PrCommentModel {
  const { summary, options } = result;
  const gated = result.rows.filter((r) => r.gated && r.pValue !== null).length;
  const who = result.mode === "within-run"
    ? `${escapeMarkdown(result.axis!.b, 60)} vs ${escapeMarkdown(result.axis!.a, 60)} (${
      result.axis!.axis
    }s) in run ${result.current.runId.slice(0, 12)}, paired by round`
    : `run ${result.current.runId.slice(0, 12)} vs baseline ${
      result.baseline.runId.slice(0, 12)
    }, unpaired (process medians)`;
  const gateOutcome = options.failOn === "never"
    ? "the gate never fails"
    : summary.gateFailed
    ? `the gate fails on ${decidedByText(result)} (fails on ${options.failOn})`
    : `the gate passes (fails on ${options.failOn})`;
  const byVerdict = (verdict: string) => result.rows.filter((r) => r.verdict === verdict);
  const gatedInconclusive = result.rows.filter((r) => r.gated && r.verdict === "inconclusive");
  const caveat = gatedInconclusive.length === 0
    ? ""
    : `; ${gatedInconclusive.length} gated row${
      gatedInconclusive.length === 1 ? "" : "s"
    } inconclusive${
      gatedInconclusive.some((r) => r.underpowered) ? " (too few processes to decide)" : ""
    }`;
  const sideBySide = sideBySideSection(result);
  return {
    marker: PR_COMMENT_MARKER,
    headline: `${STATUS_HEADLINE[summary.status]} — ${gateOutcome}${caveat}`,
    summary: escapeMarkdown(summary.line, 400),
    context: `${who} · gate: ${
      options.gate.map((g) => escapeMarkdown(g, 40)).join(", ") || "none"
    } · α = ${options.alpha} family-wise (Holm over ${gated} gated row${
      gated === 1 ? "" : "s"
    }), power ${options.power}`,
    sideBySide,
    regressions: section("regressions", "Regressions", byVerdict("regressed"), result),
    improvements: section("improvements", "Improvements", byVerdict("improved"), result),
    inconclusive: section("inconclusive", "Inconclusive", byVerdict("inconclusive"), result),
    broken: section("broken", "Fidelity and status breaks", byVerdict("broken"), result),
    attribution: attributionSection(result),
    notes: {
      key: "notes",
      items: result.environmentNotes.map((n) => {
        const rows = result.rows.filter((r) => r.environmentNotes.includes(n.id)).length;
        return `${escapeMarkdown(n.message, 300)} (${rows} row${rows === 1 ? "" : "s"}${
          options.allowEnvMismatch ? "" : ", not gating"
        })`;
      }),
      total: result.environmentNotes.length,
    },
    full: section("full", `All ${result.rows.length} rows`, result.rows, result),
    trimmed: [],
    footer:
      `datason-bench compare ${
        result.id.slice(0, 12)
      } · change = exp(Hodges–Lehmann shift of log time) − 1 · ` +
      `MDE at each row's α′ · ${thresholdMeasureLabels()} by thresholds alone` +
      (sideBySide.total > 0
        ? ` · instructions: median of per-layout ratios, a change counts at ≥ ${
          formatPercent(options.instructions.notice, 1)
        } and beyond ${options.instructions.spreadMultiple}× the layout spread`
        : ""),
  };
}
