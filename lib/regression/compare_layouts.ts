/**
 * The `layouts` comparison of the table of measures: instructions and estimated cycles per record,
 * counted under Valgrind once per layout (a process with its own hash seed and environment
 * padding). Counts do not vary with machine load; what remains is memory-layout bias, which the
 * layouts sample. So a change is judged against a floor and against the layouts' own spread, not
 * by a significance test:
 *
 * - **paired** — both sides were counted in the same layouts (the same layout indices, and each
 *   index with the same hash seed and padding in both runs' `instrumentation`, as in a PR run's
 *   base and head): the estimate is the median of the per-layout ratios current / baseline, the
 *   spread their range (max − min);
 * - **unpaired** — otherwise (different or unknown layouts): the ratio of the two sides' medians,
 *   and the spread the sum of both sides' relative ranges ((max − min) / median each), since each
 *   side's layout bias can move the ratio by its own range;
 * - change = ratio − 1, margin = `spreadMultiple` × spread, with the thresholds of the measure's
 *   `thresholds` key (`compare.instructions`):
 *   - `regressed` when change ≥ notice (the floor) **and** change > margin; severity notice, warn
 *     or fail by the thresholds;
 *   - `improved` when −change ≥ improvement **and** −change > margin;
 *   - `unchanged` when the change lies inside the floor (−improvement < change < notice);
 *   - `inconclusive` otherwise: beyond the floor but within the margin — the layouts disagree by
 *     about as much as the change, so the counts cannot tell (not "unchanged": a change that large
 *     may be real).
 *
 * The count's own status is judged like a cell's: counted in the baseline but an error, a crash or
 * a timeout now is `broken` (severity fail); counted now but not before is `new`; failed on both
 * sides is `unchanged` ("still crashed"). A side without counts at all (a run that did not count,
 * an old record) gives no row.
 */

import { formatChange, formatPercent } from "../_common/format.ts";
import type { Severity } from "../config/types.ts";
import type { CellStatus, Instrumentation, MeasuredCell } from "../results/run_record.ts";
import { median } from "../stats/median.ts";
import type { Measure } from "./measures.ts";
import type { CompareRow, LayoutThresholds, ResolvedCompareOptions } from "./types.ts";

/** How a row's layouts were compared: what its verdict rests on. */
export interface LayoutEvidence {
  /** Both sides counted in the same layouts: per-layout ratios. */
  paired: boolean;
  /** Layout indices of each side's counts (null when the cell does not say). */
  baselineLayouts: number[] | null;
  currentLayouts: number[] | null;
  /** Per-layout ratios current / baseline in layout order (paired); null unpaired. */
  ratios: number[] | null;
  /** Relative spread: the range of the ratios (paired), else the sum of both relative ranges. */
  spread: number;
  /** `spreadMultiple` × spread: what a change must exceed besides the floor. */
  margin: number;
}

/** One side's counts of a measure: a value per layout, with the layout index of each. */
export interface LayoutSide {
  values: number[];
  /** Layout index of each value; null when unknown (then no pairing). */
  layouts: number[] | null;
}

/** The runs' instrumentation (layout parameters); within one run both sides are the same. */
export interface InstrumentationPair {
  baseline: Instrumentation | null;
  current: Instrumentation | null;
}

export interface LayoutJudgement {
  verdict: "regressed" | "improved" | "unchanged" | "inconclusive";
  severity: Severity | "improvement" | null;
  /** ratio − 1; null when a count is not positive. */
  change: number | null;
  evidence: LayoutEvidence | null;
  reason: string;
}

/** Floating-point slack of threshold comparisons (as in `comparators.ts`). */
const EPSILON = 1e-9;

const FAILED: readonly CellStatus[] = ["error", "crashed", "timeout", "unsupported"];

/** A cell's per-layout values of a measure; empty when the cell has none. */
export function layoutValues(cell: MeasuredCell, measure: Measure): number[] {
  const value = (cell as unknown as Record<string, unknown>)[measure.id];
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : [];
}

/** The status of a cell's counts: its `instructions.status`, `ok` for bare values, null if none. */
function countStatus(cell: MeasuredCell, measure: Measure): CellStatus | null {
  if (cell.instructions !== undefined) return cell.instructions.status;
  return layoutValues(cell, measure).length > 0 ? "ok" : null;
}

function sideOf(cell: MeasuredCell, measure: Measure): LayoutSide {
  const values = layoutValues(cell, measure);
  const layouts = cell.instructions?.layouts ?? null;
  return { values, layouts: layouts !== null && layouts.length === values.length ? layouts : null };
}

/**
 * Whether two sides were counted in the same layouts: the same set of layout indices (each once),
 * and for each index the same hash seed and padding in both runs' instrumentation.
 */
export function sameLayouts(
  baseline: LayoutSide,
  current: LayoutSide,
  instrumentation: InstrumentationPair,
): boolean {
  const a = baseline.layouts;
  const b = current.layouts;
  if (a === null || b === null || a.length === 0 || a.length !== b.length) return false;
  if (new Set(a).size !== a.length) return false;
  const sortedA = [...a].sort((x, y) => x - y);
  const sortedB = [...b].sort((x, y) => x - y);
  if (sortedA.some((index, i) => index !== sortedB[i])) return false;
  const { baseline: before, current: after } = instrumentation;
  if (before === null || after === null) return false;
  return sortedA.every((index) => {
    const p = before.layouts.find((l) => l.index === index);
    const q = after.layouts.find((l) => l.index === index);
    return p !== undefined && q !== undefined && p.hashSeed === q.hashSeed &&
      p.paddingBytes === q.paddingBytes;
  });
}

function relativeRange(values: number[]): number {
  return (Math.max(...values) - Math.min(...values)) / median(values);
}

function severityOf(change: number, t: LayoutThresholds): Severity {
  return change >= t.fail - EPSILON ? "fail" : change >= t.warn - EPSILON ? "warn" : "notice";
}

/** A change as the reasons of counted measures print it: two decimals, `+0.25%`. */
export function formatLayoutChange(change: number | null): string {
  return formatChange(change, 2);
}

/** Judges two sides' counts against the floor and the spread multiple (see the module comment). */
export function judgeLayouts(
  baseline: LayoutSide,
  current: LayoutSide,
  paired: boolean,
  t: LayoutThresholds,
  label: string,
): LayoutJudgement {
  const all = [...baseline.values, ...current.values];
  if (baseline.values.length === 0 || current.values.length === 0 || all.some((v) => !(v > 0))) {
    return {
      verdict: "inconclusive",
      severity: null,
      change: null,
      evidence: null,
      reason: `a count of ${label} is zero or missing: no ratio`,
    };
  }
  let ratio: number;
  let spread: number;
  let ratios: number[] | null = null;
  if (paired) {
    const before = new Map(baseline.layouts!.map((layout, i) => [layout, baseline.values[i]]));
    const order = [...current.layouts!].map((layout, i) => ({ layout, value: current.values[i] }))
      .sort((x, y) => x.layout - y.layout);
    ratios = order.map(({ layout, value }) => value / before.get(layout)!);
    ratio = median(ratios);
    spread = Math.max(...ratios) - Math.min(...ratios);
  } else {
    ratio = median(current.values) / median(baseline.values);
    spread = relativeRange(baseline.values) + relativeRange(current.values);
  }
  const change = ratio - 1;
  const margin = t.spreadMultiple * spread;
  const evidence: LayoutEvidence = {
    paired,
    baselineLayouts: baseline.layouts,
    currentLayouts: current.layouts,
    ratios,
    spread,
    margin,
  };
  const how = paired
    ? `median of ${ratios!.length} per-layout ratio${ratios!.length === 1 ? "" : "s"}`
    : "ratio of medians, layouts not shared";
  const spreadText = `layout spread ${formatPercent(spread, 2)}, ${t.spreadMultiple}× = ${
    formatPercent(margin, 2)
  }`;
  const changeText = formatLayoutChange(change);
  if (change >= t.notice - EPSILON && change > margin) {
    return {
      verdict: "regressed",
      severity: severityOf(change, t),
      change,
      evidence,
      reason: `${changeText} ${label} (${how}; ${spreadText})`,
    };
  }
  if (-change >= t.improvement - EPSILON && -change > margin) {
    return {
      verdict: "improved",
      severity: "improvement",
      change,
      evidence,
      reason: `${changeText} ${label} (${how}; ${spreadText})`,
    };
  }
  if (change < t.notice - EPSILON && -change < t.improvement - EPSILON) {
    return {
      verdict: "unchanged",
      severity: null,
      change,
      evidence,
      reason: `${changeText} ${label}: inside the floor (−${formatPercent(t.improvement, 2)} … +${
        formatPercent(t.notice, 2)
      }; ${how}; ${spreadText})`,
    };
  }
  return {
    verdict: "inconclusive",
    severity: null,
    change,
    evidence,
    reason: `${changeText} ${label}: beyond the floor but not beyond ${t.spreadMultiple}× the ` +
      `layout spread (${formatPercent(spread, 2)}): the layouts disagree too much to tell (${how})`,
  };
}

/** The thresholds a counted measure uses: its `thresholds` key of the resolved options. */
export function layoutThresholdsOf(
  measure: Measure,
  options: ResolvedCompareOptions,
): LayoutThresholds {
  return { spreadMultiple: 0, ...options[measure.thresholds] };
}

/**
 * Judges a pair of ok cells into `row` on a counted measure; null (no row) when a side has no
 * counts of it.
 */
export function compareLayouts(
  row: CompareRow,
  baseline: MeasuredCell,
  current: MeasuredCell,
  options: ResolvedCompareOptions,
  instrumentation: InstrumentationPair,
  measure: Measure,
): CompareRow | null {
  const before = countStatus(baseline, measure);
  const after = countStatus(current, measure);
  if (before === null || after === null) return null;
  // "instructions", "est. cycles": what the reasons call the measure.
  const label = measure.label.replace(/\/record$/, "");
  if (before === "ok" && after !== "ok") {
    const error = current.instructions?.error;
    const detail = error ? `: ${error.type}: ${error.message}` : "";
    if (FAILED.includes(after)) {
      return {
        ...row,
        verdict: "broken",
        severity: "fail",
        reason: `counting ${label}: ok → ${after}${detail}`,
      };
    }
    return { ...row, verdict: "missing", reason: `${label} not counted now (${after})` };
  }
  if (before !== "ok" && after === "ok") {
    return { ...row, verdict: "new", reason: `${label} countable now (was ${before})` };
  }
  if (before !== "ok") {
    return {
      ...row,
      verdict: "unchanged",
      reason: before === after ? `counting ${label}: still ${after}` : `${before} → ${after}`,
    };
  }
  const a = sideOf(baseline, measure);
  const b = sideOf(current, measure);
  const judged = judgeLayouts(
    a,
    b,
    sameLayouts(a, b, instrumentation),
    layoutThresholdsOf(measure, options),
    label,
  );
  row.verdict = judged.verdict;
  row.severity = judged.severity;
  row.effect = judged.change;
  row.reason = judged.reason;
  if (judged.evidence !== null) row.layouts = judged.evidence;
  return row;
}
