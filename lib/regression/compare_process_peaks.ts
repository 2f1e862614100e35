/**
 * The `processes` comparison of the table of measures: peak traced memory, taken after the timing
 * in several of a cell's timing processes (`peakTracedBytesPerProcess`). Identical code repeats its
 * peak only up to a few hundred bytes to a couple of KiB between processes (allocator state, caches
 * filled by earlier cells), so a change is judged against the larger of
 *
 * - an absolute floor (`floorBytes`),
 * - the relative floor (`notice` × the baseline's median), and
 * - `spreadMultiple` × the spread: the larger of the two sides' ranges (max − min),
 *
 * on the difference of the two sides' medians:
 *
 * - `regressed` when the increase exceeds that bound; severity warn or fail by the thresholds,
 *   notice below them;
 * - `improved` when the decrease exceeds the bound and reaches `improvement`;
 * - `unchanged` otherwise.
 *
 * A record whose memory came from one fresh process (before this protocol) is one value per side:
 * no spread, the floors alone judge it.
 */

import { formatBytes, formatChange } from "../_common/format.ts";
import type { MeasuredCell } from "../results/run_record.ts";
import { median } from "../stats/median.ts";
import type { CompareRow, MemoryThresholds } from "./types.ts";

/** The peaks of one side: one per process that took the cell's memory. */
export function processPeaks(cell: MeasuredCell): number[] {
  const perProcess = cell.peakTracedBytesPerProcess ?? [];
  if (perProcess.length > 0) return [...perProcess];
  return cell.peakTracedBytes === null ? [] : [cell.peakTracedBytes];
}

/** What a memory row's verdict rests on. */
export interface PeakEvidence {
  /** Median peak of each side, bytes. */
  baselineMedian: number;
  currentMedian: number;
  /** The larger of the two sides' ranges, bytes. */
  spread: number;
  /** What the difference of the medians had to exceed, bytes. */
  bound: number;
}

/** Judges `row` (sides filled) from the two cells' peaks; null when a side has none. */
export function compareProcessPeaks(
  row: CompareRow,
  baseline: MeasuredCell,
  current: MeasuredCell,
  t: MemoryThresholds,
): CompareRow | null {
  const before = processPeaks(baseline);
  const after = processPeaks(current);
  if (before.length === 0 || after.length === 0) return null;
  const judged = judgePeaks(before, after, t);
  row.effect = judged.effect;
  row.verdict = judged.verdict;
  if (judged.severity !== undefined) row.severity = judged.severity;
  row.reason = judged.reason;
  return row;
}

export interface PeakVerdict {
  verdict: "regressed" | "improved" | "unchanged";
  severity?: "notice" | "warn" | "fail" | "improvement";
  /** current median ÷ baseline median − 1; null when the baseline's median is 0. */
  effect: number | null;
  reason: string;
  evidence: PeakEvidence;
}

/** The rule itself, on plain arrays of peaks (bytes). */
export function judgePeaks(
  before: readonly number[],
  after: readonly number[],
  t: MemoryThresholds,
): PeakVerdict {
  const baselineMedian = median(before);
  const currentMedian = median(after);
  const range = (values: readonly number[]) => Math.max(...values) - Math.min(...values);
  const spread = Math.max(range(before), range(after));
  const bound = Math.max(t.floorBytes, t.notice * baselineMedian, t.spreadMultiple * spread);
  const delta = currentMedian - baselineMedian;
  const effect = baselineMedian > 0 ? currentMedian / baselineMedian - 1 : null;
  const evidence = { baselineMedian, currentMedian, spread, bound };
  const sides = `${formatBytes(baselineMedian)} → ${
    formatBytes(currentMedian)
  }, medians of ${before.length} and ${after.length} process(es)`;
  const why = `bound ${formatBytes(bound)}: the largest of ${formatBytes(t.floorBytes)}, ${
    formatChange(t.notice).slice(1)
  } and ${t.spreadMultiple} × the spread ${formatBytes(spread)}`;
  if (delta > bound) {
    const severity = effect === null
      ? "fail"
      : effect >= t.fail
      ? "fail"
      : effect >= t.warn
      ? "warn"
      : "notice";
    return {
      verdict: "regressed",
      severity,
      effect,
      reason: `${effect === null ? "from 0" : formatChange(effect)} (${sides}; past the ${why})`,
      evidence,
    };
  }
  if (-delta > bound && effect !== null && -effect >= t.improvement) {
    return {
      verdict: "improved",
      severity: "improvement",
      effect,
      reason: `${formatChange(effect)} (${sides}; past the ${why})`,
      evidence,
    };
  }
  return {
    verdict: "unchanged",
    effect,
    reason: `${
      effect === null ? "0 both sides" : formatChange(effect)
    } (${sides}; within the ${why})`,
    evidence,
  };
}
