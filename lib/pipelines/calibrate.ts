/**
 * Calibration of the A/B comparison `pr` makes, on this machine, for each way of pairing its two
 * sides. Both sides run the way `pr` runs them: separate runner processes in two environments
 * (`base` and `head`, built like the gate's) with the same DataSON, on DataSON's gated targets and
 * its records. Every target is measured under labels: `<target>~aa` (nothing injected: an A/A
 * pair) and `<target>~<p>%`, where the head side's runner stretches every value by that share,
 * busy (runner.py's `stretch`; the base side runs the same code with 0). A repetition runs
 * one paired run per pairing, in a fresh random order, so the pairings see the same machine; each
 * run is judged as `pr` judges (`compareWithinRun`, environment axis, every row gated, Holm over
 * the run's rows) with both process summaries. A/A rows flagged at notice or above are false
 * alarms; an injected row found significantly slower is a detection.
 */

import { hasOwnKey } from "../_common/own_key.ts";
import { createRng } from "../_common/prng.ts";
import { terminalLine } from "../report/control_characters.ts";
import { ExecutionError, UsageError } from "../_common/errors.ts";
import type { Logger } from "../_common/logger.ts";
import { unknownName } from "../_common/suggest.ts";
import { BUILTIN_TARGETS } from "../_common/targets.ts";
import { type Operation, SCENARIO_NAMES, type ScenarioName } from "../_common/vocabulary.ts";
import type { LoadedConfig, Pairing, ProcessSummary } from "../config/types.ts";
import {
  resolveScenarioSettings,
  type ScenarioMeasureSettings,
  settingsKey,
} from "../bench/measure_settings.ts";
import { targetSpecOf } from "../bench/protocol.ts";
import type { PreparedRun, ResolvedRunOptions } from "../bench/run_benchmark.ts";
import type { ScheduledCell, ScheduleEvent } from "../bench/run_schedule.ts";
import type { RunUnit } from "../bench/run_unit.ts";
import { planSchedule } from "../bench/schedule/plan_schedule.ts";
import { checkDuetMachine, duetMachine } from "../bench/check_duet_machine.ts";
import { analyzeCalibration } from "../regression/analyze_calibration.ts";
import type {
  CalibrateOptions,
  CalibrationReport,
  PairingCalibration,
} from "../regression/calibration_report.ts";
import { compareWithinRun } from "../regression/compare_within_run.ts";
import { matchesGate } from "../regression/matches_gate.ts";
import { PRIMARY_MEASURE } from "../regression/measures.ts";
import type { CompareResult, CompareRow } from "../regression/types.ts";
import type { RunRecord } from "../results/run_record.ts";
import { median } from "../stats/median.ts";
import { measureForCalibration } from "./measure_for_calibration.ts";
import { BASE_ENVIRONMENT, HEAD_ENVIRONMENT, PR_SUITE, prGateConfig } from "./pr_gate.ts";
import { type BurstGenerator, startBursts } from "./burst_generator.ts";

const AA = "~aa";
export const PAIRING_ORDER: readonly Pairing[] = ["process", "lockstep", "duet"];
const injectedLabel = (target: string, f: number) => `${target}~${Math.round(f * 1000) / 10}%`;

/** Checks names against the config; defaults from the `pr` section. */
export function resolveCalibrateOptions(
  loaded: LoadedConfig,
  input: Partial<CalibrateOptions>,
): CalibrateOptions {
  const config = loaded.config;
  const profile = input.profile ?? config.pr.profile;
  if (!hasOwnKey(config.profiles, profile)) {
    throw new UsageError(unknownName("profile", profile, Object.keys(config.profiles)));
  }
  const scenarios = input.scenarios ?? ["api_fast", "secure_storage"];
  for (const scenario of scenarios) {
    if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) {
      throw new UsageError(unknownName("scenario", scenario, SCENARIO_NAMES));
    }
  }
  const known = [...BUILTIN_TARGETS, ...config.targets.map((t) => t.id)];
  const targets = input.targets ??
    config.pr.targets.filter((t) => matchesGate(t, config.compare.gate));
  for (const target of targets) {
    if (!known.includes(target)) {
      throw new UsageError(unknownName("target", target, known, { list: false }), {
        hint: `known: ${known.join(", ")}`,
      });
    }
  }
  const repeat = input.repeat ?? 10;
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new UsageError(`--repeat must be a positive integer (got ${repeat})`);
  }
  const inject = input.inject ?? [0.02, 0.05, 0.1];
  for (const f of inject) {
    if (!(f > 0 && f <= 5)) {
      throw new UsageError(`--inject takes percentages in (0, 500] (got ${f * 100})`);
    }
  }
  const records = input.records ?? null;
  if (records !== null && !(Number.isInteger(records) && records >= 1)) {
    throw new UsageError(`--records must be a positive integer (got ${records})`);
  }
  const template = config.environments.default;
  const datason = input.datason ??
    template?.requirements.find((r) => /^datason\b/i.test(r.trim())) ?? null;
  const pairings = input.pairings ?? [...PAIRING_ORDER];
  return {
    profile,
    targets: [...new Set(targets)],
    scenarios: [...new Set(scenarios)],
    repeat,
    inject: [...new Set(inject)].sort((a, b) => a - b),
    pairings: PAIRING_ORDER.filter((p) => pairings.includes(p)),
    datason,
    records,
    bursts: input.bursts ?? false,
    view: input.view ?? "native",
    targetMde: input.targetMde ?? config.compare.thresholds.notice,
    dataDir: input.dataDir ?? config.data.dir,
  };
}

export interface CalibrateHooks {
  signal?: AbortSignal;
  onRepetition?: (done: number, total: number, seconds: number) => void;
  /** After each paired run: its pairing and seconds. */
  onRun?: (pairing: Pairing, repetition: number, seconds: number) => void;
  onEvent?: (event: ScheduleEvent) => void;
  /** Each paired run's RunRecord, for callers that keep or inspect the raw measurements. */
  onRecord?: (record: RunRecord, repetition: number, pairing: Pairing) => void | Promise<void>;
}

export interface CalibrateContext {
  cwd: string;
  env: (name: string) => string | undefined;
  log: Logger;
}

/** Every target must be measurable as itself; else calibrating it means nothing (exit 3). */
function requireEveryTarget(record: RunRecord, targets: readonly string[]): void {
  for (const target of targets) {
    const cells = record.cells.filter((c) => c.target.startsWith(`${target}~`));
    if (cells.some((c) => c.status === "ok")) continue;
    const failed = cells.find((c) => c.status !== "ok");
    throw new ExecutionError(
      `calibrate: ${target} cannot be measured: ${failed?.status ?? "no value"}` +
        (failed?.error ? ` — ${terminalLine(failed.error.message)}` : ""),
      { hint: "choose another --target or --scenario" },
    );
  }
}

/** The run's cells: each target, operation and label on both sides; head slowed by the label. */
function calibrationCells(
  loaded: LoadedConfig,
  options: CalibrateOptions,
): ScheduledCell[] {
  const customTargets = loaded.config.targets.map((t) => ({ ...t, paths: t.paths ?? [] }));
  const operations: Operation[] = ["serialize", "deserialize"];
  const cells: ScheduledCell[] = [];
  for (const scenario of options.scenarios) {
    for (const target of options.targets) {
      const spec = targetSpecOf(target, customTargets);
      for (const operation of operations) {
        for (const environment of [BASE_ENVIRONMENT, HEAD_ENVIRONMENT]) {
          const base = {
            environment,
            scenario: scenario as ScenarioName,
            tier: "typed" as const,
            target: spec,
            operation,
            suites: [PR_SUITE],
          };
          const head = environment === HEAD_ENVIRONMENT;
          // Both sides run the runner's stretching loop (0 on base and for A/A), so they differ
          // only in the injected wait.
          cells.push({ ...base, label: `${target}${AA}`, stretch: 0 });
          for (const f of options.inject) {
            cells.push({ ...base, label: injectedLabel(target, f), stretch: head ? f : 0 });
          }
        }
      }
    }
  }
  return cells;
}

/**
 * Runs `options.repeat` repetitions of one paired run per pairing (measured and checked by
 * `measureForCalibration()`, records kept only through `onRecord`) and judges them.
 */
export async function runCalibration(
  loaded: LoadedConfig,
  options: CalibrateOptions,
  context: CalibrateContext,
  hooks: CalibrateHooks = {},
): Promise<CalibrationReport> {
  if (options.pairings.includes("duet")) {
    checkDuetMachine(await duetMachine(), "calibrate --pairing duet");
  }
  const gate = prGateConfig(loaded, options.datason, options.datason, {
    targets: options.targets,
    scenarios: options.scenarios,
  });
  const config = gate.config;
  const environments = [BASE_ENVIRONMENT, HEAD_ENVIRONMENT];
  const settings: Record<string, ScenarioMeasureSettings> = {};
  for (const environment of environments) {
    for (const scenario of options.scenarios) {
      const resolved = resolveScenarioSettings(
        config,
        options.profile,
        scenario as ScenarioName,
        [PR_SUITE],
        ["time"],
      );
      // Times only: calibration judges the time measure.
      settings[settingsKey(environment, scenario)] = {
        ...resolved,
        memory: false,
        ...(options.records === null ? {} : { records: options.records }),
      };
    }
  }
  const cells = calibrationCells(gate, options);
  const units: RunUnit[] = cells.map((c) => ({
    suite: PR_SUITE,
    environment: c.environment,
    scenario: c.scenario as ScenarioName,
    tier: c.tier,
    target: c.label!,
    operation: c.operation,
  }));
  const runOptions: ResolvedRunOptions = {
    suites: [PR_SUITE],
    scenarios: options.scenarios as ScenarioName[],
    targets: [...new Set(units.map((u) => u.target))],
    tiers: ["typed"],
    operations: ["serialize", "deserialize"],
    environments,
    profile: options.profile,
    dataDir: options.dataDir,
    shard: null,
    units,
    measures: ["time"],
  };
  const summaries: ProcessSummary[] = [config.compare.processSummary];
  summaries.push(summaries[0] === "median" ? "min" : "median");
  const results = new Map<Pairing, CompareResult[][]>(
    options.pairings.map((p) => [p, summaries.map(() => [])]),
  );
  const seconds = new Map<Pairing, number[]>(options.pairings.map((p) => [p, []]));
  const started = performance.now();
  let bursts: BurstGenerator | null = null;
  if (options.bursts) {
    bursts = await startBursts(config.environments.default?.python ?? "python3");
    context.log.info(`calibrate: ${bursts.description}`);
  }
  try {
    for (let repetition = 0; repetition < options.repeat; repetition++) {
      const seed = crypto.getRandomValues(new Uint32Array(1))[0];
      const order = createRng(seed, "calibrate/pairings").shuffle([...options.pairings]);
      for (const pairing of order) {
        const runSeed = crypto.getRandomValues(new Uint32Array(1))[0];
        const prepared: PreparedRun = {
          options: { ...runOptions, pairing },
          settings,
          cells,
          seed: runSeed,
          plan: planSchedule({
            seed: runSeed,
            processes: (scenario, environment) =>
              settings[settingsKey(environment, scenario)].processes,
            environments,
            scenarios: options.scenarios,
            cells: (scenario, environment) =>
              cells.filter((c) => c.scenario === scenario && c.environment === environment)
                .map((c) => ({ target: c.label!, operation: c.operation })),
          }),
          records: {},
          bytesPerRecord: {},
          datasetsKnown: true,
          datasonVersions: {},
          view: options.view,
          layouts: [],
          countProcesses: 0,
          pairing,
        };
        const runStarted = performance.now();
        const record = await measureForCalibration(gate, prepared, {
          cwd: context.cwd,
          env: context.env,
          log: context.log,
          signal: hooks.signal,
          onEvent: hooks.onEvent,
          keep: (kept) => hooks.onRecord?.(kept, repetition + 1, pairing),
          onStored: ({ record }) => requireEveryTarget(record, options.targets),
        });
        const runSeconds = (performance.now() - runStarted) / 1000;
        seconds.get(pairing)!.push(runSeconds);
        hooks.onRun?.(pairing, repetition + 1, runSeconds);
        summaries.forEach((processSummary, k) => {
          results.get(pairing)![k].push(
            compareWithinRun(record, {
              axis: "environment",
              a: BASE_ENVIRONMENT,
              b: HEAD_ENVIRONMENT,
            }, {
              ...config.compare,
              processSummary,
              gate: ["*"],
              failOn: "never" as const,
            }),
          );
        });
      }
      hooks.onRepetition?.(repetition + 1, options.repeat, (performance.now() - started) / 1000);
    }
  } finally {
    await bursts?.stop();
  }
  const judged: PairingCalibration[] = [];
  summaries.forEach((processSummary, k) => {
    for (const pairing of options.pairings) {
      judged.push(judge(pairing, processSummary, results.get(pairing)![k], options));
    }
  });
  return {
    schema: "datason-bench/calibrate@2",
    options,
    settings: Object.fromEntries(
      options.scenarios.map((s) => [s, settings[settingsKey(BASE_ENVIRONMENT, s)]]),
    ),
    repetitions: options.repeat,
    seconds: (performance.now() - started) / 1000,
    bursts: bursts?.description ?? null,
    secondsPerRun: Object.fromEntries(
      [...seconds].filter(([, s]) => s.length > 0).map(([p, s]) => [p, median(s)]),
    ),
    pairings: judged,
  };
}

/** A comparison with only the time rows of one label (A/A or one injected size). */
function rowsOf(result: CompareResult, label: (target: string) => string): CompareResult {
  const wanted = (row: CompareRow) =>
    row.metric === PRIMARY_MEASURE.id && row.target.endsWith(label(""));
  return { ...result, rows: result.rows.filter(wanted) };
}

function judge(
  pairing: Pairing,
  processSummary: ProcessSummary,
  results: CompareResult[],
  options: CalibrateOptions,
): PairingCalibration {
  const aa = results.map((r) => rowsOf(r, () => AA));
  const ab = options.inject.map((injected) => ({
    injected,
    results: results.map((r) => rowsOf(r, (t) => injectedLabel(t, injected))),
  }));
  const analysis = analyzeCalibration({ aa, ab, targetMde: options.targetMde });
  const perCell = options.scenarios.flatMap((scenario) =>
    options.targets.flatMap((target) =>
      (["serialize", "deserialize"] as const).map((operation) => {
        const pick = (rs: CompareResult[], label: string) =>
          rs.flatMap((r) =>
            r.rows.filter((row) =>
              row.scenario === scenario && row.operation === operation && row.test !== null &&
              row.target === label
            )
          );
        const aaRows = pick(aa, `${target}${AA}`);
        return {
          scenario,
          target,
          operation,
          aaFlagged: aaRows.filter((r) => r.verdict === "regressed" || r.verdict === "improved")
            .length,
          aaTrials: aaRows.length,
          detected: Object.fromEntries(ab.map(({ injected, results }) => {
            const rows = pick(results, injectedLabel(target, injected));
            const alpha = results[0]?.options.alpha ?? 0.01;
            return [`${Math.round(injected * 1000) / 10}%`, {
              significant: rows.filter((r) =>
                (r.pAdjusted ?? r.pValue ?? 1) <= alpha && (r.effect ?? 0) > 0
              ).length,
              trials: rows.length,
            }];
          })),
        };
      })
    )
  );
  return { pairing, processSummary, analysis, perCell };
}
