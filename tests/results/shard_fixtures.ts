/** Shard RunRecords for merge tests: shard 1 has api_fast and large_data, shard 2 the rest. */

import { sha256Hex } from "../../lib/_common/sha256.ts";
import type { MeasuredCell, MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { fixtureRunRecord } from "../helpers/run_record_fixture.ts";

export const ENVIRONMENT = {
  python: "3.11.7",
  implementation: "CPython",
  executable: "/work/.bench/envs/default/bin/python",
  freeze: { datason: "0.13.0", numpy: "2.4.6", orjson: "3.13.0" },
  libraries: { datason: { version: "0.13.0", apis: ["serialize", "deserialize"] } },
};

export function cell(
  scenario: string,
  target: string,
  operation: "serialize" | "deserialize",
): MeasuredCell {
  const values = [[1000, 1010], [990, 1005], [1003, 998]];
  return {
    suite: "competitive",
    scenario,
    tier: "typed",
    target,
    environment: "default",
    operation,
    status: "ok",
    loops: 40,
    nsPerRecord: values,
    rounds: [0, 1, 2],
    outputBytes: 12345,
    peakTracedBytes: null,
    rssDeltaBytes: null,
    fidelity: "exact",
    summary: { n: 3, median: 1003, mad: 3, cv: 0.004, min: 995, p95: 1005, ci95: null },
  };
}

export interface ShardOptions {
  index: number;
  count?: number;
  scenarios: string[];
  startedAt: string;
  finishedAt: string;
  complete?: boolean;
  configHash?: string;
  sha256?: Record<string, string>;
  freeze?: Record<string, string>;
  hostname?: string;
  extraCells?: MeasuredCell[];
}

export function shard(o: ShardOptions): MeasuredRunRecord {
  const cells = o.scenarios.flatMap((s) => [
    cell(s, "datason", "serialize"),
    cell(s, "orjson", "serialize"),
    cell(s, "datason", "deserialize"),
  ]);
  cells.push(...(o.extraCells ?? []));
  return fixtureRunRecord({
    startedAt: o.startedAt,
    finishedAt: o.finishedAt,
    complete: o.complete ?? true,
    tool: { name: "datason-bench", version: "0.1.0", deno: "2.9.6" },
    git: { commit: "abc123", branch: "main", dirty: false },
    machine: {
      os: "linux",
      arch: "x86_64",
      cpuModel: "AMD EPYC 7763",
      logicalCpus: 4,
      memoryBytes: 16e9,
      hostname: o.hostname ?? "runner-1",
      runnerImage: "ubuntu24/20250101",
    },
    environments: {
      default: { ...ENVIRONMENT, freeze: o.freeze ?? ENVIRONMENT.freeze },
    },
    config: {
      hash: o.configHash ?? "c0ffee",
      profile: "quick",
      suites: ["competitive"],
      measure: {
        processes: 3,
        values: 3,
        warmups: 1,
        minValueSeconds: 0.005,
        timeoutSeconds: 120,
        records: Object.fromEntries(o.scenarios.map((s) => [s, s === "large_data" ? 2 : 50])),
      },
    },
    datasets: Object.fromEntries(o.scenarios.map((s) => [s, {
      seed: 20250101,
      sha256: o.sha256?.[s] ?? sha256Hex(s),
      records: 100,
      bytes: 5000,
      generatorVersion: "1",
    }])),
    shard: { index: o.index, count: o.count ?? 2 },
    schedule: [0, 1, 2].flatMap((round) =>
      o.scenarios.map((scenario) => ({
        round,
        environment: "default",
        scenario,
        cells: ["datason/serialize", "orjson/serialize", "datason/deserialize"],
      }))
    ),
    cells,
  });
}

export const ONE = () =>
  shard({
    index: 1,
    scenarios: ["api_fast", "large_data"],
    startedAt: "2025-03-03T02:00:05.000Z",
    finishedAt: "2025-03-03T02:20:00.000Z",
  });
export const TWO = (o: Partial<ShardOptions> = {}) =>
  shard({
    index: 2,
    scenarios: ["ml_training", "secure_storage", "edge_cases"],
    startedAt: "2025-03-03T02:00:01.000Z",
    finishedAt: "2025-03-03T02:15:00.000Z",
    hostname: "runner-2",
    ...o,
  });
