/**
 * One comparator per comparison kind of the table of measures (`measures.ts`): how a row's sides
 * show a cell, how two cells are judged, and the value an exporter writes.
 *
 * - `rank-test` (time per record): one value per process (the median of its values, or their
 *   minimum), compared on the log scale — Mann–Whitney and the Hodges–Lehmann shift for two runs,
 *   Wilcoxon signed-rank and the paired shift for one run's A/B pairs by round (one log-ratio per
 *   round, `round_log_ratios.ts`; from value pairs when both sides were timed in lockstep or as a
 *   duet) — with the verdict after Holm across the gated rows, the MDE at each row's α′ and
 *   "inconclusive" when the data cannot tell. The MDE of two runs is the normal formula on a
 *   MAD-based SD of the processes; a paired row's is resampled from its rounds' own log-ratios
 *   (`bootstrap_mde.ts`), so that a few wild rounds widen it, and its noise is their standard
 *   deviation. The cell's stored `summary` summarizes this measure, so it is what is exported.
 * - `threshold` (output bytes): one number per cell, deterministic, judged by the severity
 *   thresholds alone.
 * - `processes` (peak traced memory): one peak per process that took the cell's memory, judged
 *   against floors and the processes' spread (`compare_process_peaks.ts`).
 * - `layouts` (instructions and estimated cycles per record): one count per layout, judged against
 *   a floor and a multiple of the layouts' spread (`compare_layouts.ts`).
 */

import { formatChange, formatPValue } from "../_common/format.ts";
import type { ProcessSummary, Severity } from "../config/types.ts";
import type { CellSummary, MeasuredCell } from "../results/run_record.ts";
import type { Design } from "../stats/design.ts";
import { bootstrapMde } from "../stats/bootstrap_mde.ts";
import { hodgesLehmann } from "../stats/hodges_lehmann.ts";
import { hodgesLehmannPaired } from "../stats/hodges_lehmann_paired.ts";
import { mad, MAD_TO_SD } from "../stats/mad.ts";
import { mannWhitney } from "../stats/mann_whitney.ts";
import { median } from "../stats/median.ts";
import { minimumDetectableEffect } from "../stats/minimum_detectable_effect.ts";
import { processesForMde } from "../stats/processes_for_mde.ts";
import { robustCv } from "../stats/robust_cv.ts";
import { smallestPValue } from "../stats/smallest_p_value.ts";
import { standardDeviation } from "../stats/standard_deviation.ts";
import { wilcoxonSignedRank } from "../stats/wilcoxon_signed_rank.ts";
import { compareLayouts, type InstrumentationPair, layoutValues } from "./compare_layouts.ts";
import { compareProcessPeaks, processPeaks } from "./compare_process_peaks.ts";
import { type ComparisonKind, type Measure, PRIMARY_MEASURE } from "./measures.ts";
import { processValue } from "./process_value.ts";
import { roundLogRatios, type RoundSide } from "./round_log_ratios.ts";
import type { CompareRow, RankTestInfo, ResolvedCompareOptions } from "./types.ts";

/** What a comparator needs of the comparison. */
export interface ComparatorInput {
  paired: boolean;
  options: ResolvedCompareOptions;
  /** The runs' instrumentation, for the layouts comparison (absent: runs that did not count). */
  instrumentation?: InstrumentationPair;
}

/** A row whose verdict waits for Holm across the gated rows; `finish` decides it. */
export interface Pending {
  row: CompareRow;
  design: Design;
  shift: number;
  ciLog: [number, number] | null;
  finish(options: ResolvedCompareOptions, paired: boolean): void;
}

/**
 * The statistics of a rank-test row before Holm: what its verdict needs, and for a paired row its
 * rounds' log-ratios (the MDE is resampled from them once α′ is known).
 */
type RankStatistics = Omit<Pending, "finish"> & { roundLogRatios: number[] | null };

/** One side of a row: the value shown, the processes behind it and their robust CV. */
export interface SideValue {
  value: number | null;
  n: number;
  cv: number | null;
}

/** What an exporter writes for a cell: the value, with its 95% CI and summary when it has them. */
export interface ExportedValue {
  value: number;
  summary: CellSummary | null;
}

export interface Comparator {
  side(cell: MeasuredCell, measure: Measure, summary: ProcessSummary): SideValue;
  /**
   * Judges a pair of ok cells into `row` (pre-filled): the row with its verdict, a pending row
   * (verdict after Holm), or null when a side has no value of the measure (no row).
   */
  compare(
    row: CompareRow,
    baseline: MeasuredCell,
    current: MeasuredCell,
    input: ComparatorInput,
    measure: Measure,
  ): { row: CompareRow; pending: Pending | null } | null;
  exported(cell: MeasuredCell, measure: Measure): ExportedValue | null;
}

/** A cell's per-process values of a measure (`nsPerRecord`: values per process). */
function processValues(cell: MeasuredCell, measure: Measure): number[][] {
  const value = (cell as unknown as Record<string, unknown>)[measure.id];
  return Array.isArray(value) ? value : [];
}

/** A cell's one number of a measure, or null when it was not measured. */
function scalarValue(cell: MeasuredCell, measure: Measure): number | null {
  const value = (cell as unknown as Record<string, unknown>)[measure.id];
  return typeof value === "number" ? value : null;
}

function logMedians(
  cell: MeasuredCell,
  measure: Measure,
  summary: ProcessSummary,
): number[] | null {
  const medians = processValues(cell, measure).filter((v) => v.length > 0).map((v) =>
    processValue(v, summary)
  );
  if (medians.length === 0 || medians.some((m) => !(m > 0))) return null;
  return medians.map(Math.log);
}

/** A cell as one side of a paired row: its values of the measure by round, and its pairing. */
function roundSide(cell: MeasuredCell, measure: Measure): RoundSide {
  return { values: processValues(cell, measure), rounds: cell.rounds, pairing: cell.pairing };
}

function rankTest(
  row: CompareRow,
  baseline: MeasuredCell,
  current: MeasuredCell,
  input: ComparatorInput,
  measure: Measure,
): RankStatistics | null {
  if (input.paired) {
    const d = roundLogRatios(
      roundSide(baseline, measure),
      roundSide(current, measure),
      input.options.processSummary,
    );
    if (d === null) {
      row.reason = "a time is zero or negative: no log-ratio";
      return null;
    }
    row.pairs = d.length;
    if (d.length === 0) {
      row.reason = "no round measured both sides: nothing to pair";
      return null;
    }
    const test = wilcoxonSignedRank(d);
    const shift = hodgesLehmannPaired(d, { confidence: 0.95 });
    row.pValue = test.pValue;
    row.test = { name: "wilcoxon-signed-rank", method: test.method, statistic: test.v };
    row.noiseSdLog = d.length >= 2 ? standardDeviation(d) : null;
    row.ciCoverage = shift.confidence;
    return {
      row,
      design: { paired: true, n: d.length },
      shift: shift.estimate,
      ciLog: shift.ci,
      roundLogRatios: d,
    };
  }
  const x = logMedians(current, measure, input.options.processSummary);
  const y = logMedians(baseline, measure, input.options.processSummary);
  if (x === null || y === null) {
    row.reason = "a process median is zero or negative: no log time";
    return null;
  }
  const test = mannWhitney(x, y);
  const shift = hodgesLehmann(x, y, { confidence: 0.95 });
  row.pValue = test.pValue;
  row.test = { name: "mann-whitney", method: test.method, statistic: test.u } as RankTestInfo;
  const cx = median(x);
  const cy = median(y);
  const residuals = [...x.map((v) => v - cx), ...y.map((v) => v - cy)];
  row.noiseSdLog = x.length + y.length >= 3 ? MAD_TO_SD * mad(residuals) : null;
  row.ciCoverage = shift.confidence;
  return {
    row,
    design: { paired: false, n1: x.length, n2: y.length },
    shift: shift.estimate,
    ciLog: shift.ci,
    roundLogRatios: null,
  };
}

/**
 * Threshold comparisons allow 1e-9 for floating-point representation: a change computed as
 * exp(ln 1.1) − 1 or 110/100 − 1 is 10% to the user even when it lands an ulp below 0.1.
 */
const EPSILON = 1e-9;

function atLeast(effect: number, threshold: number): boolean {
  return effect >= threshold - EPSILON;
}

function severityOf(effect: number, options: ResolvedCompareOptions): Severity {
  const t = options.thresholds;
  return atLeast(effect, t.fail) ? "fail" : atLeast(effect, t.warn) ? "warn" : "notice";
}

function finishRankTest(
  p: RankStatistics,
  options: ResolvedCompareOptions,
  paired: boolean,
): void {
  const { row, design } = p;
  const t = options.thresholds;
  const alphaPrime = row.alphaThreshold!;
  row.effect = Math.expm1(p.shift);
  row.ci95 = p.ciLog ? [Math.expm1(p.ciLog[0]), Math.expm1(p.ciLog[1])] : null;
  row.underpowered = smallestPValue(design) > alphaPrime;
  const power = { alpha: alphaPrime, power: options.power };
  if (p.roundLogRatios !== null) {
    const mde = bootstrapMde(p.roundLogRatios, power);
    row.mde = Number.isFinite(mde) ? Math.expm1(mde) : null;
  } else if (row.noiseSdLog !== null) {
    row.mde = Math.expm1(minimumDetectableEffect(row.noiseSdLog, design, power));
  }
  const significant = (row.gated ? row.pAdjusted! : row.pValue!) <= options.alpha;
  const pText = row.gated
    ? `Holm-adjusted p = ${formatPValue(row.pAdjusted!)}`
    : `p = ${formatPValue(row.pValue!)}`;
  if (significant && atLeast(row.effect, t.notice)) {
    row.verdict = "regressed";
    row.severity = severityOf(row.effect, options);
    row.reason = `${formatChange(row.effect)} slower (${pText})`;
    return;
  }
  if (significant && atLeast(-row.effect, t.improvement)) {
    row.verdict = "improved";
    row.severity = "improvement";
    row.reason = `${formatChange(row.effect)} faster (${pText})`;
    return;
  }
  if (row.ci95 !== null && row.ci95[0] > -t.notice && row.ci95[1] < t.notice) {
    row.verdict = "unchanged";
    row.reason = `95% CI ${formatChange(row.ci95[0])} … ${formatChange(row.ci95[1])} inside ±${
      formatChange(t.notice).slice(1)
    }`;
    return;
  }
  row.verdict = "inconclusive";
  const target = Math.log1p(t.notice);
  // Planning stays normal-theory: paired rows give it the SD of their rounds' log-ratios.
  const needed = processesForMde(target, row.noiseSdLog ?? 0, paired, power);
  row.processesNeeded = Number.isFinite(needed) ? needed : null;
  const unit = paired ? "paired rounds" : "processes per side";
  const sizes = design.paired ? `${design.n} pairs` : `${design.n1} vs ${design.n2} processes`;
  if (row.underpowered) {
    row.reason = `underpowered: ${sizes} can never reach p ≤ ${
      formatPValue(alphaPrime)
    } (smallest p ${formatPValue(smallestPValue(design))}); ${row.processesNeeded} ${unit} would`;
  } else if (significant) {
    row.reason = `${formatChange(row.effect)}: significant (${pText}) but below the ${
      formatChange(t.notice).slice(1)
    } notice threshold, CI not inside ±${formatChange(t.notice).slice(1)}`;
  } else {
    const ci = row.ci95
      ? `95% CI ${formatChange(row.ci95[0])} … ${formatChange(row.ci95[1])}`
      : "no 95% CI";
    row.reason = `not significant (${pText}) and ${ci} not inside ±${
      formatChange(t.notice).slice(1)
    }; ~${row.processesNeeded} ${unit} would resolve ${formatChange(t.notice).slice(1)}`;
  }
}

function thresholdRow(row: CompareRow, options: ResolvedCompareOptions): CompareRow {
  const before = row.baseline!.value!;
  const after = row.current!.value!;
  const t = options.thresholds;
  if (before === 0) {
    row.effect = after === 0 ? 0 : null;
    row.verdict = after === 0 ? "unchanged" : "inconclusive";
    row.reason = after === 0 ? "0 both sides" : `baseline is 0, now ${after}`;
    return row;
  }
  row.effect = after / before - 1;
  if (atLeast(row.effect, t.notice)) {
    row.verdict = "regressed";
    row.severity = severityOf(row.effect, options);
    row.reason = `${formatChange(row.effect)} (${before} → ${after}; threshold metric)`;
  } else if (atLeast(-row.effect, t.improvement)) {
    row.verdict = "improved";
    row.severity = "improvement";
    row.reason = `${formatChange(row.effect)} (${before} → ${after}; threshold metric)`;
  } else {
    row.verdict = "unchanged";
    row.reason = `${formatChange(row.effect)} (within the thresholds)`;
  }
  return row;
}

export const COMPARATORS: Record<ComparisonKind, Comparator> = {
  "rank-test": {
    side(cell, measure, summary) {
      const medians = processValues(cell, measure).filter((v) => v.length > 0)
        .map((v) => processValue(v, summary));
      return {
        value: medians.length > 0 ? median(medians) : null,
        n: medians.length,
        cv: medians.length > 0 ? robustCv(medians) : null,
      };
    },
    compare(row, baseline, current, input, measure) {
      // A side that was not timed (an instructions-only run) has no time row.
      const timed = (cell: MeasuredCell) => processValues(cell, measure).some((v) => v.length > 0);
      if (!timed(baseline) || !timed(current)) return null;
      const statistics = rankTest(row, baseline, current, input, measure);
      if (statistics === null) return { row, pending: null };
      const pending: Pending = {
        ...statistics,
        finish: (options, paired) => finishRankTest(statistics, options, paired),
      };
      return { row: statistics.row, pending };
    },
    exported(cell) {
      return cell.summary === null ? null : { value: cell.summary.median, summary: cell.summary };
    },
  },
  threshold: {
    side(cell, measure) {
      // n counts the processes that timed the cell, as on every row.
      const n = processValues(cell, PRIMARY_MEASURE).filter((v) => v.length > 0).length;
      return { value: scalarValue(cell, measure), n, cv: null };
    },
    compare(row, baseline, current, input, measure) {
      if (scalarValue(baseline, measure) === null || scalarValue(current, measure) === null) {
        return null;
      }
      return { row: thresholdRow(row, input.options), pending: null };
    },
    exported(cell, measure) {
      const value = scalarValue(cell, measure);
      return value === null ? null : { value, summary: null };
    },
  },
  processes: {
    side(cell) {
      const peaks = processPeaks(cell);
      return { value: peaks.length > 0 ? median(peaks) : null, n: peaks.length, cv: null };
    },
    compare(row, baseline, current, input) {
      const judged = compareProcessPeaks(row, baseline, current, input.options.memory);
      return judged === null ? null : { row: judged, pending: null };
    },
    exported(cell) {
      const peaks = processPeaks(cell);
      return peaks.length > 0 ? { value: median(peaks), summary: null } : null;
    },
  },
  layouts: {
    side(cell, measure) {
      const values = layoutValues(cell, measure);
      return { value: values.length > 0 ? median(values) : null, n: values.length, cv: null };
    },
    compare(row, baseline, current, input, measure) {
      const judged = compareLayouts(
        row,
        baseline,
        current,
        input.options,
        input.instrumentation ?? { baseline: null, current: null },
        measure,
      );
      return judged === null ? null : { row: judged, pending: null };
    },
    exported(cell, measure) {
      const values = layoutValues(cell, measure);
      const counted = (cell.instructions?.status ?? "ok") === "ok";
      return counted && values.length > 0 ? { value: median(values), summary: null } : null;
    },
  },
};
