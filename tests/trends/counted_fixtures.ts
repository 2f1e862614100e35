/**
 * RunRecords with instruction counts for the trend tests: each cell a time and, optionally, the
 * instructions per record of each layout, and the run's counting environment (Valgrind, cache
 * geometry, CPU model and flags, glibc) as `run` stores it.
 */

import { withRunId } from "../../lib/results/run_id.ts";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import type { Operation } from "../../lib/_common/vocabulary.ts";
import { measuredRecord } from "./trend_fixtures.ts";

export interface CountedCellSpec {
  suite?: string;
  scenario?: string;
  target: string;
  operation?: Operation;
  /** ns per record; null for a failed time. */
  ns: number | null;
  /** Instructions per record of each layout; absent: the cell was not counted. */
  instructions?: number[];
}

export interface CountedRunSpec {
  startedAt: string;
  cells: CountedCellSpec[];
  /** Absent: the run counted no instructions (no `instrumentation`). */
  valgrind?: string;
  /** LL cache size in bytes (the rest of the geometry fixed). @default 8388608 */
  llBytes?: number;
  cpuModel?: string;
  cpuFlags?: string;
  glibc?: string;
  datason?: string;
}

export function countedRecord(spec: CountedRunSpec): MeasuredRunRecord {
  const base = measuredRecord({
    startedAt: spec.startedAt,
    datason: spec.datason ?? "0.13.0",
    cpuModel: spec.cpuModel ?? "AMD EPYC 7763 64-Core Processor",
    cells: spec.cells.map((c) => ({
      suite: c.suite,
      scenario: c.scenario ?? "api_fast",
      target: c.target,
      operation: c.operation,
      value: c.ns,
    })),
  });
  const { runId: _old, ...record } = base;
  record.machine = {
    ...record.machine!,
    cpuFlags: spec.cpuFlags ?? "avx2 sse4_2",
    glibc: spec.glibc ?? "glibc 2.36",
  };
  record.cells = record.cells.map((cell, i) => {
    const counts = spec.cells[i].instructions;
    if (counts === undefined) return cell;
    return {
      ...cell,
      instructionsPerRecord: counts,
      estimatedCyclesPerRecord: counts.map((n) => n * 1.5),
      instructions: {
        status: "ok",
        layouts: counts.map((_, k) => k),
        events: counts.map((n) => ({ Ir: n * 100 })),
        records: 100,
        passes: 1,
      },
    };
  });
  if (spec.valgrind !== undefined) {
    record.instrumentation = {
      tool: "callgrind",
      valgrind: spec.valgrind,
      marker: "client-request",
      cache: { I1: [32768, 8, 64], D1: [32768, 8, 64], LL: [spec.llBytes ?? 8388608, 16, 64] },
      cycleFormula: "Ir + 10 Bm + 100 Lm",
      layouts: [
        { index: 0, hashSeed: 0, paddingBytes: 0 },
        { index: 1, hashSeed: 1, paddingBytes: 64 },
        { index: 2, hashSeed: 2, paddingBytes: 128 },
      ],
    };
  }
  return withRunId<MeasuredRunRecord>(record);
}
