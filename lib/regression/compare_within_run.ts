import { InputError } from "../_common/errors.ts";
import { didYouMean } from "../_common/suggest.ts";
import type { MeasuredCell, RunRecord } from "../results/run_record.ts";
import { buildComparison, type CellPair } from "./build_comparison.ts";
import { requireMeasured, runRef } from "./compare_runs.ts";
import {
  environmentPairNotes,
  incompleteNoteIds,
  incompleteRunNote,
  notesForRow,
} from "./environment_notes.ts";
import { libcNotes } from "./instrumentation_notes.ts";
import { resolveCompareOptions } from "./resolve_compare_options.ts";
import type { ProfileLookup } from "../results/profile_store.ts";
import type { CompareAxis, CompareOptions, CompareResult, EnvironmentNote } from "./types.ts";

export interface WithinRunSelection {
  /** Which label differs between the two sides. */
  axis: CompareAxis;
  /** Baseline label (an environment or a target of the run). */
  a: string;
  /** Current label. */
  b: string;
}

/**
 * Compares two environments (e.g. the base and head checkouts of a PR) or two targets inside one
 * run, paired by round: both sides of a pair ran in the same round of the interleaved schedule,
 * so the per-round log-ratio log(b) − log(a) cancels the machine's drift. Wilcoxon signed-rank
 * for the p-value and the paired Hodges–Lehmann (median of Walsh averages) with its CI for the
 * effect. Cells match on everything but the compared axis. Gate patterns apply to b's target.
 */
export function compareWithinRun(
  run: RunRecord,
  selection: WithinRunSelection,
  options: CompareOptions = {},
  source = "the run",
  /** The run's instruction profiles, for the function-level diff of flagged instruction rows. */
  profiles?: ProfileLookup,
): CompareResult {
  const record = requireMeasured(run, source);
  const { axis, a, b } = selection;
  if (a === b) {
    throw new InputError(`compare: --a and --b are the same ${axis} "${a}"`, {
      hint: "name two different labels",
    });
  }
  const labels = [...new Set(record.cells.map((c) => c[axis]))].sort();
  for (const [flag, label] of [["--a", a], ["--b", b]] as const) {
    if (!labels.includes(label)) {
      throw new InputError(
        `compare: ${flag} ${axis} "${label}" is not in ${source}${didYouMean(label, labels)}`,
        { hint: `the run's ${axis}s: ${labels.join(", ")}` },
      );
    }
  }
  const resolved = resolveCompareOptions(options);
  const notes: EnvironmentNote[] = [
    ...(axis === "environment"
      ? environmentPairNotes(`${a}→${b}`, record.environments[a], record.environments[b])
      : []),
    ...(axis === "environment" && record.instrumentation
      ? libcNotes(`${a}→${b}`, record.environments[a], record.environments[b])
      : []),
    ...incompleteRunNote(record, "run"),
  ];
  const other = axis === "environment" ? "target" : "environment";
  const key = (c: MeasuredCell) =>
    `${c.suite}\u0000${c.scenario}\u0000${c.tier}\u0000${c[other]}\u0000${c.operation}`;
  const before = new Map(record.cells.filter((c) => c[axis] === a).map((c) => [key(c), c]));
  const after = new Map(record.cells.filter((c) => c[axis] === b).map((c) => [key(c), c]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  if (!keys.some((k) => before.has(k) && after.has(k))) {
    throw new InputError(
      `nothing to compare: ${axis}s "${a}" and "${b}" share no cell in ${source}`,
      { hint: `pick two ${axis}s measured on the same scenarios and operations` },
    );
  }
  const pairs: CellPair[] = keys.map((k) => {
    const cell = (after.get(k) ?? before.get(k))!;
    const target = axis === "target" ? b : cell.target;
    return {
      suite: cell.suite,
      scenario: cell.scenario,
      tier: cell.tier,
      operation: cell.operation,
      idTarget: axis === "target" ? `${a}→${b}` : cell.target,
      idEnvironment: axis === "environment" ? `${a}→${b}` : cell.environment,
      baseline: before.get(k) ?? null,
      current: after.get(k) ?? null,
      notes: [
        ...notesForRow(notes, {
          target,
          environmentLabel: `${a}→${b}`,
          scenario: cell.scenario,
          tier: cell.tier,
        }),
        ...incompleteNoteIds(
          notes,
          { baseline: before.get(k) ?? null, current: after.get(k) ?? null },
          { baseline: "run", current: "run" },
        ),
      ],
    };
  });
  return buildComparison({
    mode: "within-run",
    paired: true,
    axis: { axis, a, b },
    baseline: runRef(record, a),
    current: runRef(record, b),
    options: resolved,
    notes,
    pairs,
    instrumentation: {
      baseline: record.instrumentation ?? null,
      current: record.instrumentation ?? null,
    },
    profiles,
  });
}

/** The axis on which both labels exist, when exactly one fits; null when ambiguous or none. */
export function inferAxis(run: RunRecord, a: string, b: string): CompareAxis | null {
  const fits = (["environment", "target"] as const).filter((axis) => {
    const labels = new Set(run.cells.map((c) => c[axis]));
    return labels.has(a) && labels.has(b);
  });
  return fits.length === 1 ? fits[0] : null;
}
