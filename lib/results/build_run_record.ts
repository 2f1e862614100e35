/**
 * The one builder of measured RunRecords: `run` assembles each record here, and so do the tests'
 * fixtures and the synthetic histories of the bench scripts, so every record has the same shape and
 * a runId from its content (`withRunId`).
 */

import type {
  DatasetInfo,
  EnvironmentInfo,
  IncompleteRun,
  Instrumentation,
  MachineFingerprint,
  MeasuredCell,
  MeasuredRunRecord,
  MeasureSettings,
  ScheduleEntry,
} from "./run_record.ts";
import { RUN_RECORD_SCHEMA } from "./run_record.ts";
import { withRunId } from "./run_id.ts";
import { TOOL_NAME, VERSION } from "../_common/version.ts";

export interface RunRecordParts {
  /** A Date, or an ISO timestamp kept as written. */
  startedAt: Date | string;
  finishedAt: Date | string;
  complete: boolean;
  /** @default this tool's name and version and the running Deno */
  tool?: MeasuredRunRecord["tool"];
  git: MeasuredRunRecord["git"];
  machine: MachineFingerprint | null;
  config: { hash: string; profile: string; suites: string[]; measure: MeasureSettings };
  datasets: Record<string, DatasetInfo>;
  environments: Record<string, EnvironmentInfo>;
  shard?: { index: number; count: number } | null;
  schedule: ScheduleEntry[];
  cells: MeasuredCell[];
  /** Why the run is incomplete (only with `complete: false`). */
  incomplete?: IncompleteRun;
  /** Run ids of the earlier, incomplete records of this run that this one replaces. */
  supersedes?: string[];
  /** How instructions were counted, when the run counted them. */
  instrumentation?: Instrumentation;
}

export function buildRunRecord(parts: RunRecordParts): MeasuredRunRecord {
  return withRunId<MeasuredRunRecord>({
    schema: RUN_RECORD_SCHEMA,
    source: "datason-bench",
    startedAt: iso(parts.startedAt),
    finishedAt: iso(parts.finishedAt),
    complete: parts.complete,
    tool: parts.tool ?? { name: TOOL_NAME, version: VERSION, deno: Deno.version?.deno ?? null },
    git: parts.git,
    machine: parts.machine,
    environments: parts.environments,
    config: parts.config,
    datasets: parts.datasets,
    shard: parts.shard ?? null,
    schedule: parts.schedule,
    cells: parts.cells,
    ...(parts.incomplete === undefined ? {} : { incomplete: parts.incomplete }),
    ...(parts.instrumentation === undefined ? {} : { instrumentation: parts.instrumentation }),
    ...(parts.supersedes === undefined || parts.supersedes.length === 0
      ? {}
      : { supersedes: parts.supersedes }),
  });
}

function iso(time: Date | string): string {
  return typeof time === "string" ? time : time.toISOString();
}
