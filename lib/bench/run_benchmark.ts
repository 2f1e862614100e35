/**
 * `run` as a function: options resolved against the config, datasets checked against their
 * manifest, the suite measured (sequential schedule for now), and a RunRecord assembled. Nothing
 * is printed or written here; the command does that.
 */

import { BUILTIN_TARGETS } from "../config/builtin_targets.ts";
import { SCENARIO_NAMES, type ScenarioName } from "../config/types.ts";
import type { LoadedConfig } from "../config/types.ts";
import { UsageError } from "../cli/errors.ts";
import { didYouMean } from "../cli/suggest.ts";
import { gitInfo } from "../results/git_info.ts";
import { machineFingerprint } from "../results/machine_fingerprint.ts";
import type { DatasetInfo, MeasuredRunRecord, Operation } from "../results/run_record.ts";
import { buildRunRecord } from "./build_run_record.ts";
import { checkDataset, readDatasetManifest } from "./check_dataset.ts";
import { resolveScenarioSettings, type ScenarioMeasureSettings } from "./measure_settings.ts";
import { type TargetSpec, targetSpecOf } from "./protocol.ts";
import { runSuiteSequential, type SuiteHooks, type SuitePlan } from "./run_suite.ts";

export interface RunOptions {
  /** Suite name. @default "competitive" */
  suite?: string;
  /** Scenarios to measure. @default the suite's */
  scenarios?: string[];
  /** Targets to measure (built-in or custom ids). @default the suite's */
  targets?: string[];
  /** Measurement profile. @default config.profile */
  profile?: string;
  /** Folder with the datasets and manifest.json. @default config.data.dir */
  dataDir?: string;
}

export interface ResolvedRunOptions {
  suite: string;
  scenarios: ScenarioName[];
  targets: string[];
  operations: Operation[];
  environments: string[];
  profile: string;
  dataDir: string;
}

export const DEFAULT_SUITE = "competitive";

/** Checks names against the config; unknown names are usage errors with a suggestion. */
export function resolveRunOptions(loaded: LoadedConfig, options: RunOptions): ResolvedRunOptions {
  const config = loaded.config;
  const suiteName = options.suite ?? DEFAULT_SUITE;
  const suite = config.suites[suiteName];
  if (suite === undefined) {
    const known = Object.keys(config.suites);
    throw new UsageError(
      `unknown suite "${suiteName}"${didYouMean(suiteName, known)} (known: ${known.join(", ")})`,
      { hint: 'pass --suite NAME, or declare the suite under "suites" in the config' },
    );
  }
  const profile = options.profile ?? config.profile;
  if (!(profile in config.profiles)) {
    const known = Object.keys(config.profiles);
    throw new UsageError(
      `unknown profile "${profile}"${didYouMean(profile, known)} (known: ${known.join(", ")})`,
    );
  }
  const scenarios = (options.scenarios ?? suite.scenarios).map((name) => {
    if (!(SCENARIO_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(
        `unknown scenario "${name}"${didYouMean(name, SCENARIO_NAMES)} (known: ${
          SCENARIO_NAMES.join(", ")
        })`,
      );
    }
    return name as ScenarioName;
  });
  const knownTargets = [...BUILTIN_TARGETS, ...config.targets.map((t) => t.id)];
  const targets = options.targets ?? suite.targets;
  for (const target of targets) {
    if (!knownTargets.includes(target)) {
      throw new UsageError(
        `unknown target "${target}"${didYouMean(target, knownTargets)}`,
        { hint: `known: ${knownTargets.join(", ")}; declare your own under "targets"` },
      );
    }
  }
  return {
    suite: suiteName,
    scenarios: dedupe(scenarios),
    targets: dedupe(targets),
    operations: dedupe(suite.operations),
    environments: suite.environments,
    profile,
    dataDir: options.dataDir ?? config.data.dir,
  };
}

function dedupe<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Number of (cell, process) measurements the run will make, for progress bars and estimates. */
export function plannedMeasurements(loaded: LoadedConfig, options: ResolvedRunOptions): number {
  const cells = options.targets.length * options.operations.length;
  return options.environments.length * options.scenarios.reduce(
    (sum, scenario) =>
      sum + resolveScenarioSettings(loaded.config, options.profile, scenario).processes * cells,
    0,
  );
}

export interface BenchmarkRun {
  record: MeasuredRunRecord;
  options: ResolvedRunOptions;
  /** Fidelity notes by `scenario/target/environment` (the first difference found). */
  fidelityNotes: Record<string, string>;
  /** Memory failures by cell key, for warnings. */
  memoryErrors: Record<string, string>;
  aborted: boolean;
}

export interface BenchmarkContext {
  cwd: string;
  env: (name: string) => string | undefined;
}

/** Checks the datasets, measures the suite and assembles the RunRecord. */
export async function runBenchmark(
  loaded: LoadedConfig,
  options: ResolvedRunOptions,
  context: BenchmarkContext,
  hooks: SuiteHooks = {},
): Promise<BenchmarkRun> {
  const config = loaded.config;
  const manifest = await readDatasetManifest(options.dataDir);
  const settingsByScenario = new Map<ScenarioName, ScenarioMeasureSettings>();
  const datasets: Record<string, DatasetInfo> = {};
  const scenarios: SuitePlan["scenarios"] = [];
  for (const scenario of options.scenarios) {
    const checked = await checkDataset(options.dataDir, manifest, scenario);
    const settings = resolveScenarioSettings(config, options.profile, scenario);
    settingsByScenario.set(scenario, settings);
    datasets[scenario] = {
      seed: checked.seed,
      sha256: checked.sha256,
      records: checked.records,
      bytes: checked.bytes,
      generatorVersion: checked.generatorVersion,
    };
    scenarios.push({
      dataset: {
        scenario,
        path: checked.path,
        sha256: checked.sha256,
        limit: settings.records,
      },
      settings,
    });
  }
  const targets: TargetSpec[] = options.targets.map((id) =>
    targetSpecOf(id, config.targets.map((t) => ({ ...t, paths: t.paths ?? [] })))
  );
  const plan: SuitePlan = {
    suite: options.suite,
    environments: options.environments.map((name) => ({
      name,
      python: config.environments[name].python,
    })),
    scenarios,
    targets,
    operations: options.operations,
  };

  const fidelityNotes: Record<string, string> = {};
  const memoryErrors: Record<string, string> = {};
  const startedAt = new Date();
  const result = await runSuiteSequential(plan, {
    ...hooks,
    onEvent: (event) => {
      if (event.kind === "cell" && event.outcome.status === "ok" && event.outcome.fidelityNote) {
        const key = `${event.scenario}/${event.outcome.target}/${event.environment}`;
        fidelityNotes[key] ??= event.outcome.fidelityNote;
      }
      if (event.kind === "memory" && event.outcome.status !== "ok") {
        memoryErrors[
          `${event.scenario}/${event.outcome.target}/${event.environment}/${event.outcome.operation}`
        ] = `${event.outcome.status}: ${event.outcome.error.message}`;
      }
      hooks.onEvent?.(event);
    },
  });
  const finishedAt = new Date();

  const profile = config.profiles[options.profile];
  const record = buildRunRecord({
    startedAt,
    finishedAt,
    complete: !result.aborted,
    git: await gitInfo(context.cwd),
    machine: machineFingerprint(context.env),
    config: {
      hash: loaded.hash,
      profile: options.profile,
      suites: [options.suite],
      measure: {
        processes: profile.processes,
        values: profile.values,
        warmups: profile.warmups,
        minValueSeconds: profile.minValueSeconds,
        timeoutSeconds: profile.timeoutSeconds,
        records: Object.fromEntries(
          [...settingsByScenario].map(([scenario, s]) => [scenario, s.records]),
        ),
      },
    },
    datasets,
    environments: result.environments,
    schedule: result.schedule,
    cells: result.cells,
  });
  return { record, options, fidelityNotes, memoryErrors, aborted: result.aborted };
}
