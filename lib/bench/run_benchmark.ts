/**
 * `run` as a function: options resolved against the config, datasets checked against their
 * manifest, the suite measured (sequential schedule for now), and a RunRecord assembled. Nothing
 * is printed or written here; the command does that.
 */

import { BUILTIN_TARGETS } from "../config/builtin_targets.ts";
import { SCENARIO_NAMES, type ScenarioName } from "../config/types.ts";
import type { LoadedConfig } from "../config/types.ts";
import { ExecutionError, UsageError } from "../cli/errors.ts";
import type { Logger } from "../cli/logger.ts";
import { didYouMean } from "../cli/suggest.ts";
import { gitInfo } from "../results/git_info.ts";
import { machineFingerprint } from "../results/machine_fingerprint.ts";
import type {
  DatasetInfo,
  MeasuredCell,
  MeasuredRunRecord,
  Operation,
} from "../results/run_record.ts";
import { buildRunRecord } from "./build_run_record.ts";
import { CellAccumulator } from "./cell_accumulator.ts";
import { ensureEnvironments, toEnvironmentInfo } from "./environments/mod.ts";
import type { EnvironmentDescription } from "./environments/types.ts";
import { join } from "node:path";
import { checkDatasets } from "../generate/verify_datasets.ts";
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
  /** Receives the environments' one-line reports (reused, built, failed). */
  log: Logger;
}

/** Checks the datasets, measures the suite and assembles the RunRecord. */
export async function runBenchmark(
  loaded: LoadedConfig,
  options: ResolvedRunOptions,
  context: BenchmarkContext,
  hooks: SuiteHooks = {},
): Promise<BenchmarkRun> {
  const config = loaded.config;
  // Missing files, a size or SHA-256 that differs from manifest.json: InputError naming generate.
  const manifest = await checkDatasets(options.dataDir, options.scenarios);
  const settingsByScenario = new Map<ScenarioName, ScenarioMeasureSettings>();
  const datasets: Record<string, DatasetInfo> = {};
  const scenarios: SuitePlan["scenarios"] = [];
  for (const scenario of options.scenarios) {
    const entry = manifest.files[scenario];
    const settings = resolveScenarioSettings(config, options.profile, scenario);
    settingsByScenario.set(scenario, settings);
    datasets[scenario] = {
      seed: entry.seed,
      sha256: entry.sha256,
      records: entry.records,
      bytes: entry.bytes,
      generatorVersion: entry.generatorVersion,
    };
    scenarios.push({
      dataset: {
        scenario,
        path: join(options.dataDir, entry.file),
        // The runner hashes the file again as it reads it and refuses another content.
        sha256: entry.sha256,
        limit: settings.records,
      },
      settings,
    });
  }
  const targets: TargetSpec[] = options.targets.map((id) =>
    targetSpecOf(id, config.targets.map((t) => ({ ...t, paths: t.paths ?? [] })))
  );
  // Environments: reused while their requirements hash matches, built when missing or stale; one
  // that cannot be built is reported and its cells are kept as errors.
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
    for (const scenario of options.scenarios) {
      for (const target of options.targets) {
        for (const operation of options.operations) {
          const cell = new CellAccumulator({
            suite: options.suite,
            scenario,
            target,
            environment: outcome.name,
            operation,
          });
          cell.addOutcome(0, {
            key: cell.key,
            target,
            operation,
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
    }
  }
  if (ready.size === 0) {
    const first = outcomes.find((o) => o.status === "failed");
    throw new ExecutionError(
      first?.status === "failed"
        ? first.error.message
        : `no environment to measure in (suite "${options.suite}")`,
      {
        hint: `${
          first?.status === "failed" && first.error.hint ? `${first.error.hint}; then ` : ""
        }run \`datason-bench setup\` to build the environments`,
      },
    );
  }
  const plan: SuitePlan = {
    suite: options.suite,
    environments: options.environments.filter((name) => ready.has(name)).map((name) => ({
      name,
      python: ready.get(name)!.python,
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
    environments: Object.fromEntries(
      Object.entries(result.environments).map(([name, info]) => [
        name,
        toEnvironmentInfo(ready.get(name)!, info.libraries),
      ]),
    ),
    schedule: result.schedule,
    cells: [...result.cells, ...failedCells],
  });
  return { record, options, fidelityNotes, memoryErrors, aborted: result.aborted };
}
