/** Assembles a measured RunRecord (content-addressed by `withRunId`). */

import type {
  DatasetInfo,
  EnvironmentInfo,
  MachineFingerprint,
  MeasuredCell,
  MeasuredRunRecord,
  MeasureSettings,
  ScheduleEntry,
} from "../results/run_record.ts";
import { RUN_RECORD_SCHEMA } from "../results/run_record.ts";
import { withRunId } from "../results/run_id.ts";
import { TOOL_NAME, VERSION } from "../_common/version.ts";

export interface RunRecordParts {
  startedAt: Date;
  finishedAt: Date;
  complete: boolean;
  git: MeasuredRunRecord["git"];
  machine: MachineFingerprint | null;
  config: { hash: string; profile: string; suites: string[]; measure: MeasureSettings };
  datasets: Record<string, DatasetInfo>;
  environments: Record<string, EnvironmentInfo>;
  shard?: { index: number; count: number } | null;
  schedule: ScheduleEntry[];
  cells: MeasuredCell[];
}

export function buildRunRecord(parts: RunRecordParts): MeasuredRunRecord {
  return withRunId<MeasuredRunRecord>({
    schema: RUN_RECORD_SCHEMA,
    source: "datason-bench",
    startedAt: parts.startedAt.toISOString(),
    finishedAt: parts.finishedAt.toISOString(),
    complete: parts.complete,
    tool: { name: TOOL_NAME, version: VERSION, deno: Deno.version?.deno ?? null },
    git: parts.git,
    machine: parts.machine,
    environments: parts.environments,
    config: parts.config,
    datasets: parts.datasets,
    shard: parts.shard ?? null,
    schedule: parts.schedule,
    cells: parts.cells,
  });
}
