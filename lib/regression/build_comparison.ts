/**
 * The shared core of `compareRuns()` and `compareWithinRun()`: turns matched cell pairs into rows
 * with statistics, applies Holm across the gated rows, and decides verdicts and severities.
 */

import { canonicalJson } from "../_common/canonical_json.ts";
import { sha256Hex } from "../_common/sha256.ts";
import { type DataTier, type Operation, tieredScenario } from "../_common/vocabulary.ts";
import type { FailOn, Severity } from "../config/types.ts";
import { isNotReached } from "../results/not_reached.ts";
import type { CellStatus, MeasuredCell } from "../results/run_record.ts";
import { holm, holmThresholds } from "../stats/holm.ts";
import { COMPARATORS, type Pending } from "./comparators.ts";
import type { InstrumentationPair } from "./compare_layouts.ts";
import { attributeInstructions } from "./attribute_instructions.ts";
import type { ProfileLookup } from "../results/profile_store.ts";
import { notesOfMeasure } from "./instrumentation_notes.ts";
import { type KnownMeasure, MEASURES, PRIMARY_MEASURE } from "./measures.ts";
import { matchesGate } from "./matches_gate.ts";
import { canWin, fidelityRank } from "./speed_ratio.ts";
import {
  COMPARE_SCHEMA,
  type CompareAxis,
  type CompareResult,
  type CompareRow,
  type CompareRunRef,
  type CompareSide,
  type CompareSummary,
  type EnvironmentNote,
  type ResolvedCompareOptions,
  type RowSeverity,
  type Verdict,
  VERDICTS,
} from "./types.ts";

/** Two cells to compare (either may be absent). */
export interface CellPair {
  suite: string;
  scenario: string;
  tier: DataTier;
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
  /** How each side counted instructions (the same record twice within one run), when they did. */
  instrumentation?: InstrumentationPair;
  /**
   * The runs' instruction profiles, for the function-level diff of flagged instruction rows;
   * absent: those rows say the profiles were not loaded.
   */
  profiles?: ProfileLookup;
}

const FAILED: readonly CellStatus[] = ["error", "crashed", "timeout", "unsupported"];
const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warn: 2, fail: 3 };

export function buildComparison(input: ComparisonInput): CompareResult {
  const { options } = input;
  const rows: CompareRow[] = [];
  const pending: Pending[] = [];
  const pairOf = new Map<CompareRow, CellPair>();
  for (const pair of input.pairs) {
    const made = rowsForPair(pair, input);
    rows.push(...made.rows);
    pending.push(...made.pending);
    for (const row of made.rows) pairOf.set(row, pair);
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
    p.finish(options, input.paired);
  }
  for (const row of rows) withholdWin(row);
  for (const row of rows) {
    const pair = pairOf.get(row)!;
    if (!isAttributed(row) || pair.baseline === null || pair.current === null) continue;
    row.attribution = {
      callgrind: attributeInstructions(
        pair.baseline,
        pair.current,
        row.layouts?.paired ?? false,
        input.profiles,
      ),
      python: null,
    };
  }

  rows.sort(compareRows);
  return withComparisonId({
    mode: input.mode,
    paired: input.paired,
    axis: input.axis,
    baseline: input.baseline,
    current: input.current,
    options,
    summary: summarize(rows, options.failOn),
    environmentNotes: input.notes,
    rows,
  });
}

/**
 * Rows whose change is traced to functions: instructions per record, flagged either way. (The
 * profiles count instructions; estimated cycles add cache misses they do not split by function.)
 */
export function isAttributed(row: CompareRow): boolean {
  return row.metric === ATTRIBUTED_MEASURE &&
    (row.verdict === "regressed" || row.verdict === "improved");
}

/** The measure whose flagged rows get a function-level diff. */
export const ATTRIBUTED_MEASURE = "instructionsPerRecord";

/** A comparison with its schema and `id` (the SHA-256 of its canonical content) set. */
export function withComparisonId(
  content: Omit<CompareResult, "id" | "schema">,
): CompareResult {
  const id = sha256Hex(canonicalJson({ schema: COMPARE_SCHEMA, ...content }));
  return { schema: COMPARE_SCHEMA, id, ...content };
}

function side(
  cell: MeasuredCell,
  runId: string,
  measure: KnownMeasure,
  input: ComparisonInput,
): CompareSide {
  return {
    runId,
    target: cell.target,
    environment: cell.environment,
    status: cell.status,
    fidelity: cell.fidelity,
    ...COMPARATORS[measure.comparison].side(cell, measure, input.options.processSummary),
  };
}

function emptyRow(pair: CellPair, input: ComparisonInput, measure: KnownMeasure): CompareRow {
  const reference = pair.current ?? pair.baseline!;
  const metric = measure.id;
  const gateMatched = matchesGate(reference.target, input.options.gate);
  const notes = notesOfMeasure(pair.notes, input.notes, metric);
  return {
    id: `${pair.suite}/${
      tieredScenario(pair.scenario, pair.tier)
    }/${pair.idTarget}/${pair.idEnvironment}/${pair.operation}:${metric}`,
    suite: pair.suite,
    scenario: pair.scenario,
    tier: pair.tier,
    operation: pair.operation,
    target: reference.target,
    environment: reference.environment,
    metric,
    verdict: "inconclusive",
    severity: null,
    gateMatched,
    gated: gateMatched && (notes.length === 0 || input.options.allowEnvMismatch),
    baseline: pair.baseline ? side(pair.baseline, input.baseline.runId, measure, input) : null,
    current: pair.current ? side(pair.current, input.current.runId, measure, input) : null,
    fidelityChange: null,
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
    environmentNotes: notes,
    reason: "",
  };
}

function rowsForPair(
  pair: CellPair,
  input: ComparisonInput,
): { rows: CompareRow[]; pending: Pending[] } {
  const { baseline, current } = pair;
  const row = emptyRow(pair, input, PRIMARY_MEASURE);
  if (baseline === null) {
    return { rows: [{ ...row, verdict: "new", reason: "only in the current run" }], pending: [] };
  }
  if (current === null) {
    return {
      rows: [{ ...row, verdict: "missing", reason: "only in the baseline" }],
      pending: [],
    };
  }
  if (baseline.status === "ok" && current.status !== "ok") {
    if (isNotReached(current)) {
      // The current run stopped before this cell: nothing is known about it, nothing broke.
      return {
        rows: [{
          ...row,
          verdict: "missing",
          reason: "not reached: the current run stopped early",
        }],
        pending: [],
      };
    }
    if (FAILED.includes(current.status)) {
      const detail = current.error ? `: ${current.error.type}: ${current.error.message}` : "";
      return {
        rows: [{
          ...row,
          verdict: "broken",
          severity: "fail",
          reason: `status ok → ${current.status}${detail}`,
        }],
        pending: [],
      };
    }
    return {
      rows: [{ ...row, verdict: "missing", reason: `not measured now (${current.status})` }],
      pending: [],
    };
  }
  if (baseline.status !== "ok" && current.status === "ok") {
    return {
      rows: [{ ...row, verdict: "new", reason: `measurable now (was ${baseline.status})` }],
      pending: [],
    };
  }
  if (baseline.status !== "ok") {
    const reason = baseline.status === current.status
      ? `still ${current.status}`
      : `${baseline.status} → ${current.status}`;
    return { rows: [{ ...row, verdict: "unchanged", reason }], pending: [] };
  }
  if (
    baseline.fidelity !== null && current.fidelity !== null &&
    baseline.fidelity !== current.fidelity
  ) {
    // Different outputs: no measure is compared across them (speedRatio's rule), the row says how
    // the fidelity changed. Worse is a break; better is an improvement of the output, whatever
    // the times do.
    const fidelityChange = { from: baseline.fidelity, to: current.fidelity };
    const worse = fidelityRank(current.fidelity) > fidelityRank(baseline.fidelity);
    return {
      rows: [{
        ...row,
        fidelityChange,
        ...(worse
          ? {
            verdict: "broken" as const,
            severity: "fail" as const,
            reason: `fidelity ${baseline.fidelity} → ${current.fidelity}`,
          }
          : {
            verdict: "improved" as const,
            severity: "improvement" as const,
            reason: `fidelity ${baseline.fidelity} → ${current.fidelity}: the output changed, ` +
              "so times are not compared",
          }),
      }],
      pending: [],
    };
  }

  // Both ok and no worse: one row per measure, judged by its comparison kind.
  const rows: CompareRow[] = [];
  const pending: Pending[] = [];
  for (const measure of MEASURES) {
    const measureRow = measure === PRIMARY_MEASURE ? row : emptyRow(pair, input, measure);
    const judged = COMPARATORS[measure.comparison].compare(
      measureRow,
      baseline,
      current,
      input,
      measure,
    );
    if (judged === null) continue;
    rows.push(judged.row);
    if (judged.pending) pending.push(judged.pending);
  }
  return { rows, pending };
}

/**
 * A faster or smaller cell whose output does not round-trip (mismatch, error) is not a win: its
 * statistics stay, its verdict becomes inconclusive and the reason says why.
 */
function withholdWin(row: CompareRow): void {
  if (row.verdict !== "improved" || row.fidelityChange !== null || row.current === null) return;
  if (canWin(row.current.fidelity)) return;
  row.verdict = "inconclusive";
  row.severity = null;
  row.reason = `${row.reason}; not an improvement: the output does not round-trip (${
    row.current.fidelity ?? "fidelity unknown"
  })`;
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
  const failing = rows.filter((row) => rowFailsGate(row, failOn));
  const gatingFailures = failing.length;
  const gatedRows = rows.filter((row) => row.gated).length;
  return {
    status: worst ?? "pass",
    gateFailed: gatingFailures > 0,
    line: summaryLine(rows, counts, gatedRows),
    counts,
    gatedRows,
    gatingFailures,
    decidedBy: MEASURES.map((m) => m.id).filter((id) => failing.some((r) => r.metric === id)),
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
