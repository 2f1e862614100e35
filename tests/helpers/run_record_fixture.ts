/**
 * Small valid RunRecords for tests: the tests' defaults over lib/results/build_run_record.ts, the
 * one builder of measured RunRecords. Every fixture model of the tests (noise models, trend series,
 * shards) assembles its records here.
 */

import { buildRunRecord, type RunRecordParts } from "../../lib/results/build_run_record.ts";
import type {
  CellError,
  CellStatus,
  Instrumentation,
  MeasuredCell,
  MeasuredRunRecord,
} from "../../lib/results/run_record.ts";

export function fixtureCell(overrides: Partial<MeasuredCell> = {}): MeasuredCell {
  return {
    suite: "competitive",
    scenario: "api_fast",
    tier: "typed",
    target: "orjson",
    environment: "default",
    operation: "serialize",
    status: "ok",
    loops: 100,
    nsPerRecord: [[1000, 1010, 990], [1005, 995, 1001]],
    rounds: [0, 1],
    outputBytes: 51234,
    peakTracedBytes: 4096,
    rssDeltaBytes: 0,
    fidelity: "exact",
    summary: { n: 2, median: 1000.5, mad: 4.5, cv: 0.0067, min: 990, p95: 1009, ci95: null },
    ...overrides,
  };
}

export function fixtureRunRecord(overrides: Partial<RunRecordParts> = {}): MeasuredRunRecord {
  return buildRunRecord({
    startedAt: "2026-11-23T02:00:00.000Z",
    finishedAt: "2026-11-23T02:20:00.000Z",
    complete: true,
    tool: { name: "datason-bench", version: "0.1.0", deno: "2.9.6" },
    git: { commit: "0123456789abcdef0123456789abcdef01234567", branch: "main", dirty: false },
    machine: {
      os: "linux 6.1.0",
      arch: "x86_64",
      cpuModel: "Test CPU",
      logicalCpus: 2,
      memoryBytes: 25769803776,
      hostname: "bench",
      runnerImage: null,
    },
    environments: {
      default: {
        python: "3.11.7",
        implementation: "CPython",
        executable: "/usr/bin/python3",
        freeze: { datason: "0.13.0", orjson: "3.13.0" },
        libraries: { datason: { version: "0.13.0", apis: ["serialize", "deserialize"] } },
      },
    },
    config: {
      hash: "a".repeat(64),
      profile: "quick",
      suites: ["competitive"],
      measure: {
        processes: 2,
        values: 3,
        warmups: 1,
        minValueSeconds: 0.005,
        timeoutSeconds: 60,
        records: { api_fast: 50 },
      },
    },
    datasets: {
      api_fast: {
        seed: 1,
        sha256: "b".repeat(64),
        records: 50,
        bytes: 25000,
        generatorVersion: "1",
      },
    },
    shard: null,
    schedule: [
      { round: 0, environment: "default", scenario: "api_fast", cells: ["orjson/serialize"] },
      { round: 1, environment: "default", scenario: "api_fast", cells: ["orjson/serialize"] },
    ],
    cells: [fixtureCell()],
    ...overrides,
  });
}

/** How a fixture run counted instructions: Valgrind 3.19.0, pinned caches, three layouts. */
export function fixtureInstrumentation(overrides: Partial<Instrumentation> = {}): Instrumentation {
  return {
    tool: "callgrind",
    valgrind: "3.19.0",
    marker: "client-request",
    cache: { I1: [32768, 8, 64], D1: [32768, 8, 64], LL: [8388608, 16, 64] },
    cycleFormula: "(Ir+Dr+Dw − L1 misses) + 5·(L1 misses − LL misses) + 35·LL misses",
    layouts: [
      { index: 0, hashSeed: 11, paddingBytes: 0 },
      { index: 1, hashSeed: 22, paddingBytes: 48 },
      { index: 2, hashSeed: 33, paddingBytes: 96 },
    ],
    ...overrides,
  };
}

export interface FixtureCounts {
  /** Layout index of each value. @default 0, 1, 2, … */
  layouts?: number[];
  /** Estimated cycles per record per layout. @default 1.5 × each instruction count */
  cycles?: number[];
  /** Status of the counts. @default "ok" */
  status?: CellStatus;
  error?: CellError;
}

/**
 * A cell with instruction counts: `instructions` per record in each layout (10 records, one pass;
 * the raw events hold Ir only).
 */
export function withCounts(
  cell: MeasuredCell,
  instructions: number[],
  options: FixtureCounts = {},
): MeasuredCell {
  const layouts = options.layouts ?? instructions.map((_, i) => i);
  const records = 10;
  return {
    ...cell,
    ...(instructions.length > 0
      ? {
        instructionsPerRecord: [...instructions],
        estimatedCyclesPerRecord: options.cycles ?? instructions.map((n) => 1.5 * n),
      }
      : {}),
    instructions: {
      status: options.status ?? "ok",
      layouts,
      events: instructions.map((n) => ({ Ir: n * records })),
      records,
      passes: 1,
      ...(options.error ? { error: options.error } : {}),
    },
  };
}
