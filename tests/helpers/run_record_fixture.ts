/**
 * Small valid RunRecords for tests: the tests' defaults over lib/results/build_run_record.ts, the
 * one builder of measured RunRecords. Every fixture model of the tests (noise models, trend series,
 * shards) assembles its records here.
 */

import { buildRunRecord, type RunRecordParts } from "../../lib/results/build_run_record.ts";
import type { MeasuredCell, MeasuredRunRecord } from "../../lib/results/run_record.ts";

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
