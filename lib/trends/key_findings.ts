/**
 * Key findings: the largest regressions and improvements in the window — every change point, and
 * the significant trend of each degrading or improving series that has no change point (a drift) —
 * with dates, sizes and attribution. DataSON's series come first, then the largest changes.
 * Each finding names its measure: a time, or a count (instructions, estimated cycles) whose
 * changes are far smaller and far surer — a +1% in instructions is not a +1% in time. The level
 * change of an instruction series at a change of its counting environment is not a finding: it is
 * listed with the environment shifts.
 */

import type { TrendFinding, TrendSeries } from "./types.ts";

export function keyFindings(
  series: readonly TrendSeries[],
  maxPerDirection: number,
): { regressions: TrendFinding[]; improvements: TrendFinding[] } {
  const all: TrendFinding[] = [];
  for (const s of series) {
    const common = {
      seriesId: s.id,
      label: s.label,
      suite: s.suite,
      source: s.source,
      isDatason: s.isDatason,
      measure: s.measure,
      measureFamily: s.measureFamily,
      unit: s.unit,
    };
    for (const cp of s.changePoints) {
      all.push({
        ...common,
        kind: cp.change > 0 ? "regression" : "improvement",
        basis: "change-point",
        date: cp.startedAt,
        since: null,
        change: cp.change,
        before: cp.before,
        after: cp.after,
        attribution: cp.attribution,
      });
    }
    const trending = s.classification === "degrading" || s.classification === "improving";
    if (trending && s.changePoints.length === 0 && s.windowChange !== null) {
      const usable = s.points.filter((p) => p.value !== null && p.excluded === null);
      const first = usable[0];
      const last = usable[usable.length - 1];
      all.push({
        ...common,
        kind: s.windowChange > 0 ? "regression" : "improvement",
        basis: "trend",
        date: last.startedAt,
        since: first.startedAt,
        change: s.windowChange,
        before: s.trendLine?.start ?? first.value!,
        after: s.trendLine?.end ?? last.value!,
        attribution: null,
      });
    }
  }
  const order = (a: TrendFinding, b: TrendFinding) =>
    Number(b.isDatason) - Number(a.isDatason) ||
    Math.abs(b.change) - Math.abs(a.change) ||
    (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
    (a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : 0);
  return {
    regressions: all.filter((f) => f.kind === "regression").sort(order).slice(0, maxPerDirection),
    improvements: all.filter((f) => f.kind === "improvement").sort(order).slice(
      0,
      maxPerDirection,
    ),
  };
}
