/**
 * Synthetic RunRecords shaped like the weekly run writes them (the three built-in suites, 8
 * processes × 5 values per cell, failures as data) for `deno task bench:report` and the report's
 * tests (its size test among them), built with the one RunRecord builder. Levels per (scenario, target) follow a real quick run of this tool on
 * this machine (DataSON 0.13.0, Python 3.11.7): the JSON libraries cannot serialize UUIDs,
 * Decimals, ndarrays or big integers, so they are `unsupported` everywhere except `api_fast`,
 * where this fixture lets them succeed (lossy) so that ratios against json and the fastest
 * competitor are exercised.
 *
 * The competitive suite is measured on both tiers, like the weekly run: on the JSON tier every
 * competitor works (exact; DataSON lossy) except orjson and msgpack on edge_cases (integers beyond
 * 64 bits, documented exceptions), about 20% faster than on the typed tier. Its values come from a
 * random stream of their own, so the typed cells are the same as without the JSON tier.
 *
 * The five-year history (`fiveYearHistory`) has DataSON versions 0.9 → 0.13.1 (0.12 a 25%
 * regression, 0.13 back, 0.13.1 12% slower in the last seven weeks), an orjson upgrade that makes orjson 15% faster, Python 3.11 → 3.12
 * (everything 5% faster), and three single weeks on a faster machine (environment shifts).
 */

import { createRng, type Rng } from "../lib/_common/prng.ts";
import { type DataTier, SCENARIO_NAMES } from "../lib/_common/vocabulary.ts";
import defaults from "../lib/config/defaults.json" with { type: "json" };
import { buildRunRecord } from "../lib/results/build_run_record.ts";
import type {
  CellStatus,
  EnvironmentInfo,
  Fidelity,
  MeasuredCell,
  MeasuredRunRecord,
} from "../lib/results/run_record.ts";
import type { Operation } from "../lib/_common/vocabulary.ts";
import { summarizeProcesses } from "../lib/stats/summarize_processes.ts";

export const SCENARIOS: readonly string[] = SCENARIO_NAMES;
const RECORDS: Record<string, number> = {
  api_fast: 1000,
  ml_training: 100,
  secure_storage: 500,
  large_data: 20,
  edge_cases: 200,
};
const DATASET_BYTES: Record<string, number> = {
  api_fast: 338_150,
  ml_training: 5_011_296,
  secure_storage: 1_180_447,
  large_data: 18_212_030,
  edge_cases: 793_402,
};

/** [serialize ns, deserialize ns, wire bytes per record, peak traced bytes] per target. */
type Level = [number, number, number, number];
const LEVELS: Record<string, Record<string, Level>> = {
  api_fast: {
    datason: [50_700, 48_750, 204, 8_627],
    "datason-str": [67_300, 49_700, 204, 12_373],
    json: [9_100, 7_300, 190, 4_100],
    pickle: [12_000, 6_840, 284, 9_172],
    orjson: [1_520, 3_480, 188, 2_300],
    ujson: [5_050, 6_100, 190, 3_900],
    msgpack: [3_100, 2_600, 160, 3_300],
    jsonpickle: [138_000, 108_000, 575, 41_281],
    simplejson: [14_100, 9_050, 190, 5_200],
    noop: [44, 37, 0, 176],
  },
  ml_training: {
    datason: [29_700_000, 21_100_000, 89_885, 1_862_665],
    "datason-str": [20_700_000, 16_800_000, 89_885, 1_876_921],
    pickle: [54_100, 69_400, 36_425, 228_256],
    jsonpickle: [971_000, 532_000, 49_250, 395_233],
    noop: [30, 46, 0, 176],
  },
  secure_storage: {
    datason: [228_000, 346_000, 2_337, 69_552],
    "datason-str": [336_000, 275_000, 2_337, 82_322],
    pickle: [32_900, 11_800, 1_762, 18_857],
    jsonpickle: [393_000, 254_000, 3_289, 98_867],
    noop: [31, 31, 0, 176],
  },
  large_data: {
    datason: [102_000_000, 78_400_000, 479_618, 7_580_911],
    "datason-str": [124_000_000, 57_400_000, 479_618, 11_292_087],
    pickle: [1_830_000, 2_240_000, 976_363, 3_464_502],
    jsonpickle: [59_500_000, 49_200_000, 1_402_394, 6_413_605],
    noop: [44, 58, 0, 176],
  },
  edge_cases: {
    datason: [61_300, 42_700, 1_099, 120_611],
    "datason-str": [93_200, 35_100, 1_099, 122_427],
    pickle: [2_730, 3_440, 1_108, 88_363],
    jsonpickle: [209_000, 158_000, 1_125, 146_765],
    noop: [42, 34, 0, 176],
  },
};

/** The competitive suite's targets of the default config. */
export const COMPETITIVE_TARGETS: readonly string[] = defaults.suites.competitive.targets;

const UNSUPPORTED_MESSAGES: Record<string, string> = {
  json: "record 0: Object of type UUID is not JSON serializable",
  orjson: "record 1: Type is not JSON serializable: decimal.Decimal",
  ujson: "record 0: UUID('98a4a201-a573-499b-85e6-d45219d9de2b') is not JSON serializable",
  msgpack: "record 0: can not serialize 'UUID' object",
  simplejson: "record 0: Object of type UUID is not JSON serializable",
};

/** DataSON's round-trip fidelity per scenario (its default target, as measured). */
const DATASON_FIDELITY: Record<string, Fidelity> = {
  api_fast: "lossy",
  ml_training: "lossy",
  secure_storage: "mismatch",
  large_data: "mismatch",
  edge_cases: "mismatch",
};

/** Configuration targets: time factors, bytes factor, memory factor, exact scenarios. */
const CONFIGURATIONS: Record<
  string,
  { ser: number; de: number; bytes: number; mem: number; exact: string[]; fidelity?: Fidelity }
> = {
  datason: { ser: 1, de: 1, bytes: 1, mem: 1, exact: [] },
  "datason-dump_api": { ser: 0.9, de: 1, bytes: 0.95, mem: 0.95, exact: [] },
  "datason-dump_ml": { ser: 1.1, de: 1.05, bytes: 1.05, mem: 1.2, exact: ["ml_training"] },
  "datason-dump_secure": {
    ser: 1.35,
    de: 1,
    bytes: 0.8,
    mem: 1.1,
    exact: [],
    fidelity: "mismatch",
  },
  "datason-dump_fast": { ser: 0.7, de: 1, bytes: 1, mem: 0.9, exact: [] },
  "datason-load_smart": { ser: 1, de: 1.2, bytes: 1, mem: 1.05, exact: ["api_fast"] },
  "datason-load_basic": { ser: 1, de: 0.6, bytes: 1, mem: 0.8, exact: [] },
  "datason-cfg-default": { ser: 1.02, de: 1.01, bytes: 1, mem: 1, exact: [] },
  "datason-cfg-performance": { ser: 0.8, de: 0.85, bytes: 1.1, mem: 1.15, exact: [] },
  "datason-cfg-ml": { ser: 1.05, de: 1.05, bytes: 1.08, mem: 1.1, exact: ["ml_training"] },
  "datason-cfg-strict": {
    ser: 1.25,
    de: 1.3,
    bytes: 1.3,
    mem: 1.25,
    exact: ["api_fast", "secure_storage", "edge_cases"],
  },
  "datason-cfg-api": { ser: 0.95, de: 1, bytes: 0.9, mem: 0.95, exact: [] },
};
export const CONFIGURATION_TARGETS = Object.keys(CONFIGURATIONS);

/** The versions suite: environment → (DataSON version, time factor). */
const VERSION_ENVIRONMENTS: Record<string, { version: string; factor: number }> = {
  "datason-0.11": { version: "0.11.2", factor: 0.85 },
  "datason-0.12": { version: "0.12.0", factor: 1.15 },
  "datason-0.13": { version: "0.13.0", factor: 1 },
  "datason-2": { version: "2.0.0a1", factor: 0.6 },
};

export function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export interface SyntheticRunOptions {
  startedAt: string;
  rng: Rng;
  /** Suites to include. @default all three */
  suites?: string[];
  processes?: number;
  values?: number;
  /** Multiplies every time (a faster or slower machine). @default 1 */
  machineFactor?: number;
  /** DataSON version in the `default` environment, and its time factor. */
  datason?: { version: string; factor: number };
  orjson?: { version: string; factor: number };
  python?: string;
  cpuModel?: string;
  profile?: string;
  /** Records per scenario (null = all, as the default profile). @default null */
  records?: number | null;
  /** Versions-suite environments whose cells are `unavailable`. */
  unavailableEnvironments?: string[];
  /** Tiers of the competitive suite. @default the default config's (typed and json) */
  tiers?: DataTier[];
}

/** JSON-tier levels: the typed level × this; targets unsupported on the typed tier get pickle's. */
const JSON_TIER_FACTOR = 0.8;
/** Documented exceptions of the JSON tier (lib/config/documented_exceptions.ts). */
const JSON_TIER_UNSUPPORTED: Record<string, string[]> = {
  edge_cases: ["orjson", "msgpack"],
};

/** How the competitive suite's targets call their libraries (the runner's hello descriptions). */
const ADAPTERS: EnvironmentInfo["adapters"] = {
  datason: {
    typed: "json.dumps(datason.serialize(x)) / datason.deserialize(json.loads(s))",
    json: "json.dumps(datason.serialize(x)) / datason.deserialize(json.loads(s))",
  },
  "datason-str": {
    typed: "datason.dumps_json / datason.loads_json",
    json: "datason.dumps_json / datason.loads_json",
  },
  json: {
    typed: "json.dumps(x, default=encode) / json.loads(s)",
    json: "json.dumps(x) / json.loads(s)",
    docs: "https://docs.python.org/3/library/json.html#json.dump",
  },
  orjson: {
    typed: "orjson.dumps(x, default=encode, option=OPT_SERIALIZE_NUMPY | OPT_NAIVE_UTC | " +
      "OPT_NON_STR_KEYS) / orjson.loads(b)",
    json: "orjson.dumps(x) / orjson.loads(b)",
    docs: "https://github.com/ijl/orjson#serialize",
  },
  pickle: {
    typed: "pickle.dumps(x) / pickle.loads(b)",
    json: "pickle.dumps(x) / pickle.loads(b)",
    docs: "https://docs.python.org/3/library/pickle.html#what-can-be-pickled-and-unpickled",
  },
  noop: { typed: "identity (loop overhead)", json: "identity (loop overhead)" },
};

function environment(
  python: string,
  datason: string,
  orjson: string,
): EnvironmentInfo {
  const versions: Record<string, string> = {
    datason,
    orjson,
    ujson: "6.1.0",
    msgpack: "1.2.4",
    jsonpickle: "4.1.4",
    simplejson: "4.3.0",
    numpy: "2.4.6",
    pandas: "3.1.1",
  };
  return {
    python,
    implementation: "CPython",
    executable: "/opt/hostedtoolcache/Python/bin/python",
    freeze: { ...versions, "python-dateutil": "2.9.0" },
    libraries: Object.fromEntries(
      Object.entries(versions).map(([name, version]) => [name, { version, apis: [] }]),
    ),
    adapters: ADAPTERS,
  };
}

export function syntheticRun(options: SyntheticRunOptions): MeasuredRunRecord {
  const rng = options.rng;
  const suites = options.suites ?? ["competitive", "configurations", "versions"];
  const processes = options.processes ?? 8;
  const values = options.values ?? 5;
  const machine = (options.machineFactor ?? 1) * Math.exp(0.015 * gaussian(rng));
  const datason = options.datason ?? { version: "0.13.0", factor: 1 };
  const orjson = options.orjson ?? { version: "3.13.0", factor: 1 };
  const python = options.python ?? "3.12.11";
  const records = (scenario: string) =>
    options.records === undefined || options.records === null
      ? RECORDS[scenario]
      : Math.min(options.records, RECORDS[scenario]);
  const cells: MeasuredCell[] = [];

  const jsonRng = createRng(1, `json-tier/${options.startedAt}`);
  const okCell = (
    suite: string,
    scenario: string,
    target: string,
    env: string,
    operation: Operation,
    ns: number,
    bytesPerRecord: number | null,
    peak: number,
    fidelity: Fidelity,
    tier: DataTier = "typed",
  ): MeasuredCell => {
    const draw = tier === "typed" ? rng : jsonRng;
    const nsPerRecord = Array.from({ length: processes }, () => {
      const level = ns * machine * Math.exp(0.03 * gaussian(draw));
      return Array.from({ length: values }, () => level * Math.exp(0.01 * gaussian(draw)));
    });
    return {
      suite,
      scenario,
      tier,
      target,
      environment: env,
      operation,
      status: "ok",
      loops: Math.max(1, Math.round(5e7 / ns / records(scenario))),
      nsPerRecord,
      rounds: nsPerRecord.map((_, i) => i),
      outputBytes: bytesPerRecord === null || bytesPerRecord === 0
        ? null
        : Math.round(bytesPerRecord * records(scenario)),
      peakTracedBytes: Math.round(peak * (operation === "deserialize" ? 0.7 : 1)),
      rssDeltaBytes: Math.round(peak * 1.4 / 4096) * 4096,
      fidelity,
      summary: summarizeProcesses(nsPerRecord),
    };
  };
  const failedCell = (
    suite: string,
    scenario: string,
    target: string,
    env: string,
    operation: Operation,
    status: CellStatus,
    message: string,
    tier: DataTier = "typed",
  ): MeasuredCell => ({
    suite,
    scenario,
    tier,
    target,
    environment: env,
    operation,
    status,
    loops: null,
    nsPerRecord: [],
    rounds: [],
    outputBytes: null,
    peakTracedBytes: null,
    rssDeltaBytes: null,
    fidelity: null,
    summary: null,
    error: {
      type: status === "unavailable" ? "ImportError" : "TypeError",
      message: operation === "deserialize" && status === "unsupported"
        ? `serialize (which makes the input) raised: ${message}`
        : message,
    },
  });

  for (const scenario of SCENARIOS) {
    if (suites.includes("competitive")) {
      for (const target of COMPETITIVE_TARGETS) {
        const level = LEVELS[scenario][target];
        for (const [o, operation] of (["serialize", "deserialize"] as const).entries()) {
          if (level === undefined) {
            cells.push(
              failedCell(
                "competitive",
                scenario,
                target,
                "default",
                operation,
                "unsupported",
                UNSUPPORTED_MESSAGES[target],
              ),
            );
            continue;
          }
          let factor = 1;
          if (target.startsWith("datason")) factor = datason.factor;
          if (target === "orjson") factor = orjson.factor;
          const fidelity: Fidelity = target.startsWith("datason")
            ? DATASON_FIDELITY[scenario]
            : ["pickle", "jsonpickle", "noop"].includes(target)
            ? "exact"
            : "lossy";
          cells.push(
            okCell(
              "competitive",
              scenario,
              target,
              "default",
              operation,
              level[o] * factor,
              level[2],
              level[3],
              fidelity,
            ),
          );
        }
      }
    }
    const tiers = options.tiers ?? (defaults.suites.competitive.tiers as DataTier[]);
    if (suites.includes("competitive") && tiers.includes("json")) {
      for (const target of COMPETITIVE_TARGETS) {
        const level = LEVELS[scenario][target] ?? LEVELS[scenario].pickle;
        for (const [o, operation] of (["serialize", "deserialize"] as const).entries()) {
          if (JSON_TIER_UNSUPPORTED[scenario]?.includes(target)) {
            cells.push(
              failedCell(
                "competitive",
                scenario,
                target,
                "default",
                operation,
                "unsupported",
                target === "orjson"
                  ? "record 15: Integer exceeds 64-bit range"
                  : "record 15: Integer value out of range",
                "json",
              ),
            );
            continue;
          }
          let factor = JSON_TIER_FACTOR;
          if (target.startsWith("datason")) factor *= datason.factor;
          if (target === "orjson") factor *= orjson.factor;
          cells.push(
            okCell(
              "competitive",
              scenario,
              target,
              "default",
              operation,
              level[o] * factor,
              level[2],
              level[3],
              target === "datason" ? "lossy" : "exact",
              "json",
            ),
          );
        }
      }
    }
    if (suites.includes("configurations")) {
      const base = LEVELS[scenario].datason;
      for (const [target, c] of Object.entries(CONFIGURATIONS)) {
        const fidelity: Fidelity = c.exact.includes(scenario)
          ? "exact"
          : c.fidelity ?? DATASON_FIDELITY[scenario];
        for (const [o, operation] of (["serialize", "deserialize"] as const).entries()) {
          cells.push(
            okCell(
              "configurations",
              scenario,
              target,
              "default",
              operation,
              base[o] * (o === 0 ? c.ser : c.de) * datason.factor,
              base[2] * c.bytes,
              base[3] * c.mem,
              fidelity,
            ),
          );
        }
      }
    }
    if (suites.includes("versions")) {
      const base = LEVELS[scenario].datason;
      for (const [env, v] of Object.entries(VERSION_ENVIRONMENTS)) {
        for (const [o, operation] of (["serialize", "deserialize"] as const).entries()) {
          if (options.unavailableEnvironments?.includes(env)) {
            cells.push(
              failedCell(
                "versions",
                scenario,
                "datason",
                env,
                operation,
                "unavailable",
                `datason ${v.version} is not installed in environment "${env}"`,
              ),
            );
            continue;
          }
          cells.push(
            okCell(
              "versions",
              scenario,
              "datason",
              env,
              operation,
              base[o] * v.factor,
              base[2] * (v.version.startsWith("2") ? 0.92 : 1),
              base[3] * v.factor,
              v.version === "0.11.2" ? "lossy" : DATASON_FIDELITY[scenario],
            ),
          );
        }
      }
    }
  }

  const environments: Record<string, EnvironmentInfo> = {};
  if (suites.includes("competitive") || suites.includes("configurations")) {
    environments.default = environment(python, datason.version, orjson.version);
  }
  if (suites.includes("versions")) {
    for (const [env, v] of Object.entries(VERSION_ENVIRONMENTS)) {
      environments[env] = environment(python, v.version, orjson.version);
    }
  }
  const startedAt = options.startedAt;
  const scenarioRecords = Object.fromEntries(SCENARIOS.map((s) => [s, options.records ?? null]));
  return buildRunRecord({
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + 47 * 60_000).toISOString(),
    complete: true,
    tool: { name: "datason-bench", version: "0.1.0", deno: "2.9.6" },
    git: { commit: "4f1c2e9a7b3d5f60718293a4b5c6d7e8f9012345", branch: "main", dirty: false },
    machine: {
      os: "linux 6.8.0-1017-azure",
      arch: "x86_64",
      cpuModel: options.cpuModel ?? "AMD EPYC 7763 64-Core Processor",
      logicalCpus: 4,
      memoryBytes: 16_772_579_328,
      hostname: null,
      runnerImage: "ubuntu24 20251117.1",
    },
    environments,
    config: {
      hash: "3e5d9c1f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d",
      profile: options.profile ?? "default",
      suites,
      measure: {
        processes,
        values,
        warmups: 1,
        minValueSeconds: 0.05,
        timeoutSeconds: 600,
        records: scenarioRecords,
      },
    },
    datasets: Object.fromEntries(SCENARIOS.map((s) => [s, {
      seed: 20250101,
      sha256: SHA256[s],
      records: RECORDS[s],
      bytes: DATASET_BYTES[s],
      generatorVersion: "1",
      ...(suites.includes("competitive") &&
          (options.tiers ?? defaults.suites.competitive.tiers).includes("json")
        ? {
          jsonTier: {
            sha256: SHA256[s].split("").reverse().join(""),
            records: RECORDS[s],
            bytes: Math.round(DATASET_BYTES[s] * 0.9),
          },
        }
        : {}),
    }])),
    shard: null,
    schedule: [],
    cells,
  });
}

const SHA256: Record<string, string> = {
  api_fast: "9d609a427abc494e7764a81513cfdf8a3f50e1bdd84f2a8bcaaba4142b834b9e",
  ml_training: "840689c81e87c3aea9a43382bc4d8e037f532e1c7ca427521f6360409556f210",
  secure_storage: "47e1e825daf5ab46a0c444321898fa42fae36f7b006124554183518bfe8f023e",
  large_data: "a9593afefdd99acb12b5ee97907d2bc9bc5621d31cc8c1ac7a78fd339c8347eb",
  edge_cases: "ae383458c95252837830ca36035b2deaaa67941b628f8250c5e9861ce3d21e38",
};

/** Monday 02:00 UTC of week `week` after 2021-11-29 (week 259 is 2026-11-16). */
export function weekStart(week: number): string {
  return new Date(Date.parse("2021-11-29T02:00:00.000Z") + week * 7 * 86_400_000).toISOString();
}

export interface HistoryOptions {
  weeks?: number;
  processes?: number;
  values?: number;
  seed?: number;
}

/** Weekly runs of the three suites over five years (260 weeks by default). */
export function* fiveYearHistory(options: HistoryOptions = {}): Generator<MeasuredRunRecord> {
  const weeks = options.weeks ?? 260;
  const rng = createRng(options.seed ?? 20250101, "report-five-years");
  const datasonAt = (week: number) =>
    week < 60
      ? { version: "0.9.0", factor: 1.3 }
      : week < 120
      ? { version: "0.10.0", factor: 1.2 }
      : week < 180
      ? { version: "0.11.2", factor: 1.1 }
      : week < 220
      ? { version: "0.12.0", factor: 1.1 * 1.25 }
      : week < 253
      ? { version: "0.13.0", factor: 1 }
      : { version: "0.13.1", factor: 1.12 };
  for (let week = 0; week < weeks; week++) {
    const fast = week === 37 || week === 133 || week === 211;
    const python = week < 150 ? "3.11.9" : "3.12.11";
    yield syntheticRun({
      startedAt: weekStart(week),
      rng,
      processes: options.processes,
      values: options.values,
      machineFactor: (fast ? 0.72 : 1) * (week < 150 ? 1.05 : 1),
      datason: datasonAt(week),
      orjson: week < 100 ? { version: "3.9.15", factor: 1.18 } : { version: "3.13.0", factor: 1 },
      python,
      cpuModel: fast ? "Intel Xeon Platinum 8370C" : undefined,
      unavailableEnvironments: week < 240 ? ["datason-2"] : [],
    });
  }
}
