/**
 * The shared core of `compareRuns()` and `compareWithinRun()`: turns matched cell pairs into rows
 * with statistics, applies Holm across the gated rows, and decides verdicts and severities.
 */

import type { FailOn, ProcessSummary, Severity } from "../config/types.ts";
import { formatChange, formatPValue } from "../_common/format.ts";
import { canonicalJson } from "../_common/canonical_json.ts";
import type { CellStatus, Fidelity, MeasuredCell } from "../results/run_record.ts";
import type { Operation } from "../_common/vocabulary.ts";
import { sha256Hex } from "../_common/sha256.ts";
import { hodgesLehmann } from "../stats/hodges_lehmann.ts";
import { hodgesLehmannPaired } from "../stats/hodges_lehmann_paired.ts";
import { holm, holmThresholds } from "../stats/holm.ts";
import { mad, MAD_TO_SD } from "../stats/mad.ts";
import { mannWhitney } from "../stats/mann_whitney.ts";
import { median } from "../stats/median.ts";
import { minimumDetectableEffect } from "../stats/minimum_detectable_effect.ts";
import type { Design } from "../stats/design.ts";
import { processesForMde } from "../stats/processes_for_mde.ts";
import { smallestPValue } from "../stats/smallest_p_value.ts";
import { robustCv } from "../stats/robust_cv.ts";
import { wilcoxonSignedRank } from "../stats/wilcoxon_signed_rank.ts";
import { matchesGate } from "./matches_gate.ts";
import {
  COMPARE_SCHEMA,
  type CompareAxis,
  type CompareResult,
  type CompareRow,
  type CompareRunRef,
  type CompareSide,
  type CompareSummary,
  type EnvironmentNote,
  type Metric,
  type RankTestInfo,
  type ResolvedCompareOptions,
  type RowSeverity,
  type Verdict,
  VERDICTS,
} from "./types.ts";

/** Two cells to compare (either may be absent). */
export interface CellPair {
  suite: string;
  scenario: string;
  operation: Operation;
  /** Target and environment as shown in the row id (`a→b` on the compared axis). */
  idTarget: string;
  idEnvironment: string;
  baseline: MeasuredCell | null;
  current: MeasuredCell | null;
  /** Ids of the environment notes that affect this pair. */
  notes: string[];
}

export interface ComparisonInput {
  mode: "runs" | "within-run";
  paired: boolean;
  axis: { axis: CompareAxis; a: string; b: string } | null;
  baseline: CompareRunRef;
  current: CompareRunRef;
  options: ResolvedCompareOptions;
  notes: EnvironmentNote[];
  pairs: CellPair[];
}

const FIDELITY_RANK: Record<Fidelity, number> = { exact: 0, lossy: 1, mismatch: 2, error: 3 };
const FAILED: readonly CellStatus[] = ["error", "crashed", "timeout", "unsupported"];
const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warn: 2, fail: 3 };

/** Statistics of a time row before Holm: what the verdict needs. */
interface Pending {
  row: CompareRow;
  design: Design;
  shift: number;
  ciLog: [number, number] | null;
}

export function buildComparison(input: ComparisonInput): CompareResult {
  const { options } = input;
  const rows: CompareRow[] = [];
  const pending: Pending[] = [];
  for (const pair of input.pairs) {
    const made = rowsForPair(pair, input);
    rows.push(...made.rows);
    if (made.pending) pending.push(made.pending);
  }

  // Holm across the gated statistical rows only; the rest face α unadjusted and never gate.
  const gated = pending.filter((p) => p.row.gated);
  const pGated = gated.map((p) => p.row.pValue!);
  const adjusted = holm(pGated);
  const thresholds = holmThresholds(pGated, options.alpha);
  gated.forEach((p, i) => {
    p.row.pAdjusted = adjusted[i];
    p.row.alphaThreshold = thresholds[i];
  });
  for (const p of pending) {
    if (!p.row.gated) p.row.alphaThreshold = options.alpha;
    finishTimeRow(p, options, input.paired);
  }

  rows.sort(compareRows);
  const summary = summarize(rows, options.failOn);
  const withoutId: Omit<CompareResult, "id" | "schema"> = {
    mode: input.mode,
    paired: input.paired,
    axis: input.axis,
    baseline: input.baseline,
    current: input.current,
    options,
    summary,
    environmentNotes: input.notes,
    rows,
  };
  const id = sha256Hex(canonicalJson({ schema: COMPARE_SCHEMA, ...withoutId }));
  return { schema: COMPARE_SCHEMA, id, ...withoutId };
}

/** The value that stands for one process: the median of its values, or their minimum. */
function processValue(values: number[], summary: ProcessSummary): number {
  return summary === "min" ? Math.min(...values) : median(values);
}

function side(
  cell: MeasuredCell,
  runId: string,
  metric: Metric,
  summary: ProcessSummary,
): CompareSide {
  const medians = cell.nsPerRecord.filter((v) => v.length > 0).map((v) => processValue(v, summary));
  let value: number | null;
  if (metric === "nsPerRecord") value = medians.length > 0 ? median(medians) : null;
  else value = cell[metric];
  return {
    runId,
    target: cell.target,
    environment: cell.environment,
    status: cell.status,
    fidelity: cell.fidelity,
    value,
    n: medians.length,
    cv: metric === "nsPerRecord" && medians.length > 0 ? robustCv(medians) : null,
  };
}

function emptyRow(pair: CellPair, input: ComparisonInput, metric: Metric): CompareRow {
  const reference = pair.current ?? pair.baseline!;
  const gateMatched = matchesGate(reference.target, input.options.gate);
  return {
    id:
      `${pair.suite}/${pair.scenario}/${pair.idTarget}/${pair.idEnvironment}/${pair.operation}:${metric}`,
    suite: pair.suite,
    scenario: pair.scenario,
    operation: pair.operation,
    target: reference.target,
    environment: reference.environment,
    metric,
    verdict: "inconclusive",
    severity: null,
    gateMatched,
    gated: gateMatched && (pair.notes.length === 0 || input.options.allowEnvMismatch),
    baseline: pair.baseline
      ? side(pair.baseline, input.baseline.runId, metric, input.options.processSummary)
      : null,
    current: pair.current
      ? side(pair.current, input.current.runId, metric, input.options.processSummary)
      : null,
    effect: null,
    ci95: null,
    ciCoverage: null,
    pValue: null,
    pAdjusted: null,
    alphaThreshold: null,
    mde: null,
    underpowered: false,
    processesNeeded: null,
    pairs: null,
    test: null,
    noiseSdLog: null,
    environmentNotes: pair.notes,
    reason: "",
  };
}

function rowsForPair(
  pair: CellPair,
  input: ComparisonInput,
): { rows: CompareRow[]; pending: Pending | null } {
  const { baseline, current } = pair;
  const row = emptyRow(pair, input, "nsPerRecord");
  if (baseline === null) {
    return { rows: [{ ...row, verdict: "new", reason: "only in the current run" }], pending: null };
  }
  if (current === null) {
    return {
      rows: [{ ...row, verdict: "missing", reason: "only in the baseline" }],
      pending: null,
    };
  }
  if (baseline.status === "ok" && current.status !== "ok") {
    if (FAILED.includes(current.status)) {
      const detail = current.error ? `: ${current.error.type}: ${current.error.message}` : "";
      return {
        rows: [{
          ...row,
          verdict: "broken",
          severity: "fail",
          reason: `status ok → ${current.status}${detail}`,
        }],
        pending: null,
      };
    }
    return {
      rows: [{ ...row, verdict: "missing", reason: `not measured now (${current.status})` }],
      pending: null,
    };
  }
  if (baseline.status !== "ok" && current.status === "ok") {
    return {
      rows: [{ ...row, verdict: "new", reason: `measurable now (was ${baseline.status})` }],
      pending: null,
    };
  }
  if (baseline.status !== "ok") {
    const reason = baseline.status === current.status
      ? `still ${current.status}`
      : `${baseline.status} → ${current.status}`;
    return { rows: [{ ...row, verdict: "unchanged", reason }], pending: null };
  }
  if (
    baseline.fidelity !== null && current.fidelity !== null &&
    FIDELITY_RANK[current.fidelity] > FIDELITY_RANK[baseline.fidelity]
  ) {
    return {
      rows: [{
        ...row,
        verdict: "broken",
        severity: "fail",
        reason: `fidelity ${baseline.fidelity} → ${current.fidelity}`,
      }],
      pending: null,
    };
  }

  const rows: CompareRow[] = [];
  const pending = timeStatistics(row, baseline, current, input);
  rows.push(pending?.row ?? row);
  for (const metric of ["outputBytes", "peakTracedBytes"] as const) {
    if (baseline[metric] === null || current[metric] === null) continue;
    rows.push(thresholdRow(emptyRow(pair, input, metric), input.options));
  }
  return { rows, pending };
}

function logMedians(cell: MeasuredCell, summary: ProcessSummary): number[] | null {
  const medians = cell.nsPerRecord.filter((v) => v.length > 0).map((v) => processValue(v, summary));
  if (medians.length === 0 || medians.some((m) => !(m > 0))) return null;
  return medians.map(Math.log);
}

function logMediansByRound(
  cell: MeasuredCell,
  summary: ProcessSummary,
): Map<number, number> | null {
  const byRound = new Map<number, number>();
  for (let i = 0; i < cell.nsPerRecord.length; i++) {
    const values = cell.nsPerRecord[i];
    if (values.length === 0) continue;
    const m = processValue(values, summary);
    if (!(m > 0)) return null;
    byRound.set(cell.rounds[i], Math.log(m));
  }
  return byRound;
}

function timeStatistics(
  row: CompareRow,
  baseline: MeasuredCell,
  current: MeasuredCell,
  input: ComparisonInput,
): Pending | null {
  if (input.paired) {
    const summary = input.options.processSummary;
    const before = logMediansByRound(baseline, summary);
    const after = logMediansByRound(current, summary);
    if (before === null || after === null) {
      row.reason = "a process median is zero or negative: no log-ratio";
      return null;
    }
    const rounds = [...after.keys()].filter((r) => before.has(r)).sort((a, b) => a - b);
    row.pairs = rounds.length;
    if (rounds.length === 0) {
      row.reason = "no round measured both sides: nothing to pair";
      return null;
    }
    const d = rounds.map((r) => after.get(r)! - before.get(r)!);
    const test = wilcoxonSignedRank(d);
    const shift = hodgesLehmannPaired(d, { confidence: 0.95 });
    row.pValue = test.pValue;
    row.test = { name: "wilcoxon-signed-rank", method: test.method, statistic: test.v };
    row.noiseSdLog = d.length >= 2 ? MAD_TO_SD * mad(d) : null;
    row.ciCoverage = shift.confidence;
    return { row, design: { paired: true, n: d.length }, shift: shift.estimate, ciLog: shift.ci };
  }
  const x = logMedians(current, input.options.processSummary);
  const y = logMedians(baseline, input.options.processSummary);
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

function finishTimeRow(p: Pending, options: ResolvedCompareOptions, paired: boolean): void {
  const { row, design } = p;
  const t = options.thresholds;
  const alphaPrime = row.alphaThreshold!;
  row.effect = Math.expm1(p.shift);
  row.ci95 = p.ciLog ? [Math.expm1(p.ciLog[0]), Math.expm1(p.ciLog[1])] : null;
  row.underpowered = smallestPValue(design) > alphaPrime;
  if (row.noiseSdLog !== null) {
    row.mde = Math.expm1(
      minimumDetectableEffect(row.noiseSdLog, design, { alpha: alphaPrime, power: options.power }),
    );
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
  const needed = processesForMde(target, row.noiseSdLog ?? 0, paired, {
    alpha: alphaPrime,
    power: options.power,
  });
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

const VERDICT_ORDER = new Map(VERDICTS.map((v, i) => [v, i]));
const ROW_SEVERITY_ORDER: Record<string, number> = { fail: 0, warn: 1, notice: 2, improvement: 3 };

function compareRows(a: CompareRow, b: CompareRow): number {
  return (VERDICT_ORDER.get(a.verdict)! - VERDICT_ORDER.get(b.verdict)!) ||
    (Number(b.gated) - Number(a.gated)) ||
    ((ROW_SEVERITY_ORDER[a.severity ?? ""] ?? 9) - (ROW_SEVERITY_ORDER[b.severity ?? ""] ?? 9)) ||
    (Math.abs(b.effect ?? 0) - Math.abs(a.effect ?? 0)) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether a row makes the comparison fail at `failOn`. */
export function rowFailsGate(row: CompareRow, failOn: FailOn): boolean {
  if (failOn === "never" || !row.gated) return false;
  if (row.verdict !== "regressed" && row.verdict !== "broken") return false;
  const severity = row.severity as Severity | null;
  return severity !== null && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

function summarize(rows: CompareRow[], failOn: FailOn): CompareSummary {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const row of rows) counts[row.verdict]++;
  let worst: Severity | null = null;
  for (const row of rows) {
    if (!row.gated || (row.verdict !== "regressed" && row.verdict !== "broken")) continue;
    const severity = row.severity as Severity;
    if (worst === null || SEVERITY_RANK[severity] > SEVERITY_RANK[worst]) worst = severity;
  }
  const gatingFailures = rows.filter((row) => rowFailsGate(row, failOn)).length;
  const gatedRows = rows.filter((row) => row.gated).length;
  return {
    status: worst ?? "pass",
    gateFailed: gatingFailures > 0,
    line: summaryLine(rows, counts, gatedRows),
    counts,
    gatedRows,
    gatingFailures,
  };
}

function summaryLine(
  rows: CompareRow[],
  counts: Record<Verdict, number>,
  gatedRows: number,
): string {
  const parts: string[] = [];
  const bySeverity = (verdict: Verdict) => {
    const tally = new Map<RowSeverity, number>();
    for (const row of rows) {
      if (row.verdict === verdict && row.severity) {
        tally.set(row.severity, (tally.get(row.severity) ?? 0) + 1);
      }
    }
    return [...tally].map(([s, n]) => `${n} ${s}`).join(", ");
  };
  if (counts.broken > 0) parts.push(`${counts.broken} broken`);
  if (counts.regressed > 0) {
    parts.push(`${counts.regressed} regressed (${bySeverity("regressed")})`);
  }
  if (counts.inconclusive > 0) {
    const underpowered = rows.filter((r) => r.verdict === "inconclusive" && r.underpowered).length;
    parts.push(
      `${counts.inconclusive} inconclusive${
        underpowered > 0 ? ` (${underpowered} underpowered)` : ""
      }`,
    );
  }
  if (counts.improved > 0) parts.push(`${counts.improved} improved`);
  if (counts.new > 0) parts.push(`${counts.new} new`);
  if (counts.missing > 0) parts.push(`${counts.missing} missing`);
  parts.push(`${counts.unchanged} unchanged`);
  return `${parts.join(", ")}; ${gatedRows} of ${rows.length} rows gate`;
}
