import type { CompareResult } from "../regression/types.ts";
import template from "../../templates/pr_comment.eta" with { type: "text" };
import { markdownEta, renderTemplate } from "./eta.ts";
import { buildPrCommentModel, type PrCommentModel } from "./pr_comment_model.ts";

/** GitHub rejects comment bodies over 65,536 characters; stay a little below. */
export const PR_COMMENT_LIMIT = 65_000;
/** `$GITHUB_STEP_SUMMARY` accepts up to 1 MiB per step; stay a little below. */
export const STEP_SUMMARY_LIMIT_BYTES = 1_000_000;

export interface RenderPrCommentOptions {
  /** Maximum size of the result. @default PR_COMMENT_LIMIT characters */
  limit?: number;
  /** Measure the limit in UTF-16 characters (a comment) or UTF-8 bytes (a step summary). */
  unit?: "chars" | "bytes";
}

type TrimmableKey =
  | "full"
  | "sideBySide"
  | "attribution"
  | "inconclusive"
  | "improvements"
  | "notes"
  | "regressions"
  | "broken";
/**
 * Cut first what matters least: the full table, then the side-by-side table (every cell; the
 * regressions below repeat what gates), inconclusive rows, the function-level diffs of flagged
 * cells, … fidelity breaks last.
 */
const TRIM_ORDER: TrimmableKey[] = [
  "full",
  "sideBySide",
  "inconclusive",
  "attribution",
  "improvements",
  "notes",
  "regressions",
  "broken",
];

const encoder = new TextEncoder();

/**
 * Renders the PR comment (Markdown) of a comparison, trimmed to the limit: whole rows are dropped
 * from the end of the least important sections first (the full table, the side-by-side table,
 * then inconclusive rows, the function-level diffs, improvements, environment notes, regressions,
 * fidelity breaks), each cut named in the comment.
 */
export function renderPrComment(
  result: CompareResult,
  options: RenderPrCommentOptions = {},
): string {
  const limit = options.limit ?? PR_COMMENT_LIMIT;
  const size = options.unit === "bytes"
    ? (text: string) => encoder.encode(text).length
    : (text: string) => text.length;
  const full = buildPrCommentModel(result);
  const counts: Record<TrimmableKey, number> = {
    full: full.full.rows.length,
    sideBySide: full.sideBySide.rows.length,
    attribution: full.attribution.rows.length,
    inconclusive: full.inconclusive.rows.length,
    improvements: full.improvements.rows.length,
    notes: full.notes.items.length,
    regressions: full.regressions.rows.length,
    broken: full.broken.rows.length,
  };
  const render = () => renderTemplate(markdownEta, template, trimmedModel(full, counts));
  let text = render();
  for (const key of TRIM_ORDER) {
    if (size(text) <= limit) return text;
    // The largest count of this section that fits, by bisection (rendering is monotone in it).
    let lo = 0;
    let hi = counts[key];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      counts[key] = mid;
      if (size(render()) <= limit) lo = mid;
      else hi = mid - 1;
    }
    counts[key] = lo;
    text = render();
  }
  if (size(text) <= limit) return text;
  // Only the fixed parts remain and they still do not fit: cut the text itself.
  const note = "\n\n… (cut to fit the size limit)\n";
  let cut = text.slice(0, Math.max(0, limit - note.length));
  while (size(cut + note) > limit) cut = cut.slice(0, -100);
  return cut + note;
}

function trimmedModel(model: PrCommentModel, counts: Record<TrimmableKey, number>): PrCommentModel {
  const trimmed: string[] = [];
  const cut = <T extends { rows: unknown[]; total: number; title: string; key: string }>(
    s: T,
  ): T => {
    const keep = counts[s.key as TrimmableKey];
    if (keep >= s.rows.length) return s;
    trimmed.push(
      `${s.title}: ${keep} of ${s.total} rows shown` + (keep === 0 ? " (section omitted)" : ""),
    );
    return { ...s, rows: s.rows.slice(0, keep) };
  };
  const out: PrCommentModel = {
    ...model,
    broken: cut(model.broken),
    regressions: cut(model.regressions),
    improvements: cut(model.improvements),
    inconclusive: cut(model.inconclusive),
    full: cut(model.full),
    sideBySide: cut(model.sideBySide),
    attribution: cut(model.attribution),
    notes: model.notes,
    trimmed,
  };
  if (counts.notes < model.notes.items.length) {
    trimmed.push(`Environment notes: ${counts.notes} of ${model.notes.total} shown`);
    out.notes = { ...model.notes, items: model.notes.items.slice(0, counts.notes) };
  }
  return out;
}

/** The `$GITHUB_STEP_SUMMARY` version: the same Markdown, limited to 1 MiB of UTF-8. */
export function renderStepSummary(result: CompareResult): string {
  return renderPrComment(result, { limit: STEP_SUMMARY_LIMIT_BYTES, unit: "bytes" });
}
