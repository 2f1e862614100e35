/**
 * Builders of RunRecords with known values for the trend tests: legacy records (one value per
 * cell, as imported) and measured records (per-process values and a summary, as `run` writes).
 */

import { fileURLToPath } from "node:url";
import { createRng, type Rng } from "../../lib/_common/prng.ts";
import { withRunId } from "../../lib/results/run_id.ts";
import {
  type LegacyCell,
  type LegacyRunRecord,
  type MeasuredCell,
  type MeasuredRunRecord,
  RUN_RECORD_SCHEMA,
} from "../../lib/results/run_record.ts";
import { type DataTier, type Operation } from "../../lib/_common/vocabulary.ts";
import { fixtureRunRecord } from "../helpers/run_record_fixture.ts";
import type { TrendsOptions } from "../../lib/trends/types.ts";

export interface CellSpec {
  suite?: string;
  scenario: string;
  /** @default "typed" */
  tier?: DataTier;
  target: string;
  operation?: Operation;
  /** ns; null for a failed cell. */
  value: number | null;
}

export interface RunSpec {
  startedAt: string;
  cells: CellSpec[];
  datason?: string | null;
  python?: string | null;
  libraries?: Record<string, string | null>;
  cpuModel?: string | null;
}

export function legacyRecord(spec: RunSpec): LegacyRunRecord {
  const libraries: Record<string, { version: string | null; apis: string[] }> = {};
  for (
    const [name, version] of Object.entries({ datason: spec.datason ?? null, ...spec.libraries })
  ) {
    libraries[name] = { version, apis: [] };
  }
  const cells: LegacyCell[] = spec.cells.map((c) => ({
    suite: c.suite ?? "legacy-api_modes",
    scenario: c.scenario,
    target: c.target,
    environment: "legacy",
    operation: c.operation ?? "serialize",
    status: c.value === null ? "error" : "ok",
    statistic: "mean",
    nsPerCall: c.value,
    samples: 5,
    ...(c.value === null ? { error: { type: "LegacyFailure", message: "failed" } } : {}),
  }));
  return withRunId<LegacyRunRecord>({
    schema: RUN_RECORD_SCHEMA,
    source: "legacy",
    startedAt: spec.startedAt,
    finishedAt: spec.startedAt,
    complete: true,
    tool: { name: "datason-benchmarks", version: "test", deno: null },
    git: null,
    machine: null,
    environments: {
      legacy: {
        python: spec.python ?? "3.12.0",
        implementation: "CPython",
        executable: null,
        freeze: {},
        libraries,
      },
    },
    legacy: {
      file: `test_${spec.startedAt}.json`,
      format: "A",
      datasonVersion: spec.datason ?? null,
      pythonVersion: spec.python ?? null,
    },
    cells,
  });
}

export function measuredRecord(spec: RunSpec): MeasuredRunRecord {
  const libraries: Record<string, { version: string | null; apis: string[] }> = {};
  for (
    const [name, version] of Object.entries({ datason: spec.datason ?? null, ...spec.libraries })
  ) {
    libraries[name] = { version, apis: [] };
  }
  const cells: MeasuredCell[] = spec.cells.map((c) => {
    const ok = c.value !== null;
    const values = ok ? [[c.value! * 0.99, c.value!, c.value! * 1.01], [c.value!]] : [];
    return {
      suite: c.suite ?? "competitive",
      scenario: c.scenario,
      tier: c.tier ?? "typed",
      target: c.target,
      environment: "default",
      operation: c.operation ?? "serialize",
      status: ok ? "ok" : "error",
      loops: ok ? 100 : null,
      nsPerRecord: values,
      rounds: values.map((_, i) => i),
      outputBytes: ok ? 1000 : null,
      peakTracedBytes: null,
      rssDeltaBytes: null,
      fidelity: ok ? "exact" : null,
      summary: ok
        ? { n: 2, median: c.value!, mad: 0, cv: 0, min: c.value!, p95: c.value!, ci95: null }
        : null,
      ...(ok ? {} : { error: { type: "ValueError", message: "failed" } }),
    };
  });
  return fixtureRunRecord({
    startedAt: spec.startedAt,
    finishedAt: spec.startedAt,
    complete: true,
    tool: { name: "datason-bench", version: "0.1.0", deno: "2.9.6" },
    git: null,
    machine: {
      os: "linux",
      arch: "x86_64",
      cpuModel: spec.cpuModel ?? "AMD EPYC 7763 64-Core Processor",
      logicalCpus: 4,
      memoryBytes: 16e9,
      hostname: null,
      runnerImage: null,
    },
    environments: {
      default: {
        python: spec.python ?? "3.12.11",
        implementation: "CPython",
        executable: null,
        freeze: {},
        libraries,
      },
    },
    config: {
      hash: "0".repeat(64),
      profile: "default",
      suites: ["competitive"],
      measure: {
        processes: 2,
        values: 3,
        warmups: 1,
        minValueSeconds: 0.05,
        timeoutSeconds: 600,
        records: {},
      },
    },
    datasets: {},
    shard: null,
    schedule: [],
    cells,
  });
}

/** `2026-01-05T06:00:00.000Z` plus `weeks` weeks (weekly history). */
export function weekly(start: string, weeks: number): string {
  return new Date(Date.parse(start) + weeks * 7 * 86_400_000).toISOString();
}

export function normal(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Student t with 3 degrees of freedom: Z / √(χ²₃ / 3). */
export function studentT3(rng: Rng): number {
  const z = normal(rng);
  let chi = 0;
  for (let i = 0; i < 3; i++) {
    const g = normal(rng);
    chi += g * g;
  }
  return z / Math.sqrt(chi / 3);
}

/** Multiplicative noise with the given coefficient of variation (t₃ has variance 3). */
export function t3Noise(rng: Rng, cv: number): number {
  return Math.exp((cv / Math.sqrt(3)) * studentT3(rng));
}

export { createRng };

export interface SeriesRow {
  date: string;
  version: string;
  /** Seconds. */
  value: number;
}

/** Reads one of the two real series copied into tests/fixtures/series/. */
export async function readSeriesCsv(name: string): Promise<SeriesRow[]> {
  const path = fileURLToPath(new URL(`../fixtures/series/${name}`, import.meta.url));
  const lines = (await Deno.readTextFile(path)).trim().split("\n").slice(1);
  return lines.map((line) => {
    const [date, version, value] = line.split(",");
    return { date, version, value: Number(value) };
  });
}

/** One timestamp per row: the row's date at 06:00 UTC plus its index in minutes (rows share dates). */
export function rowTimestamps(rows: readonly SeriesRow[]): string[] {
  return rows.map((row, i) =>
    new Date(Date.parse(`${row.date}T06:00:00Z`) + i * 60_000).toISOString()
  );
}

export const ORJSON_SERIES = "daily_ml_model_serialization_orjson_serialize_mean_s.csv";
export const NULL_SERIES = "daily_ml_model_serialization_deserialize_mean_s.csv";
export const FAST_MACHINE_DAYS = [
  "2026-05-04",
  "2026-05-17",
  "2026-05-18",
  "2026-05-22",
  "2026-05-24",
  "2026-06-18",
  "2026-07-01",
  "2026-07-15",
  "2026-08-11",
  "2026-08-14",
  "2026-08-16",
  "2026-08-22",
];

/** The trends options the tests analyse with: the config's defaults over the whole history. */
export function trendOptions(seed: number): TrendsOptions {
  return {
    days: null,
    metric: null,
    minSegment: 3,
    permutations: 999,
    alpha: 0.01,
    environmentShiftFraction: 0.6,
    minChange: 0.05,
    instructionMinChange: 0.005,
    volatileCv: 0.1,
    seed,
  };
}
