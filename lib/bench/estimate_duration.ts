/**
 * How long a run will take, before it starts. Each runner process costs a start (Python, imports)
 * and each planned slot loading its dataset, plus, per cell, (warm-ups + values) values of `loops`
 * passes, plus the calibration and the round trip in the cell's first process; in the rounds that
 * take memory, an untraced pass and `MEMORY_TRACED_PASSES` traced ones per cell.
 * The time of one pass comes from the newest stored run that measured the same cell (any
 * profile: ns per record does not depend on it), else from a rough guess per byte of data. When an
 * environment pins DataSON (`datason==V`), only timings measured with DataSON V count for it (any
 * environment name), so a PR base on an older release is not timed like the current one; otherwise
 * the same environment name, then any environment.
 */

import { type DataTier, tieredScenario } from "../_common/vocabulary.ts";
import { ownValue } from "../_common/own_key.ts";
import { isNotReached } from "../results/not_reached.ts";
import type { MeasuredRunRecord, Pairing } from "../results/run_record.ts";
import { type ScenarioMeasureSettings, settingsKey } from "./measure_settings.ts";
import type { PlannedProcess } from "./schedule/plan_schedule.ts";
import { MEMORY_TRACED_PASSES } from "./measure_scenario.ts";
import { DEFAULT_MEMORY_PROCESSES } from "./measure_settings.ts";

/** A planned process, or a stored run's schedule entry (whose tier older records leave out). */
type PlannedWork = Omit<PlannedProcess, "tier"> & { tier?: DataTier };

/** Python start-up with pandas and numpy imported, on a small machine. */
export const PROCESS_START_SECONDS = 1.2;
/** Reading and hydrating the dataset, per byte of JSON. */
export const LOAD_NS_PER_BYTE = 40;
/** Guess for a cell with no history: a middle-of-the-road serializer (competitors: median 10). */
export const GUESS_NS_PER_BYTE = 15;
/**
 * Guess for a DataSON target with no history: its type detection walks every value in Python
 * (measured in a weekly run, 2-core machine: median 190 ns per byte of record, 290 at the 75th
 * percentile, over 158 DataSON cells; 0.3–20× slower in older releases).
 */
export const GUESS_DATASON_NS_PER_BYTE = 200;

/** The per-byte guess for a cell (`target/operation`) that no stored run has timed. */
export function guessNsPerByte(cell: string): number {
  const target = cell.slice(0, cell.indexOf("/"));
  return target === "datason" || target.startsWith("datason-")
    ? GUESS_DATASON_NS_PER_BYTE
    : GUESS_NS_PER_BYTE;
}
/** A cell that fails (unsupported, unavailable) costs about one short request, once. */
export const FAILED_CELL_SECONDS = 0.1;
/** tracemalloc slows allocation-heavy code down several times. */
export const MEMORY_SLOWDOWN = 4;
/**
 * Warm-ups and values one cell runs per process: all of them, or within `maxCellSeconds` as many
 * values as fit (at least one) and warm-ups where room is left (as runner.py does).
 */
export function budgetedRuns(
  settings: Pick<ScenarioMeasureSettings, "warmups" | "values" | "maxCellSeconds">,
  valueSeconds: number,
): number {
  if (settings.maxCellSeconds === undefined) return settings.warmups + settings.values;
  const runs = Math.max(1, Math.floor(settings.maxCellSeconds / Math.max(valueSeconds, 1e-9)));
  if (settings.warmups === 0 || runs <= 1) return Math.min(settings.values, runs);
  const values = Math.max(1, Math.min(settings.values, runs - 1));
  return 1 + values + Math.max(0, Math.min(settings.warmups - 1, runs - 1 - values));
}
/**
 * A Valgrind process before its first count: Python and the imports (DataSON imports pandas and
 * numpy, ~8 G instructions) run uninstrumented but under Valgrind, then the region self-check.
 * Measured on a 2-core machine, two such processes side by side: 5–6 s when nothing else runs (a
 * weekly's 20 Valgrind processes of 2–4 small cells took 5.6–8.7 s each, 133 s in all), 12–26 s
 * under load.
 */
export const COUNT_PROCESS_START_SECONDS = 6;
/** Simulated instructions per second of callgrind with its cache simulation, on a small machine. */
export const COUNTED_INSTRUCTIONS_PER_SECOND = 22e6;
/**
 * Per cell: switching instrumentation on and off discards translated code, which is translated
 * again, and the `gc.collect()` before the region runs under Valgrind (~0.6 s per small cell since
 * the imports are frozen out of the collector; 1.5–2 s before).
 */
export const COUNT_CELL_OVERHEAD_SECONDS = 0.6;
/** Uncounted warm-up passes run without instrumentation: about this much faster than counted ones. */
export const UNCOUNTED_SPEEDUP = 10;
/** Without a stored count: instructions per nanosecond of native time, for interpreted code. */
export const INSTRUCTIONS_PER_NS = 4;

export interface EstimateInput {
  plan: readonly PlannedWork[];
  /** Settings per `settingsKey(environment, scenario)`. */
  settings: Record<string, ScenarioMeasureSettings>;
  /** Records each (environment, scenario)'s processes load, by `settingsKey`. */
  records: Record<string, number>;
  /** Mean bytes of a record's JSON per scenario (`scenario@json`: of its JSON-tier file). */
  bytesPerRecord: Record<string, number>;
  /** Stored runs, newest first, to take per-cell timings from. */
  history: readonly MeasuredRunRecord[];
  /** Environment → the DataSON version its requirements pin (absent: not pinned or unknown). */
  datasonVersions?: Record<string, string>;
  /** Cells counted under Valgrind, as `environment/scenario/tier/target/operation`. */
  countedCells?: readonly string[];
  /**
   * Timings this run has measured already (its first round), before any stored run's: ns per
   * record by `environment/scenario[@json]/target/operation`, or `failing`.
   */
  measured?: ReadonlyMap<string, number | "failing">;
  /** Leave out the stored run's actual ÷ formula factor (an estimate from this run's own timings). */
  uncalibrated?: boolean;
  /**
   * How an A/B run's sides are timed (`PreparedRun.pairing`): with `lockstep` or `duet` the two
   * sides of a slot start together (one start), and with `duet` their values overlap (one side's).
   */
  pairing?: Pairing;
}

export interface DurationEstimate {
  seconds: number;
  processes: number;
  /** Cell-process pairs planned. */
  measurements: number;
  /** Share of the cells whose timing came from a stored run. */
  fromHistory: number;
  /** The newest run the timings came from, if any. */
  historyRunId: string | null;
  /** Actual ÷ formula of the newest complete stored run, applied to the formula's result. */
  calibration: { runId: string; factor: number } | null;
  /** Of `seconds`, the instruction counts under Valgrind (their processes run side by side). */
  countSeconds: number;
  /** Of `seconds`, the timing processes of the first round (calibration included). */
  firstRoundSeconds: number;
}

export function estimateDuration(input: EstimateInput): DurationEstimate {
  const timings: Timings = new Map();
  // Cells that failed before fail fast again, and only in their first process.
  const failing: Timings = new Map();
  let historyRunId: string | null = null;
  for (const record of input.history) {
    for (const cell of record.cells) {
      // A cell the run never reached (it stopped early) says nothing about its duration.
      if (isNotReached(cell)) continue;
      const version = ownValue(record.environments, cell.environment)?.freeze?.datason;
      const scenario = tieredScenario(cell.scenario, cell.tier);
      const keys = [
        `${cell.environment}/${scenario}/${cell.target}/${cell.operation}`,
        `*/${scenario}/${cell.target}/${cell.operation}`,
        ...(version ? [`@${version}/${scenario}/${cell.target}/${cell.operation}`] : []),
      ];
      if (
        cell.status === "unsupported" || cell.status === "unavailable" || cell.status === "skipped"
      ) {
        for (const key of keys) if (!failing.has(key)) failing.set(key, 0);
        historyRunId ??= record.runId;
      }
      if (cell.summary === null) continue;
      for (const key of keys) {
        if (!timings.has(key)) {
          timings.set(key, cell.summary.median);
          historyRunId ??= record.runId;
        }
      }
    }
  }
  const versions = input.datasonVersions ?? {};
  const stored = lookupIn(timings, failing, versions);
  const measured = input.measured;
  const lookup: Lookup = measured === undefined ? stored : (environment, scenario, cell) => {
    const known = measured.get(`${environment}/${scenario}/${cell}`);
    if (known === undefined) return stored(environment, scenario, cell);
    return known === "failing" ? "failing" : { nsPerRecord: known };
  };
  const raw = rawEstimate(input, lookup);
  // The formula misses what a machine adds (start-up, imports, the OS): when the newest stored run
  // has its process times and settings, scale by how far the formula was off for that run.
  const calibration = input.uncalibrated === true
    ? null
    : calibrationFactor(input.history, timings, failing);
  const countSeconds = countPhaseSeconds(input, countsIn(input.history), lookup);
  const firstRound = rawEstimate(
    { ...input, plan: input.plan.filter((p) => p.round === 0) },
    lookup,
  );
  return {
    countSeconds,
    firstRoundSeconds: firstRound.seconds * (calibration?.factor ?? 1),
    seconds: raw.seconds * (calibration?.factor ?? 1) + countSeconds,
    processes: input.plan.length,
    measurements: raw.measurements,
    fromHistory: raw.measurements === 0 ? 0 : raw.fromHistory / raw.measurements,
    historyRunId,
    calibration,
  };
}

/** What history says about one cell: its ns per record, that it fails fast, or nothing. */
type Lookup = (
  environment: string,
  scenario: string,
  cell: string,
) => { nsPerRecord: number } | "failing" | null;

function lookupIn(
  timings: Timings,
  failing: Timings,
  versions: Record<string, string>,
): Lookup {
  return (environment, scenario, cell) => {
    const version = versions[environment];
    const keys = version !== undefined
      ? [`@${version}/${scenario}/${cell}`]
      : [`${environment}/${scenario}/${cell}`, `*/${scenario}/${cell}`];
    for (const key of keys) {
      const known = timings.get(key);
      if (known !== undefined) return { nsPerRecord: known };
    }
    return keys.some((key) => failing.has(key)) ? "failing" : null;
  };
}

type Timings = Map<string, number>;

function rawEstimate(
  input: Pick<
    EstimateInput,
    "plan" | "settings" | "records" | "bytesPerRecord" | "measured" | "pairing"
  >,
  lookup: Lookup,
): { seconds: number; measurements: number; fromHistory: number } {
  let seconds = 0;
  let measurements = 0;
  let fromHistory = 0;
  const seen = new Set<string>();
  const groups = new Set<string>();
  const pairs = new Set<string>();
  const paired = input.pairing === "lockstep" || input.pairing === "duet";
  for (const process of input.plan) {
    const key = settingsKey(process.environment, process.scenario);
    const settings = input.settings[key];
    if (settings === undefined) continue;
    // Both tiers load the same records; the JSON tier's file has its own size.
    const scenario = tieredScenario(process.scenario, process.tier);
    const slot = settingsKey(process.environment, scenario);
    const records = input.records[key] ?? 0;
    const perRecord = input.bytesPerRecord[scenario] ?? input.bytesPerRecord[process.scenario] ?? 0;
    const bytes = records * perRecord;
    // Slots of one group share their process's start; each loads its own dataset.
    const group = process.group === undefined ? null : `${process.round}/${process.group}`;
    // The second side of a lockstep or duet pair starts beside the first.
    const pair = `${process.round}/${process.scenario}/${process.tier}`;
    const partner = paired && group === null && pairs.has(pair);
    pairs.add(pair);
    if ((group === null || !groups.has(group)) && !partner) seconds += PROCESS_START_SECONDS;
    if (group !== null) groups.add(group);
    // A duet's values run beside the other side's: only one side's count.
    const timing = partner && input.pairing === "duet" ? 0 : 1;
    seconds += (bytes * LOAD_NS_PER_BYTE) / 1e9;
    const memory = settings.memory !== false &&
      process.round < (settings.memoryProcesses ?? DEFAULT_MEMORY_PROCESSES);
    for (const cell of process.cells) {
      measurements++;
      const known = lookup(process.environment, scenario, cell);
      if (known === "failing") {
        fromHistory++;
        const unit = `${slot}/${cell}`;
        if (!seen.has(unit)) seconds += FAILED_CELL_SECONDS;
        seen.add(unit);
        continue;
      }
      if (known !== null) fromHistory++;
      const nsPerRecord = known?.nsPerRecord ?? perRecord * guessNsPerByte(cell);
      const passSeconds = Math.max((nsPerRecord * records) / 1e9, 1e-6);
      const loops = Math.max(1, Math.ceil(settings.minValueSeconds / passSeconds));
      const valueSeconds = loops * passSeconds;
      seconds += timing * budgetedRuns(settings, valueSeconds) * valueSeconds;
      if (memory) {
        const traced = settings.maxCellSeconds === undefined ? MEMORY_TRACED_PASSES : Math.max(
          1,
          Math.min(
            MEMORY_TRACED_PASSES,
            Math.floor(settings.maxCellSeconds / (MEMORY_SLOWDOWN * passSeconds)),
          ),
        );
        seconds += (1 + traced * MEMORY_SLOWDOWN) * passSeconds;
      }
      const unit = `${slot}/${cell}`;
      if (!seen.has(unit)) {
        seen.add(unit);
        // Calibration and the round trip, in the cell's first process (not again once measured).
        if (!input.measured?.has(`${process.environment}/${scenario}/${cell}`)) {
          seconds += valueSeconds + 2 * passSeconds;
        }
      }
    }
  }
  return { seconds, measurements, fromHistory };
}

/** Actual ÷ formula for the newest stored run that kept its settings per process (clamped). */
function calibrationFactor(
  history: readonly MeasuredRunRecord[],
  timings: Timings,
  failing: Timings,
): DurationEstimate["calibration"] {
  const record = history.find((r) =>
    r.complete && r.config.measure.scenarios !== undefined && r.schedule.length > 0
  );
  if (record === undefined) return null;
  const settings = Object.fromEntries(
    Object.entries(record.config.measure.scenarios!).map((
      [key, s],
    ) => [key, { ...s, memory: s.memory ?? true }]),
  ) as Record<string, ScenarioMeasureSettings>;
  const records: Record<string, number> = {};
  const bytesPerRecord: Record<string, number> = {};
  for (const [key, s] of Object.entries(settings)) {
    const scenario = key.slice(key.lastIndexOf("/") + 1);
    const dataset = ownValue(record.datasets, scenario);
    if (dataset === undefined) continue;
    records[key] = s.records === null ? dataset.records : Math.min(s.records, dataset.records);
    bytesPerRecord[scenario] = dataset.records > 0 ? dataset.bytes / dataset.records : 0;
    const json = dataset.jsonTier;
    if (json !== undefined && json.records > 0) {
      bytesPerRecord[tieredScenario(scenario, "json")] = json.bytes / json.records;
    }
  }
  const versions: Record<string, string> = {};
  for (const [name, info] of Object.entries(record.environments)) {
    if (info?.freeze?.datason) versions[name] = info.freeze.datason;
  }
  const timed = record.schedule.filter((e) => e.kind !== "instructions");
  const formula = rawEstimate(
    {
      plan: timed.length > 0 ? timed : record.schedule,
      settings,
      records,
      bytesPerRecord,
      pairing: record.cells.find((c) => c.pairing !== undefined)?.pairing,
    },
    lookupIn(timings, failing, versions),
  ).seconds;
  // The timing processes' own seconds where the record has them (the instruction phase is
  // estimated apart), else the run's whole duration.
  const actual = timed.length > 0 && timed.every((e) => e.seconds !== undefined)
    ? timed.reduce((sum, e) => sum + e.seconds!, 0)
    : (Date.parse(record.finishedAt) - Date.parse(record.startedAt)) / 1000;
  if (!(formula > 0) || !(actual > 0)) return null;
  const factor = Math.min(3, Math.max(0.5, actual / formula));
  return { runId: record.runId, factor };
}

/** Newest stored instructions per record per `environment/scenario/target/operation` and `*\/…`. */
function countsIn(history: readonly MeasuredRunRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of history) {
    for (const cell of record.cells) {
      const values = cell.instructionsPerRecord ?? [];
      if (values.length === 0) continue;
      const perRecord = [...values].sort((a, b) => a - b)[values.length >> 1];
      for (
        const key of [
          `${cell.environment}/${
            tieredScenario(cell.scenario, cell.tier)
          }/${cell.target}/${cell.operation}`,
          `*/${tieredScenario(cell.scenario, cell.tier)}/${cell.target}/${cell.operation}`,
        ]
      ) if (!counts.has(key)) counts.set(key, perRecord);
    }
  }
  return counts;
}

/**
 * The instruction phase: per (environment, scenario, tier, layout) one Valgrind process — its
 * start, and per cell (warm-ups + passes) × records × instructions per record at callgrind's
 * throughput — with `concurrency` processes side by side.
 */
function countPhaseSeconds(
  input: EstimateInput,
  counts: Map<string, number>,
  lookup: Lookup,
): number {
  let total = 0;
  let concurrency = 1;
  const cellsByKey = new Map<string, string[]>();
  // One process per (environment, scenario, tier): the tiers share their scenario's settings.
  for (const cell of input.countedCells ?? []) {
    const [environment, scenario, tier, ...rest] = cell.split("/");
    const slot = `${settingsKey(environment, scenario)}/${tier}`;
    cellsByKey.set(slot, [...(cellsByKey.get(slot) ?? []), rest.join("/")]);
  }
  for (const [slot, cells] of cellsByKey) {
    const key = slot.slice(0, slot.lastIndexOf("/"));
    const settings = input.settings[key]?.instructions;
    if (!settings) continue;
    concurrency = Math.max(concurrency, settings.concurrency);
    const environment = key.slice(0, key.lastIndexOf("/"));
    const scenario = tieredScenario(
      key.slice(key.lastIndexOf("/") + 1),
      slot.slice(slot.lastIndexOf("/") + 1) as DataTier,
    );
    const available = input.records[key] ?? 0;
    const records = settings.records === null ? available : Math.min(settings.records, available);
    let process = COUNT_PROCESS_START_SECONDS;
    for (const cell of cells) {
      const known = lookup(environment, scenario, cell);
      if (known === "failing") {
        process += FAILED_CELL_SECONDS;
        continue;
      }
      const perRecord = counts.get(`${environment}/${scenario}/${cell}`) ??
        counts.get(`*/${scenario}/${cell}`) ??
        INSTRUCTIONS_PER_NS * (known?.nsPerRecord ??
            (input.bytesPerRecord[scenario] ?? 0) * guessNsPerByte(cell));
      process += COUNT_CELL_OVERHEAD_SECONDS +
        ((settings.warmups / UNCOUNTED_SPEEDUP + settings.passes) * records * perRecord) /
          COUNTED_INSTRUCTIONS_PER_SECOND;
    }
    total += settings.layouts * process;
  }
  return total / concurrency;
}
