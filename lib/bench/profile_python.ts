/**
 * `profilePythonInProcess()`: the Python-level second pass of a scenario's cells in one runner
 * process (plain Python, no Valgrind): for each cell, the runner's `pyprofile` request counts call
 * and line events per Python function over one pass of the cell's body (never times), and the
 * result is stored as a Python-level profile (`lib/results/python_profile.ts`) beside the results.
 * A cell that crashes or hangs the process gets `crashed`/`timeout` and a fresh process takes the
 * rest, as in timing.
 */

import type { CellError, CellStatus } from "../results/run_record.ts";
import {
  PYTHON_PROFILE_SCHEMA,
  type PythonProfile,
  pythonProfileProblem,
} from "../results/python_profile.ts";
import { saveProfile } from "../results/profile_store.ts";
import type { Operation } from "../_common/vocabulary.ts";
import {
  type DatasetRef,
  keyOf,
  type MeasureHooks,
  type ProcessRun,
  type RunnerEnvironment,
  runWithRestarts,
  unexpectedReply,
} from "./measure_scenario.ts";
import type { TargetSpec } from "./protocol.ts";

export interface PythonPassCell {
  target: TargetSpec;
  operation: Operation;
  /** Key of the outcome (default `target/operation`). */
  key?: string;
}

export interface PythonPassSettings {
  passes: number;
  warmups: number;
  /** Count line events too (`sys.settrace`); false: calls only (`sys.setprofile`). */
  lines: boolean;
  timeoutSeconds: number;
  /** Where the profiles are stored (`<results>/profiles`). */
  profilesDir: string;
}

interface PythonPassBase {
  key: string;
  target: string;
  operation: Operation;
  process: number;
}

export type PythonPassOutcome =
  | (PythonPassBase & { status: "ok"; profile: PythonProfile; hash: string; bytes: number })
  | (PythonPassBase & { status: Exclude<CellStatus, "ok">; error: CellError });

export function profilePythonInProcess(
  env: RunnerEnvironment,
  dataset: DatasetRef,
  cells: readonly PythonPassCell[],
  settings: PythonPassSettings,
  hooks: MeasureHooks<PythonPassOutcome> = {},
): Promise<ProcessRun<PythonPassOutcome>> {
  const base = (cell: PythonPassCell, process: number): PythonPassBase => ({
    key: keyOf(cell),
    target: cell.target.id,
    operation: cell.operation,
    process,
  });
  return runWithRestarts(env, dataset, cells, settings.timeoutSeconds, hooks, () => false, {
    async measure(process, cell, index): Promise<PythonPassOutcome> {
      const reply = await process.request(
        {
          type: "pyprofile",
          target: cell.target,
          operation: cell.operation,
          passes: settings.passes,
          warmups: settings.warmups,
          lines: settings.lines,
        },
        settings.timeoutSeconds,
        hooks.signal,
      );
      if (reply.type !== "pyprofiled") {
        return {
          ...base(cell, index),
          status: "error",
          error: unexpectedReply(reply, "pyprofile"),
        };
      }
      if (reply.status !== "ok") {
        return { ...base(cell, index), status: reply.status, error: reply.error };
      }
      const profile: PythonProfile = {
        schema: PYTHON_PROFILE_SCHEMA,
        records: reply.records,
        passes: reply.passes,
        lines: reply.lines,
        python: reply.python,
        files: reply.files,
        functions: reply.functions,
        other: reply.other,
      };
      const problem = pythonProfileProblem(profile);
      if (problem !== null) {
        return {
          ...base(cell, index),
          status: "error",
          error: { type: "ProtocolError", message: `pyprofile reply: ${problem}` },
        };
      }
      const saved = await saveProfile(settings.profilesDir, profile);
      return { ...base(cell, index), status: "ok", profile, hash: saved.hash, bytes: saved.bytes };
    },
    failed(cell, failure, index) {
      return { ...base(cell, index), status: failure.status, error: failure.error };
    },
  });
}
