/**
 * The PR gate's Python-level pass, after the comparison: on CPython 3.11 callgrind's functions are
 * C functions (`_PyEval_EvalFrameDefault` takes most of a pure-Python library's cost), so for each
 * cell the gate flagged on instructions (a gated row, regressed or improved) the runner counts
 * call and line events per Python function (`pyprofile`, never times) over the same records the
 * instructions were counted on, in the base and the head environment alike, with the hash seed of
 * the run's first layout; the two profiles are stored beside the results and their diff goes into
 * the row (`attribution.python`). Only flagged cells pay for it: one plain Python process per
 * environment and scenario.
 *
 * A pass that fails on a side leaves that row's Python-level diff `unavailable` with the reason;
 * the comparison's verdicts never change.
 */

import type { BenchmarkRun } from "../bench/run_benchmark.ts";
import { profilePythonInProcess, type PythonPassOutcome } from "../bench/profile_python.ts";
import { cellLabel, slotKey } from "../bench/run_schedule.ts";
import { type Layout, layoutEnvironment } from "../bench/valgrind/layouts.ts";
import { isAttributed, withComparisonId } from "../regression/build_comparison.ts";
import { diffPythonProfiles } from "../regression/attribute_python.ts";
import type { CompareResult, CompareRow, PythonAttribution } from "../regression/types.ts";
import type { DataTier, Operation } from "../_common/vocabulary.ts";

export interface PythonPassOptions {
  /** Where the profiles are stored (`<results>/profiles`). */
  profilesDir: string;
  /** The layout whose hash seed (and padding) both sides run with; null: the runner's own. */
  layout: Layout | null;
  signal?: AbortSignal;
  onStderr?: (text: string) => void;
  /** Called before each process, for progress lines. */
  onStart?: (environment: string, scenario: string, cells: number) => void;
}

export interface PythonPassResult {
  comparison: CompareResult;
  /** Flagged cells given a Python-level pass. */
  cells: number;
  processes: number;
  /** Bytes of the profiles it stored. */
  bytes: number;
}

/** The rows that get a Python-level pass: gated instruction rows the gate flagged. */
export function pythonPassRows(comparison: CompareResult): CompareRow[] {
  if (comparison.axis?.axis !== "environment") return [];
  return comparison.rows.filter((row) => row.gated && isAttributed(row));
}

export async function attributePythonLevel(
  comparison: CompareResult,
  measured: BenchmarkRun["measured"],
  options: PythonPassOptions,
): Promise<PythonPassResult> {
  const rows = pythonPassRows(comparison);
  if (rows.length === 0) return { comparison, cells: 0, processes: 0, bytes: 0 };
  const sides = [comparison.axis!.a, comparison.axis!.b];
  const groups = new Map<string, { scenario: string; tier: DataTier; keys: Set<string> }>();
  for (const row of rows) {
    const group = `${row.scenario}\u0000${row.tier}`;
    if (!groups.has(group)) {
      groups.set(group, { scenario: row.scenario, tier: row.tier, keys: new Set() });
    }
    groups.get(group)!.keys.add(`${row.target}/${row.operation}`);
  }
  const outcomes = new Map<string, PythonPassOutcome | string>();
  const outcomeKey = (environment: string, scenario: string, tier: DataTier, key: string) =>
    `${environment}\u0000${scenario}\u0000${tier}\u0000${key}`;
  let processes = 0;
  let bytes = 0;
  for (const { scenario, tier, keys } of groups.values()) {
    for (const environment of sides) {
      const env = measured.environments.find((e) => e.name === environment);
      const slot = measured.scenarios[slotKey(environment, scenario, tier)];
      const cells = [...keys].flatMap((key) => {
        const cell = measured.cells.find((c) =>
          c.environment === environment && c.scenario === scenario && c.tier === tier &&
          `${cellLabel(c)}/${c.operation}` === key
        );
        return cell === undefined
          ? []
          : [{ target: cell.target, operation: cell.operation as Operation, key }];
      });
      if (env === undefined || slot === undefined || cells.length === 0) {
        for (const key of keys) {
          outcomes.set(
            outcomeKey(environment, scenario, tier, key),
            `environment "${environment}" did not measure this cell`,
          );
        }
        continue;
      }
      const counting = slot.settings.instructions;
      options.onStart?.(environment, scenario, cells.length);
      const run = await profilePythonInProcess(
        {
          name: env.name,
          python: env.python,
          env: { ...env.env, ...(options.layout ? layoutEnvironment(options.layout) : {}) },
        },
        { ...slot.dataset, limit: counting?.records ?? slot.dataset.limit },
        cells,
        {
          passes: counting?.passes ?? 1,
          warmups: counting?.warmups ?? 1,
          lines: true,
          timeoutSeconds: counting?.timeoutSeconds ?? slot.settings.timeoutSeconds,
          profilesDir: options.profilesDir,
        },
        { signal: options.signal, onStderr: options.onStderr },
      );
      processes += run.processes;
      for (const outcome of run.outcomes) {
        outcomes.set(outcomeKey(environment, scenario, tier, outcome.key), outcome);
        if (outcome.status === "ok") bytes += outcome.bytes;
      }
      if (run.aborted) break;
    }
  }
  const python = (row: CompareRow): PythonAttribution => {
    const key = `${row.target}/${row.operation}`;
    const [a, b] = sides.map((side) =>
      outcomes.get(outcomeKey(side, row.scenario, row.tier, key)) ??
        `the pass did not reach ${side}`
    );
    for (const [side, outcome] of [[sides[0], a], [sides[1], b]] as const) {
      if (typeof outcome === "string") return { status: "unavailable", reason: outcome };
      if (outcome.status !== "ok") {
        return {
          status: "unavailable",
          reason: `the Python-level pass in ${side}: ${outcome.status}: ${outcome.error.message}`,
        };
      }
    }
    const ok = (o: typeof a) => o as Extract<PythonPassOutcome, { status: "ok" }>;
    return diffPythonProfiles(ok(a), ok(b));
  };
  const flagged = new Set(rows);
  const { id: _id, schema: _schema, ...content } = comparison;
  return {
    comparison: withComparisonId({
      ...content,
      rows: comparison.rows.map((row) =>
        flagged.has(row) && row.attribution !== undefined
          ? { ...row, attribution: { ...row.attribution, python: python(row) } }
          : row
      ),
    }),
    cells: rows.length,
    processes,
    bytes,
  };
}
