import { InputError } from "../_common/errors.ts";
import {
  cellKey,
  type MeasuredCell,
  type MeasuredRunRecord,
  type RunRecord,
} from "../results/run_record.ts";
import { buildComparison, type CellPair } from "./build_comparison.ts";
import {
  incompleteNoteIds,
  incompleteRunNote,
  notesForRow,
  runNotes,
} from "./environment_notes.ts";
import { instrumentationNotes } from "./instrumentation_notes.ts";
import { resolveCompareOptions } from "./resolve_compare_options.ts";
import type { ProfileLookup } from "../results/profile_store.ts";
import type { CompareOptions, CompareResult, CompareRunRef } from "./types.ts";

/** Where the records came from, for error messages (file names). */
export interface RecordSources {
  baseline?: string;
  current?: string;
}

/**
 * Compares two runs, unpaired: for each cell present in both (matched by suite, scenario, tier,
 * target, environment and operation; a typed cell of today matches a cell of a record written
 * before the JSON tier) the per-process medians of log time are the observations —
 * Mann–Whitney U for the p-value, the two-sample Hodges–Lehmann shift and its CI for the effect
 * (change = exp(shift) − 1); output bytes and peak traced memory are judged by the thresholds
 * alone; instruction counts against their layouts' spread (paired by layout when both runs used
 * the same layouts). Holm runs across the gated rows. Legacy records (aggregates only) are refused, and so is a
 * pair of runs without a cell in common (both `InputError`, exit 2).
 */
export function compareRuns(
  baseline: RunRecord,
  current: RunRecord,
  options: CompareOptions = {},
  sources: RecordSources = {},
  /** Both runs' instruction profiles, for the function-level diff of flagged instruction rows. */
  profiles?: ProfileLookup,
): CompareResult {
  const before = requireMeasured(baseline, sources.baseline ?? "the baseline");
  const after = requireMeasured(current, sources.current ?? "the current run");
  const resolved = resolveCompareOptions(options);
  const notes = [
    ...runNotes(before, after),
    ...instrumentationNotes(before, after),
    ...incompleteRunNote(before, "baseline"),
    ...incompleteRunNote(after, "current"),
  ];
  const key = (c: MeasuredCell) => cellKey(c);
  const beforeCells = new Map(before.cells.map((c) => [key(c), c]));
  const afterCells = new Map(after.cells.map((c) => [key(c), c]));
  const keys = [...new Set([...beforeCells.keys(), ...afterCells.keys()])].sort();
  const common = keys.filter((k) => beforeCells.has(k) && afterCells.has(k));
  if (common.length === 0) {
    throw new InputError(
      `nothing to compare: ${sources.baseline ?? "the baseline"} and ${
        sources.current ?? "the current run"
      } have no cell in common (suite, scenario, tier, target, environment, operation)`,
      { hint: "compare runs of the same suite and environments, or pick another baseline" },
    );
  }
  const pairs: CellPair[] = keys.map((k) => {
    const cell = (afterCells.get(k) ?? beforeCells.get(k))!;
    return {
      suite: cell.suite,
      scenario: cell.scenario,
      tier: cell.tier,
      operation: cell.operation,
      idTarget: cell.target,
      idEnvironment: cell.environment,
      baseline: beforeCells.get(k) ?? null,
      current: afterCells.get(k) ?? null,
      notes: [
        ...notesForRow(notes, {
          target: cell.target,
          environmentLabel: cell.environment,
          scenario: cell.scenario,
          tier: cell.tier,
        }),
        ...incompleteNoteIds(
          notes,
          { baseline: beforeCells.get(k) ?? null, current: afterCells.get(k) ?? null },
          { baseline: "baseline", current: "current" },
        ),
      ],
    };
  });
  return buildComparison({
    mode: "runs",
    paired: false,
    axis: null,
    baseline: runRef(before, null),
    current: runRef(after, null),
    options: resolved,
    notes,
    pairs,
    instrumentation: {
      baseline: before.instrumentation ?? null,
      current: after.instrumentation ?? null,
    },
    profiles,
  });
}

export function runRef(record: MeasuredRunRecord, label: string | null): CompareRunRef {
  return {
    runId: record.runId,
    startedAt: record.startedAt,
    source: record.source,
    gitCommit: record.git?.commit ?? null,
    label,
  };
}

/** Refuses legacy records: they hold one mean per cell, no per-process values to test. */
export function requireMeasured(record: RunRecord, label: string): MeasuredRunRecord {
  if (record.source === "legacy") {
    throw new InputError(
      `cannot compare ${label} statistically: it is an imported legacy record (source "legacy", ` +
        `run ${record.runId.slice(0, 12)}, from ${record.legacy.file}) that keeps one mean per ` +
        `cell and no per-process values`,
      {
        hint:
          "compare runs measured by datason-bench; imported history is for `trends` and `report`",
      },
    );
  }
  return record;
}
