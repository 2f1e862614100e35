/**
 * How two sides' per-layout counts compare. Both sides counted in the same layouts (same layout
 * index: same hash seed and environment padding) are paired: the change is the median of the
 * per-layout ratios head ÷ base, minus one, and the spread their range. Otherwise the change is
 * the ratio of the medians, minus one, and the spread the sum of both sides' relative ranges.
 */

import { median } from "../stats/median.ts";

/** One side's count in one layout. */
export interface LayoutValue {
  layout: number;
  value: number;
}

export interface LayoutRatio {
  /** head ÷ base − 1. */
  change: number;
  /** Range of the per-layout ratios (paired), else the summed relative ranges of both sides. */
  spread: number;
  paired: boolean;
  /** Per-layout ratios head ÷ base (paired only). */
  ratios: number[];
}

export function layoutRatio(
  base: readonly LayoutValue[],
  head: readonly LayoutValue[],
): LayoutRatio | null {
  const positive = (values: readonly LayoutValue[]) => values.filter((v) => v.value > 0);
  const b = positive(base);
  const h = positive(head);
  if (b.length === 0 || h.length === 0) return null;
  const headBy = new Map(h.map((v) => [v.layout, v.value]));
  const paired = b.length === h.length && b.every((v) => headBy.has(v.layout));
  if (paired) {
    const ratios = b.map((v) => headBy.get(v.layout)! / v.value);
    return {
      change: median(ratios) - 1,
      spread: Math.max(...ratios) - Math.min(...ratios),
      paired,
      ratios,
    };
  }
  const relativeRange = (values: readonly LayoutValue[]) => {
    const xs = values.map((v) => v.value);
    return (Math.max(...xs) - Math.min(...xs)) / median(xs);
  };
  return {
    change: median(h.map((v) => v.value)) / median(b.map((v) => v.value)) - 1,
    spread: relativeRange(b) + relativeRange(h),
    paired,
    ratios: [],
  };
}

/** The floors and the spread multiple a count's change must clear. */
export interface LayoutRule {
  /** Smallest slowdown (fraction) that counts. */
  notice: number;
  /** Smallest speed-up (fraction) that counts. */
  improvement: number;
  /** The change must also exceed this many times the layout spread. */
  spreadMultiple: number;
}

/** `regressed` / `improved` when the change clears its floor and the spread multiple. */
export function layoutDirection(
  ratio: LayoutRatio,
  rule: LayoutRule,
): "regressed" | "improved" | "unchanged" {
  const beyondSpread = Math.abs(ratio.change) > rule.spreadMultiple * ratio.spread;
  if (ratio.change >= rule.notice && beyondSpread) return "regressed";
  if (ratio.change <= -rule.improvement && beyondSpread) return "improved";
  return "unchanged";
}
