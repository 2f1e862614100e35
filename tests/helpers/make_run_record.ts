/**
 * Fixture RunRecords with a known noise model, for tests of comparisons and reports. Each ok cell
 * has `rounds` processes; process p's level is lognormal with σ = `sigma` (the between-process
 * noise, which is what the rank tests see) and its `values` values add lognormal noise with
 * σ = `withinSigma` around that level. `shift` multiplies every value of a cell (0.1 = +10%).
 * Records are valid: they go through `withRunId()` and pass `parseRunRecord()`.
 */

import { createRng, type Rng } from "../../lib/_common/prng.ts";
import type {
  CellStatus,
  EnvironmentInfo,
  Fidelity,
  MeasuredCell,
  MeasuredRunRecord,
  ScheduleEntry,
} from "../../lib/results/run_record.ts";
import type { DataTier, Operation } from "../../lib/_common/vocabulary.ts";
import { summarizeProcesses } from "../../lib/stats/summarize_processes.ts";
import { fixtureRunRecord } from "./run_record_fixture.ts";

export interface FixtureCell {
  target: string;
  suite?: string;
  scenario?: string;
  /** @default "typed" */
  tier?: DataTier;
  environment?: string;
  operation?: Operation;
  /** Multiplicative change of every value (0.1 = 10% slower). @default 0 */
  shift?: number;
  /** Typical ns per record. @default 1000 */
  baseNs?: number;
  /** Process count of this cell. @default the record's `rounds` */
  rounds?: number;
  status?: CellStatus;
  fidelity?: Fidelity | null;
  outputBytes?: number | null;
  peakTracedBytes?: number | null;
}

export interface FixtureOptions {
  /** Seed and label of the noise stream: equal seeds and labels give equal noise. */
  seed?: number;
  label?: string;
  /** Processes (rounds) per cell. */
  rounds: number;
  /** Values per process. @default 5 */
  values?: number;
  /** Lognormal σ of each process's level. */
  sigma: number;
  /** Lognormal σ of values inside a process. @default sigma / 2 */
  withinSigma?: number;
  /**
   * `random`: independent lognormal noise. `balanced`: the same noise sizes, drawn in mirrored
   * pairs — processes 2k and 2k+1 get levels e^(+σz) and e^(−σz), each process's values are its
   * level times e^0, e^(±w)… — so the log process medians of each cell are symmetric around the
   * cell's level. Then both Hodges–Lehmann estimates (paired and two-sample) equal the injected
   * shift exactly, while p-values, CIs and MDEs still see σ-sized noise: the verdict of a fixture
   * is determined, not a draw. @default "random"
   */
  noise?: "random" | "balanced";
  cells: FixtureCell[];
  /** Environment fingerprints by label. @default one "default" environment */
  environments?: Record<string, Partial<EnvironmentInfo>>;
  cpuModel?: string | null;
  startedAt?: string;
  /** sha256 of each scenario's dataset. @default "a…a" */
  datasetSha256?: Record<string, string>;
}

function gaussian(rng: Rng): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Mirrored offsets: [+a₁, −a₁, +a₂, −a₂, …] then one or two zeros to reach `count`. */
function mirrored(rng: Rng, count: number, sigma: number, zeros: number): number[] {
  const offsets: number[] = [];
  while (offsets.length + 2 + zeros <= count) {
    const a = sigma * Math.abs(gaussian(rng));
    offsets.push(a, -a);
  }
  while (offsets.length < count) offsets.push(0);
  return offsets;
}

function balancedProcesses(
  rng: Rng,
  level: number,
  processes: number,
  values: number,
  sigma: number,
  withinSigma: number,
): number[][] {
  const levels = mirrored(rng, processes, sigma, processes % 2);
  return levels.map((offset) => {
    const processLevel = level * Math.exp(offset);
    // A zero offset in the middle keeps the process median at its level exactly.
    const within = rng.shuffle(mirrored(rng, values, withinSigma, values % 2 === 1 ? 1 : 2));
    return within.map((w) => processLevel * Math.exp(w));
  });
}

export function defaultEnvironment(overrides: Partial<EnvironmentInfo> = {}): EnvironmentInfo {
  return {
    python: "3.11.7",
    implementation: "CPython",
    executable: "/usr/bin/python3",
    freeze: { datason: "0.13.0", orjson: "3.13.0", ujson: "6.1.0" },
    libraries: {
      datason: { version: "0.13.0", apis: ["serialize", "deserialize"] },
      orjson: { version: "3.13.0", apis: ["dumps", "loads"] },
      ujson: { version: "6.1.0", apis: ["dumps", "loads"] },
    },
    ...overrides,
  };
}

export function makeRunRecord(options: FixtureOptions): MeasuredRunRecord {
  const rng = createRng(options.seed ?? 1, options.label ?? "fixture");
  const valuesPerProcess = options.values ?? 5;
  const withinSigma = options.withinSigma ?? options.sigma / 2;
  const cells: MeasuredCell[] = options.cells.map((spec) => {
    const status = spec.status ?? "ok";
    const base = {
      suite: spec.suite ?? "competitive",
      scenario: spec.scenario ?? "api_fast",
      tier: spec.tier ?? "typed",
      target: spec.target,
      environment: spec.environment ?? "default",
      operation: spec.operation ?? "serialize",
      status,
      outputBytes: spec.outputBytes === undefined ? 50_000 : spec.outputBytes,
      peakTracedBytes: spec.peakTracedBytes === undefined ? 200_000 : spec.peakTracedBytes,
      rssDeltaBytes: null,
      fidelity: spec.fidelity === undefined ? "exact" as Fidelity : spec.fidelity,
    };
    if (status !== "ok") {
      return {
        ...base,
        loops: null,
        nsPerRecord: [],
        rounds: [],
        outputBytes: null,
        peakTracedBytes: null,
        fidelity: null,
        summary: null,
        error: { type: "RuntimeError", message: `fixture ${status}` },
      };
    }
    const level = (spec.baseNs ?? 1000) * (1 + (spec.shift ?? 0));
    const processes = spec.rounds ?? options.rounds;
    const nsPerRecord = options.noise === "balanced"
      ? balancedProcesses(rng, level, processes, valuesPerProcess, options.sigma, withinSigma)
      : Array.from({ length: processes }, () => {
        const processLevel = level * Math.exp(options.sigma * gaussian(rng));
        return Array.from(
          { length: valuesPerProcess },
          () => processLevel * Math.exp(withinSigma * gaussian(rng)),
        );
      });
    return {
      ...base,
      loops: 100,
      nsPerRecord,
      rounds: nsPerRecord.map((_, i) => i),
      summary: summarizeProcesses(nsPerRecord),
    };
  });
  const environments: Record<string, EnvironmentInfo> = {};
  const labels = options.environments ?? { default: {} };
  for (const [label, overrides] of Object.entries(labels)) {
    environments[label] = defaultEnvironment(overrides);
  }
  for (const cell of cells) environments[cell.environment] ??= defaultEnvironment();
  const scenarios = [...new Set(cells.map((c) => c.scenario))].sort();
  const maxRounds = Math.max(0, ...cells.map((c) => c.rounds.length));
  const groups = new Map<string, { environment: string; scenario: string; cells: string[] }>();
  for (const c of cells) {
    const key = `${c.environment}\u0000${c.scenario}`;
    if (!groups.has(key)) {
      groups.set(key, { environment: c.environment, scenario: c.scenario, cells: [] });
    }
    groups.get(key)!.cells.push(`${c.target}/${c.operation}`);
  }
  const schedule: ScheduleEntry[] = [];
  for (let round = 0; round < maxRounds; round++) {
    for (const group of groups.values()) {
      schedule.push({ round, ...group, cells: [...group.cells] });
    }
  }
  const startedAt = options.startedAt ?? "2025-03-01T10:00:00.000Z";
  return fixtureRunRecord({
    startedAt,
    finishedAt: startedAt.replace(/T10:/, "T11:"),
    complete: true,
    tool: { name: "datason-bench", version: "0.0.0-test", deno: null },
    git: { commit: null, branch: null, dirty: null },
    machine: {
      os: "linux",
      arch: "x86_64",
      cpuModel: options.cpuModel === undefined ? "Test CPU @ 3.0GHz" : options.cpuModel,
      logicalCpus: 2,
      memoryBytes: 8 * 1024 ** 3,
      hostname: null,
      runnerImage: null,
    },
    environments,
    config: {
      hash: "0".repeat(64),
      profile: "pr",
      suites: [...new Set(cells.map((c) => c.suite))].sort(),
      measure: {
        processes: options.rounds,
        values: valuesPerProcess,
        warmups: 1,
        minValueSeconds: 0.02,
        timeoutSeconds: 300,
        records: Object.fromEntries(scenarios.map((s) => [s, 200])),
      },
    },
    datasets: Object.fromEntries(scenarios.map((s) => [s, {
      seed: 20250101,
      sha256: options.datasetSha256?.[s] ?? "a".repeat(64),
      records: 200,
      bytes: 100_000,
      generatorVersion: "1",
    }])),
    shard: null,
    schedule,
    cells,
  });
}
