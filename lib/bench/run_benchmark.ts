/**
 * `run` as functions: `resolveRunOptions()` checks suites, scenarios, targets, profile and shard
 * against the config; `prepareRun()` reads the datasets' manifest and plans the interleaved
 * schedule (nothing is started, so `--dry-run` uses it too); `runBenchmark()` checks the datasets,
 * makes the environments ready, measures the schedule with a journal and assembles the RunRecord.
 * Nothing is printed here; the command does that.
 */

import { hasOwnKey, ownValue } from "../_common/own_key.ts";
import { pinnedDatasonVersion } from "./pinned_datason_version.ts";
import { join } from "node:path";
import { BUILTIN_TARGETS } from "../_common/targets.ts";
import {
  DATA_TIERS,
  type DataTier,
  MEASURE_KINDS,
  type MeasureKind,
  SCENARIO_NAMES,
  type ScenarioName,
  tieredScenario,
} from "../_common/vocabulary.ts";
import type { LoadedConfig, Pairing } from "../config/types.ts";
import { checkDuetMachine, duetMachine } from "./check_duet_machine.ts";
import { ExecutionError, InputError, UsageError } from "../_common/errors.ts";
import type { Logger } from "../_common/logger.ts";
import { unknownName } from "../_common/suggest.ts";
import { tryReadManifest } from "../generate/read_manifest.ts";
import { checkDatasets } from "../generate/verify_datasets.ts";
import { gitInfo } from "../results/git_info.ts";
import { machineFingerprint } from "../results/machine_fingerprint.ts";
import { isNotReached } from "../results/not_reached.ts";
import type {
  DatasetInfo,
  IncompleteRun,
  MeasuredCell,
  MeasuredRunRecord,
} from "../results/run_record.ts";
import type { Operation } from "../_common/vocabulary.ts";
import { buildRunRecord } from "../results/build_run_record.ts";
import { profilesDir } from "../results/profile_store.ts";
import { CellAccumulator } from "./cell_accumulator.ts";
import { checkTargetPaths } from "./check_target_paths.ts";
import { toEnvironmentInfo } from "./environments/environment_info.ts";
import { keepAdapters } from "./environment_info.ts";
import { ensureEnvironments } from "./environments/ensure_environments.ts";
import type { EnvironmentDescription } from "./environments/types.ts";
import {
  type DurationEstimate,
  estimateDuration,
  type EstimateInput,
} from "./estimate_duration.ts";
import { type JournalContents, type JournalHeader, JournalWriter } from "./journal.ts";
import {
  countsTarget,
  resolveScenarioSettings,
  type ScenarioMeasureSettings,
  settingsKey,
} from "./measure_settings.ts";
import type { RunUnit } from "./run_unit.ts";
import { type TargetSpec, targetSpecOf } from "./protocol.ts";
import {
  cellLabel,
  runSchedule,
  type ScheduledCell,
  type ScheduleEvent,
  type ScheduleInput,
  ScheduleState,
  slotKey,
} from "./run_schedule.ts";
import { type PlannedProcess, planSchedule } from "./schedule/plan_schedule.ts";
import { findValgrind } from "./valgrind/find_valgrind.ts";
import { markerFor } from "./valgrind/callgrind_launcher.ts";
import { CACHE_GEOMETRY, CYCLE_FORMULA } from "./valgrind/estimated_cycles.ts";
import { drawLayouts, type Layout } from "./valgrind/layouts.ts";

export const DEFAULT_SUITE = "competitive";

export interface RunOptions {
  /** Suite names. @default ["competitive"] */
  suites?: string[];
  /** Scenarios to measure (replaces each suite's list). @default the suites' */
  scenarios?: string[];
  /** Targets to measure (replaces each suite's list). @default the suites' */
  targets?: string[];
  /** Data tiers to measure (only those each suite declares). @default the suites' */
  tiers?: string[];
  /** Measurement profile. @default config.profile */
  profile?: string;
  /** Folder with the datasets and manifest.json. @default config.data.dir */
  dataDir?: string;
  /** `i/n`: only the i-th of n deterministic scenario shards. @default all scenarios */
  shard?: string;
  /** What to measure instead of the profile's `measures` (`--measures time,instructions`). */
  measures?: string[];
  /** Seed of the schedule and the layouts. @default random */
  seed?: number;
}

export type { RunUnit } from "./run_unit.ts";

export interface ResolvedRunOptions {
  suites: string[];
  /** Scenarios of this run (after sharding), in the canonical order. */
  scenarios: ScenarioName[];
  targets: string[];
  /** Tiers of this run's units, in the canonical order. */
  tiers: DataTier[];
  operations: Operation[];
  environments: string[];
  profile: string;
  dataDir: string;
  shard: { index: number; count: number } | null;
  units: RunUnit[];
  /** What to measure, when given instead of the profile's `measures`; null = the profile's. */
  measures: MeasureKind[] | null;
  /** How two sides are timed against each other, instead of the profile's (`--pairing`). */
  pairing?: Pairing;
}

function dedupe<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Parses `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (got "${text}")`, {
      hint: "e.g. --shard 2/5 runs the second of five scenario shards",
    });
  }
  return { index, count };
}

/** Scenario j (in the canonical order) belongs to shard (j mod n) + 1. */
export function shardScenarios(
  scenarios: readonly ScenarioName[],
  shard: { index: number; count: number },
): ScenarioName[] {
  const ordered = SCENARIO_NAMES.filter((name) => scenarios.includes(name));
  return ordered.filter((_, j) => j % shard.count === shard.index - 1);
}

/** Checks names against the config; unknown names are usage errors with a suggestion. */
export function resolveRunOptions(loaded: LoadedConfig, options: RunOptions): ResolvedRunOptions {
  const config = loaded.config;
  const suiteNames = dedupe(options.suites ?? [DEFAULT_SUITE]);
  const knownSuites = Object.keys(config.suites);
  for (const name of suiteNames) {
    if (!hasOwnKey(config.suites, name)) {
      throw new UsageError(
        unknownName("suite", name, knownSuites),
        { hint: 'pass --suite NAME, or declare the suite under "suites" in the config' },
      );
    }
  }
  const profile = options.profile ?? config.profile;
  if (!hasOwnKey(config.profiles, profile)) {
    const known = Object.keys(config.profiles);
    throw new UsageError(
      unknownName("profile", profile, known),
    );
  }
  for (const name of options.scenarios ?? []) {
    if (!(SCENARIO_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(
        unknownName("scenario", name, SCENARIO_NAMES),
      );
    }
  }
  const knownTargets = [...BUILTIN_TARGETS, ...config.targets.map((t) => t.id)];
  for (const target of options.targets ?? []) {
    if (!knownTargets.includes(target)) {
      throw new UsageError(
        unknownName("target", target, knownTargets, { list: false }),
        { hint: `known: ${knownTargets.join(", ")}; declare your own under "targets"` },
      );
    }
  }
  for (const tier of options.tiers ?? []) {
    if (!(DATA_TIERS as readonly string[]).includes(tier)) {
      throw new UsageError(unknownName("tier", tier, DATA_TIERS));
    }
  }
  const tierFilter = options.tiers === undefined ? null : dedupe(options.tiers);
  const suiteTiers = (name: string): DataTier[] =>
    config.suites[name].tiers.filter((t) => tierFilter === null || tierFilter.includes(t));
  if (tierFilter !== null && suiteNames.every((name) => suiteTiers(name).length === 0)) {
    throw new UsageError(
      `no suite of this run measures the ${tierFilter.join(", ")} tier (${
        suiteNames.map((name) => `${name}: ${config.suites[name].tiers.join(", ")}`).join("; ")
      })`,
      { hint: 'pick a tier the suites declare, or add it to the suite\'s "tiers" in the config' },
    );
  }
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  for (const measure of options.measures ?? []) {
    if (!(MEASURE_KINDS as readonly string[]).includes(measure)) {
      throw new UsageError(unknownName("measure", measure, MEASURE_KINDS), {
        hint: "e.g. --measures time, or --measures time,instructions",
      });
    }
  }
  const allScenarios = SCENARIO_NAMES.filter((name) =>
    suiteNames.some((s) => (options.scenarios ?? config.suites[s].scenarios).includes(name))
  );
  const scenarios = shard === null ? allScenarios : shardScenarios(allScenarios, shard);
  if (scenarios.length === 0) {
    throw new UsageError(
      shard === null
        ? "no scenario to measure"
        : `shard ${shard.index}/${shard.count} has no scenario (${allScenarios.length} scenario(s) for ${shard.count} shards)`,
      { hint: "use at most as many shards as scenarios" },
    );
  }
  const units: RunUnit[] = [];
  for (const suiteName of suiteNames) {
    const suite = config.suites[suiteName];
    const suiteScenarios = (options.scenarios ?? suite.scenarios).filter((s) =>
      scenarios.includes(s as ScenarioName)
    ) as ScenarioName[];
    for (const environment of suite.environments) {
      for (const scenario of suiteScenarios) {
        for (const tier of suiteTiers(suiteName)) {
          for (const target of dedupe(options.targets ?? suite.targets)) {
            for (const operation of dedupe(suite.operations)) {
              units.push({ suite: suiteName, environment, scenario, tier, target, operation });
            }
          }
        }
      }
    }
  }
  return {
    suites: suiteNames,
    scenarios,
    targets: dedupe(units.map((u) => u.target)),
    tiers: DATA_TIERS.filter((tier) => units.some((u) => u.tier === tier)),
    operations: dedupe(units.map((u) => u.operation)),
    environments: dedupe(units.map((u) => u.environment)),
    profile,
    dataDir: options.dataDir ?? config.data.dir,
    shard,
    units,
    measures: options.measures === undefined ? null : dedupe(options.measures as MeasureKind[]),
  };
}

/**
 * The measurement units: one per (environment, scenario, tier, target, operation), with its
 * suites.
 */
export function scheduledCells(loaded: LoadedConfig, options: ResolvedRunOptions): ScheduledCell[] {
  const customTargets = loaded.config.targets.map((t) => ({ ...t, paths: t.paths ?? [] }));
  const specs = new Map<string, TargetSpec>();
  const byKey = new Map<string, ScheduledCell>();
  for (const unit of options.units) {
    const key = `${unit.environment}\u0000${unit.scenario}\u0000${unit.tier}\u0000${unit.target}` +
      `\u0000${unit.operation}`;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.suites.includes(unit.suite)) existing.suites.push(unit.suite);
      continue;
    }
    if (!specs.has(unit.target)) specs.set(unit.target, targetSpecOf(unit.target, customTargets));
    byKey.set(key, {
      environment: unit.environment,
      scenario: unit.scenario,
      tier: unit.tier,
      target: specs.get(unit.target)!,
      operation: unit.operation,
      suites: [unit.suite],
    });
  }
  return [...byKey.values()];
}

export interface PreparedRun {
  options: ResolvedRunOptions;
  /** Settings per `settingsKey(environment, scenario)`. */
  settings: Record<string, ScenarioMeasureSettings>;
  cells: ScheduledCell[];
  seed: number;
  plan: PlannedProcess[];
  /**
   * Records each (environment, scenario)'s processes load (both tiers: the same records); mean
   * bytes per record per scenario, `scenario@json` for the JSON-tier file.
   */
  records: Record<string, number>;
  bytesPerRecord: Record<string, number>;
  /** True when the manifest was read (else counts come from the config). */
  datasetsKnown: boolean;
  /** Environment → the DataSON release its requirements pin, for the duration estimate. */
  datasonVersions: Record<string, string>;
  /** How the runner loads typed values (`calibrate --view`). @default "native" */
  view?: "native" | "json";
  /** The layouts instructions are counted in (drawn from `seed`); empty when none are counted. */
  layouts: Layout[];
  /** Valgrind processes the instruction phase will start (one per environment, scenario, layout). */
  countProcesses: number;
  /**
   * How the two sides of an A/B run are timed against each other (`Profile.pairing`); `process`
   * unless the run has exactly two environments and the `scenario` process scope.
   */
  pairing?: Pairing;
}

/** Plans the run without starting anything. `seed` fixes the schedule (a resumed run's). */
export async function prepareRun(
  loaded: LoadedConfig,
  options: ResolvedRunOptions,
  seed: number = crypto.getRandomValues(new Uint32Array(1))[0],
): Promise<PreparedRun> {
  const settings: Record<string, ScenarioMeasureSettings> = {};
  for (const environment of options.environments) {
    const suites = [
      ...new Set(options.units.filter((u) => u.environment === environment).map((u) => u.suite)),
    ];
    for (const scenario of options.scenarios) {
      if (!options.units.some((u) => u.environment === environment && u.scenario === scenario)) {
        continue;
      }
      settings[settingsKey(environment, scenario)] = resolveScenarioSettings(
        loaded.config,
        options.profile,
        scenario,
        suites,
        options.measures ?? undefined,
      );
    }
  }
  // A cell neither timed nor counted (an instructions-only run, its target not counted) is left out.
  const cells = scheduledCells(loaded, options).filter((c) => {
    const s = settings[settingsKey(c.environment, c.scenario)];
    return s === undefined || s.time || countsTarget(s, c.target.id);
  });
  const profile = ownValue(loaded.config.profiles, options.profile);
  const processScope = profile?.processScope ?? "scenario";
  const pairing = options.pairing ?? profile?.pairing ?? "process";
  if (pairing !== "process" && processScope !== "scenario") {
    throw new UsageError(
      `profile "${options.profile}": pairing "${pairing}" needs processScope "scenario" ` +
        `(both sides of a pair are one scenario's processes)`,
      {
        hint: `set profiles.${options.profile}.processScope to "scenario", or pairing to "process"`,
      },
    );
  }
  const plan = planSchedule({
    seed,
    processes: (scenario, environment) => {
      const s = settings[settingsKey(environment, scenario)];
      return s?.time ? s.processes : 0;
    },
    environments: options.environments,
    scenarios: options.scenarios,
    tiers: (scenario) =>
      DATA_TIERS.filter((tier) => cells.some((c) => c.scenario === scenario && c.tier === tier)),
    cells: (scenario, environment, tier) =>
      cells
        .filter((c) => c.scenario === scenario && c.environment === environment && c.tier === tier)
        .map((c) => ({ target: c.target.id, operation: c.operation })),
    processScope,
  });
  const manifest = await tryReadManifest(options.dataDir).catch(() => null);
  const records: Record<string, number> = {};
  const bytesPerRecord: Record<string, number> = {};
  for (const scenario of options.scenarios) {
    const entry = manifest === null ? undefined : ownValue(manifest.files, scenario);
    const available = entry?.records ?? loaded.config.scenarios[scenario].count;
    for (const [key, s] of Object.entries(settings)) {
      if (!key.endsWith(`/${scenario}`)) continue;
      records[key] = s.records === null ? available : Math.min(s.records, available);
    }
    const range = entry?.sizeRange;
    bytesPerRecord[scenario] = entry && entry.records > 0
      ? entry.bytes / entry.records
      : range
      ? Math.sqrt(range[0] * range[1])
      : 10_000;
    const jsonTier = entry?.jsonTier;
    bytesPerRecord[tieredScenario(scenario, "json")] = jsonTier && jsonTier.records > 0
      ? jsonTier.bytes / jsonTier.records
      : bytesPerRecord[scenario];
  }
  const datasonVersions: Record<string, string> = {};
  for (const environment of options.environments) {
    const requirements = ownValue(loaded.config.environments, environment)?.requirements ?? [];
    const version = pinnedDatasonVersion(requirements);
    if (version !== null) datasonVersions[environment] = version;
  }
  const counted = Object.values(settings).filter((s) => s.instructions !== null);
  const layoutCount = Math.max(0, ...counted.map((s) => s.instructions!.layouts));
  // One Valgrind process per (environment, scenario, tier) and layout.
  const layoutsPerSlot = new Map<string, number>();
  for (const c of cells) {
    const s = settings[settingsKey(c.environment, c.scenario)];
    if (!countsTarget(s, c.target.id)) continue;
    layoutsPerSlot.set(slotKey(c.environment, c.scenario, c.tier), s.instructions!.layouts);
  }
  const countProcesses = [...layoutsPerSlot.values()].reduce((a, b) => a + b, 0);
  return {
    options,
    settings,
    cells,
    seed,
    plan,
    records,
    bytesPerRecord,
    datasetsKnown: manifest !== null,
    datasonVersions,
    layouts: drawLayouts(
      ownValue(loaded.config.profiles, options.profile)?.instructions?.layoutSeed ?? seed,
      layoutCount,
    ),
    countProcesses,
    pairing: options.environments.length === 2 ? pairing : "process",
  };
}

/** The duration estimate of a prepared run, with stored runs (newest first) as timing history. */
export function estimateRun(
  prepared: PreparedRun,
  history: readonly MeasuredRunRecord[],
): DurationEstimate {
  return estimateDuration(estimateInputOf(prepared, history));
}

/** What the duration estimate of a prepared run is computed from. */
export function estimateInputOf(
  prepared: PreparedRun,
  history: readonly MeasuredRunRecord[],
): EstimateInput {
  return {
    plan: prepared.plan,
    settings: prepared.settings,
    records: prepared.records,
    bytesPerRecord: prepared.bytesPerRecord,
    history,
    datasonVersions: prepared.datasonVersions,
    pairing: prepared.pairing,
    countedCells: prepared.cells
      .filter((c) =>
        countsTarget(prepared.settings[settingsKey(c.environment, c.scenario)], c.target.id)
      )
      .map((c) => `${c.environment}/${c.scenario}/${c.tier}/${cellLabel(c)}/${c.operation}`),
  };
}

export interface BenchmarkRun {
  /** Null when the run was interrupted before it could be written (resume from the journal). */
  record: MeasuredRunRecord | null;
  options: ResolvedRunOptions;
  journalPath: string;
  fidelityNotes: Record<string, string>;
  memoryErrors: Record<string, string>;
  aborted: boolean;
  stopped: boolean;
  /** Planned processes and how many finished. */
  processesPlanned: number;
  processesDone: number;
  /** The config file the run started with (null: the embedded defaults), for resume hints. */
  configPath: string | null;
  /** Incomplete records of earlier attempts of this run (resumed): `record` replaces them. */
  superseded: { runId: string; path: string }[];
  /**
   * What was measured where: the environments (interpreters), each scenario's dataset and settings
   * and the cells — for passes after the run (the PR gate's Python-level pass).
   */
  measured: Pick<ScheduleInput, "environments" | "scenarios" | "cells">;
}

export interface BenchmarkContext {
  cwd: string;
  env: (name: string) => string | undefined;
  /** Receives the environments' one-line reports (reused, built, failed). */
  log: Logger;
  /** Results folder; the journal is written there while the run measures. */
  outDir: string;
  /**
   * Keep each counted cell's compact instruction profile in `<outDir>/profiles` (the record
   * references them by hash).
   * @default true
   */
  keepProfiles?: boolean;
}

export interface BenchmarkHooks {
  signal?: AbortSignal;
  /** Stop cleanly after the cell in progress once this instant (ms since epoch) has passed. */
  deadline?: number;
  onEvent?: (event: ScheduleEvent) => void;
  onStderr?: (text: string) => void;
  /** A journal to continue instead of starting afresh (`--resume`). */
  resume?: { path: string; contents: JournalContents };
  now?: () => Date;
}

/**
 * Checks a journal's header against the config about to continue it: an `InputError` naming the
 * config the run started with when another one is loaded. Call it before planning the resumed run.
 */
export function checkResumable(header: JournalHeader, loaded: LoadedConfig, path: string): void {
  if (header.configHash !== loaded.hash) {
    const started = header.configPath === undefined
      ? null
      : header.configPath ?? "(the embedded defaults)";
    const now = loaded.path ?? "(the embedded defaults)";
    const otherFile = started !== null && started !== now;
    throw new InputError(
      `cannot resume "${path}": ${
        otherFile
          ? `the run started with the config ${started}, and this one reads ${now}`
          : "the config changed since the run started"
      } (config hash ${header.configHash.slice(0, 12)} in the journal, ${
        loaded.hash.slice(0, 12)
      } now)`,
      {
        hint: otherFile && header.configPath
          ? `pass --config ${header.configPath} (or restore that file), or start a new run`
          : "restore the config the run started with, or start a new run",
      },
    );
  }
}

/** Rebuilds the run's options from a journal header. */
export function optionsFromJournal(header: JournalHeader): ResolvedRunOptions {
  // Journals written before the JSON tier measured typed records only.
  const units = header.units.map((u) => ({ ...u, tier: u.tier ?? "typed" }));
  return {
    suites: header.suites,
    scenarios: header.scenarios as ScenarioName[],
    targets: dedupe(units.map((u) => u.target)),
    tiers: DATA_TIERS.filter((tier) => units.some((u) => u.tier === tier)),
    operations: dedupe(units.map((u) => u.operation)),
    environments: header.environments,
    profile: header.profile,
    dataDir: header.dataDir,
    shard: header.shard,
    units,
    measures: header.measures ?? null,
    ...(header.pairing === undefined ? {} : { pairing: header.pairing }),
  };
}

/** Checks the datasets, makes the environments ready, measures and assembles the RunRecord. */
export async function runBenchmark(
  loaded: LoadedConfig,
  prepared: PreparedRun,
  context: BenchmarkContext,
  hooks: BenchmarkHooks = {},
): Promise<BenchmarkRun> {
  const config = loaded.config;
  const { options, settings } = prepared;
  const now = hooks.now ?? (() => new Date());
  // Missing files, a size or SHA-256 that differs from manifest.json: InputError naming generate.
  const jsonTier = options.scenarios.filter((scenario) =>
    prepared.cells.some((c) => c.scenario === scenario && c.tier === "json")
  );
  const manifest = await checkDatasets(options.dataDir, options.scenarios, { jsonTier });
  await checkTargetPaths(loaded, options.targets);
  // Valgrind before anything is measured: missing is exit 3 with the install command.
  const valgrind = prepared.countProcesses > 0 ? await findValgrind(context.env) : null;
  const datasets: Record<string, DatasetInfo> = {};
  const scenarios: ScheduleInput["scenarios"] = {};
  for (const scenario of options.scenarios) {
    const entry = manifest.files[scenario];
    const projected = jsonTier.includes(scenario) ? entry.jsonTier : undefined;
    datasets[scenario] = {
      seed: entry.seed,
      sha256: entry.sha256,
      records: entry.records,
      bytes: entry.bytes,
      generatorVersion: entry.generatorVersion,
      ...(projected === undefined ? {} : {
        jsonTier: { sha256: projected.sha256, records: projected.records, bytes: projected.bytes },
      }),
    };
  }
  for (const [key, s] of Object.entries(settings)) {
    const environment = key.slice(0, key.lastIndexOf("/"));
    const scenario = key.slice(key.lastIndexOf("/") + 1);
    const entry = manifest.files[scenario];
    for (const tier of DATA_TIERS) {
      if (!prepared.cells.some((c) => c.scenario === scenario && c.tier === tier)) continue;
      const file = tier === "json" ? entry.jsonTier! : entry;
      scenarios[slotKey(environment, scenario, tier)] = {
        dataset: {
          scenario,
          path: join(options.dataDir, file.file),
          // The runner hashes the file again as it reads it and refuses another content.
          sha256: file.sha256,
          limit: s.records,
          ...(prepared.view === undefined ? {} : { view: prepared.view }),
        },
        settings: s,
      };
    }
  }
  if (hooks.resume) {
    checkResumable(hooks.resume.contents.header, loaded, hooks.resume.path);
    for (const [scenario, info] of Object.entries(hooks.resume.contents.header.datasets)) {
      const now = datasets[scenario];
      if (
        now && (now.sha256 !== info.sha256 ||
          (info.jsonTier !== undefined && now.jsonTier?.sha256 !== info.jsonTier.sha256))
      ) {
        throw new InputError(
          `cannot resume "${hooks.resume.path}": dataset ${scenario} changed since the run started`,
          { hint: "regenerate it with the journal's seed, or start a new run" },
        );
      }
    }
  }

  // Environments: reused while their requirements hash matches, built when missing or stale; one
  // that cannot be built is reported once and its cells are kept as errors.
  const outcomes = await ensureEnvironments(config, options.environments, context.log, {
    signal: hooks.signal,
  });
  const ready = new Map<string, EnvironmentDescription>();
  const failedCells: MeasuredCell[] = [];
  for (const outcome of outcomes) {
    if (outcome.status !== "failed") {
      ready.set(outcome.name, outcome.environment);
      continue;
    }
    for (const unit of options.units.filter((u) => u.environment === outcome.name)) {
      const cell = new CellAccumulator(unit);
      cell.addOutcome(0, {
        key: cell.key,
        target: unit.target,
        operation: unit.operation,
        process: 0,
        status: "error",
        error: { type: "EnvironmentSetupError", message: outcome.error.message },
        outputBytes: null,
        fidelity: null,
        fidelityNote: null,
      });
      failedCells.push(cell.toCell());
    }
  }
  if (ready.size === 0) {
    const first = outcomes.find((o) => o.status === "failed");
    throw new ExecutionError(
      first?.status === "failed"
        ? first.error.message
        : `no environment to measure in (suites ${options.suites.join(", ")})`,
      {
        hint: `${
          first?.status === "failed" && first.error.hint ? `${first.error.hint}; then ` : ""
        }run \`datason-bench setup\` to build the environments`,
      },
    );
  }

  const pairing = prepared.pairing ?? "process";
  if (pairing === "duet") {
    checkDuetMachine(await duetMachine(), `profile "${options.profile}"`);
  }
  const input: ScheduleInput = {
    pairing,
    environments: options.environments.filter((name) => ready.has(name)).map((name) => ({
      name,
      python: ready.get(name)!.python,
    })),
    scenarios,
    cells: prepared.cells.filter((c) => ready.has(c.environment)),
    plan: prepared.plan.filter((p) => ready.has(p.environment)),
    instructions: valgrind === null ? null : {
      valgrind: valgrind.path,
      marker: markerFor(),
      layouts: prepared.layouts,
      profilesDir: context.keepProfiles === false ? null : profilesDir(context.outDir),
    },
  };
  const state = new ScheduleState(input);
  let journal: JournalWriter;
  let startedAt: Date;
  if (hooks.resume) {
    state.replay(hooks.resume.contents.entries);
    journal = await JournalWriter.reopen(hooks.resume.path);
    startedAt = new Date(hooks.resume.contents.header.startedAt);
  } else {
    startedAt = now();
    await Deno.mkdir(context.outDir, { recursive: true });
    journal = await JournalWriter.createIn(context.outDir, {
      type: "header",
      schema: "datason-bench/journal@1",
      startedAt: startedAt.toISOString(),
      configHash: loaded.hash,
      configPath: loaded.path,
      profile: options.profile,
      suites: options.suites,
      scenarios: options.scenarios,
      environments: options.environments,
      units: options.units,
      dataDir: options.dataDir,
      outDir: context.outDir,
      shard: options.shard,
      measures: options.measures,
      pairing,
      seed: prepared.seed,
      settings,
      datasets,
      plan: prepared.plan,
    });
  }

  let result;
  try {
    result = await runSchedule(input, {
      signal: hooks.signal,
      shouldStop: hooks.deadline === undefined
        ? undefined
        : () => now().getTime() >= hooks.deadline!,
      onEvent: hooks.onEvent,
      onStderr: hooks.onStderr,
      journal,
    }, state);
  } finally {
    journal.close();
  }
  const base = {
    options,
    journalPath: journal.path,
    fidelityNotes: result.fidelityNotes,
    memoryErrors: result.memoryErrors,
    aborted: result.aborted,
    stopped: result.stopped,
    processesPlanned: input.plan.length + prepared.countProcesses,
    processesDone: result.schedule.length,
    configPath: hooks.resume?.contents.header.configPath ?? loaded.path,
    superseded: (hooks.resume?.contents.entries ?? []).flatMap((entry) =>
      entry.type === "record" ? [{ runId: entry.runId, path: entry.path }] : []
    ),
    measured: { environments: input.environments, scenarios: input.scenarios, cells: input.cells },
  };
  if (result.aborted) return { ...base, record: null };
  const cells = [...result.cells, ...failedCells].sort(compareCells);

  const profile = config.profiles[options.profile];
  const record = buildRunRecord({
    startedAt,
    finishedAt: now(),
    complete: result.complete,
    git: await gitInfo(context.cwd),
    machine: machineFingerprint(context.env),
    config: {
      hash: loaded.hash,
      profile: options.profile,
      suites: options.suites,
      measure: {
        processes: profile.processes,
        values: profile.values,
        warmups: profile.warmups,
        minValueSeconds: profile.minValueSeconds,
        timeoutSeconds: profile.timeoutSeconds,
        records: Object.fromEntries(
          options.scenarios.map((scenario) => [
            scenario,
            resolveScenarioSettings(config, options.profile, scenario).records,
          ]),
        ),
        scenarios: Object.fromEntries(Object.entries(settings).map(([key, s]) => [key, { ...s }])),
      },
    },
    datasets,
    environments: Object.fromEntries(
      Object.entries(result.environments)
        .filter(([name]) => ready.has(name))
        .map(([name, info]) => [
          name,
          toEnvironmentInfo(
            ready.get(name)!,
            info.libraries,
            keepAdapters(
              info.adapters,
              dedupe(options.units.filter((u) => u.environment === name).map((u) => u.target)),
            ),
            info.libc,
          ),
        ]),
    ),
    shard: options.shard,
    schedule: result.schedule,
    cells,
    ...(valgrind === null ? {} : {
      instrumentation: {
        tool: "callgrind" as const,
        valgrind: valgrind.version,
        marker: markerFor(),
        cache: {
          I1: [...CACHE_GEOMETRY.I1],
          D1: [...CACHE_GEOMETRY.D1],
          LL: [...CACHE_GEOMETRY.LL],
        },
        cycleFormula: CYCLE_FORMULA,
        layouts: prepared.layouts.map((l) => ({ ...l })),
      },
    }),
    incomplete: result.complete ? undefined : incompleteRun(base, cells),
    supersedes: base.superseded.map((s) => s.runId),
  });
  return { ...base, record };
}

/** What a run that stopped at its time limit says about itself. */
function incompleteRun(
  run: { processesDone: number; processesPlanned: number },
  cells: readonly MeasuredCell[],
): IncompleteRun {
  const notReached = cells.filter(isNotReached).length;
  return {
    reason: "time-limit",
    processesDone: run.processesDone,
    processesPlanned: run.processesPlanned,
    cellsNotReached: notReached,
    note:
      `incomplete run: it stopped at its time limit (--max-minutes) after ${run.processesDone} ` +
      `of ${run.processesPlanned} process(es); ${notReached} of ${cells.length} cell(s) were not ` +
      "reached (skipped) and measured cells may have fewer processes than planned; " +
      "`datason-bench run --resume` with its journal finishes it",
  };
}

function compareCells(a: MeasuredCell, b: MeasuredCell): number {
  return a.suite.localeCompare(b.suite) ||
    SCENARIO_NAMES.indexOf(a.scenario as ScenarioName) -
      SCENARIO_NAMES.indexOf(b.scenario as ScenarioName) ||
    DATA_TIERS.indexOf(a.tier) - DATA_TIERS.indexOf(b.tier) ||
    a.environment.localeCompare(b.environment) ||
    a.target.localeCompare(b.target) ||
    a.operation.localeCompare(b.operation);
}

/** Planned (cell, process) measurements, for progress bars. */
export function plannedMeasurements(prepared: PreparedRun): number {
  return prepared.plan.reduce((sum, p) => sum + p.cells.length, 0);
}
