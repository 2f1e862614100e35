/**
 * Calibration of a profile on this machine. Each repetition is one paired run on the profile's
 * schedule: in every process, each chosen target is measured as itself (A), as an identical copy
 * (A′, the A/A pair) and as copies slowed by known fractions (the runner repeats that share of the
 * work), all in a seeded order. A/A comparisons measure the false-alarm rate and the noise; A/B
 * comparisons against the slowed copies measure the detection rate per injected size. Every
 * comparison is the paired within-run comparison the PR gate uses (`compareWithinRun`, axis
 * target), with every row gated.
 */

import { hasOwnKey } from "../_common/own_key.ts";
import { terminalLine } from "../report/control_characters.ts";
import { PRIMARY_MEASURE } from "../regression/measures.ts";
import { ExecutionError, UsageError } from "../_common/errors.ts";
import type { Logger } from "../_common/logger.ts";
import { unknownName } from "../_common/suggest.ts";
import { BUILTIN_TARGETS } from "../_common/targets.ts";
import { type Operation, SCENARIO_NAMES, type ScenarioName } from "../_common/vocabulary.ts";
import type { LoadedConfig, ProcessSummary } from "../config/types.ts";
import { resolveScenarioSettings, settingsKey } from "../bench/measure_settings.ts";
import { targetSpecOf } from "../bench/protocol.ts";
import type { PreparedRun, ResolvedRunOptions } from "../bench/run_benchmark.ts";
import type { ScheduledCell, ScheduleEvent } from "../bench/run_schedule.ts";
import type { RunUnit } from "../bench/run_unit.ts";
import { planSchedule } from "../bench/schedule/plan_schedule.ts";
import { analyzeCalibration } from "../regression/analyze_calibration.ts";
import type { CalibrateOptions, CalibrationReport } from "../regression/calibration_report.ts";
import { compareWithinRun } from "../regression/compare_within_run.ts";
import type { CompareResult } from "../regression/types.ts";
import type { RunRecord } from "../results/run_record.ts";
import { measureForCalibration } from "./measure_for_calibration.ts";

const AA = "~aa";
const CALIBRATE_SUITE = "calibrate";
const injectedLabel = (target: string, f: number) => `${target}~${Math.round(f * 1000) / 10}%`;

/** Checks names against the config. */
export function resolveCalibrateOptions(
  loaded: LoadedConfig,
  input: Partial<CalibrateOptions>,
): CalibrateOptions {
  const config = loaded.config;
  const profile = input.profile ?? "pr";
  if (!hasOwnKey(config.profiles, profile)) {
    const known = Object.keys(config.profiles);
    throw new UsageError(
      unknownName("profile", profile, known),
    );
  }
  const scenario = input.scenario ?? "api_fast";
  if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) {
    throw new UsageError(
      unknownName("scenario", scenario, SCENARIO_NAMES),
    );
  }
  const known = [...BUILTIN_TARGETS, ...config.targets.map((t) => t.id)];
  const targets = input.targets ?? ["json", "orjson"];
  for (const target of targets) {
    if (!known.includes(target)) {
      throw new UsageError(unknownName("target", target, known, { list: false }), {
        hint: `known: ${known.join(", ")}`,
      });
    }
  }
  const environment = input.environment ?? "default";
  if (!hasOwnKey(config.environments, environment)) {
    const names = Object.keys(config.environments);
    throw new UsageError(
      unknownName("environment", environment, names),
    );
  }
  const repeat = input.repeat ?? 10;
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new UsageError(`--repeat must be a positive integer (got ${repeat})`);
  }
  const inject = input.inject ?? [0.05, 0.1, 0.25];
  for (const f of inject) {
    if (!(f > 0 && f <= 5)) {
      throw new UsageError(`--inject takes percentages in (0, 500] (got ${f * 100})`);
    }
  }
  return {
    profile,
    targets: [...new Set(targets)],
    scenario,
    environment,
    repeat,
    inject: [...new Set(inject)].sort((a, b) => a - b),
    view: input.view ?? "json",
    targetMde: input.targetMde ?? config.compare.thresholds.notice,
    dataDir: input.dataDir ?? config.data.dir,
  };
}

export interface CalibrateHooks {
  signal?: AbortSignal;
  onRepetition?: (done: number, total: number, seconds: number) => void;
  onEvent?: (event: ScheduleEvent) => void;
  /** Each repetition's RunRecord, for callers that keep or inspect the raw measurements. */
  onRecord?: (record: RunRecord, repetition: number) => void | Promise<void>;
}

/** Every target must be measurable as itself; else calibrating it means nothing (exit 3). */
function requireEveryTarget(record: RunRecord, targets: readonly string[], scenario: string): void {
  for (const target of targets) {
    if (record.cells.some((c) => c.target === target && c.status === "ok")) continue;
    const failed = record.cells.find((c) => c.target === target && c.status !== "ok");
    throw new ExecutionError(
      `calibrate: ${target} cannot be measured on ${scenario}: ${failed?.status ?? "no value"}` +
        (failed?.error ? ` — ${terminalLine(failed.error.message)}` : ""),
      { hint: "choose another --target or --scenario (or --view json for JSON-only libraries)" },
    );
  }
}

export interface CalibrateContext {
  cwd: string;
  env: (name: string) => string | undefined;
  log: Logger;
}

/**
 * Runs `options.repeat` paired runs, each measured and checked by `measureForCalibration()` (its record
 * kept only through `onRecord`), and judges them with both process summaries.
 */
export async function runCalibration(
  loaded: LoadedConfig,
  options: CalibrateOptions,
  context: CalibrateContext,
  hooks: CalibrateHooks = {},
): Promise<CalibrationReport> {
  const config = loaded.config;
  const scenario = options.scenario as ScenarioName;
  const environment = options.environment;
  const settings = resolveScenarioSettings(config, options.profile, scenario, [], ["time"]);
  // Measured without memory: calibration judges times only.
  const measured = { ...settings, memory: false };
  const customTargets = config.targets.map((t) => ({ ...t, paths: t.paths ?? [] }));
  const operations: Operation[] = ["serialize", "deserialize"];
  const cells: ScheduledCell[] = [];
  for (const target of options.targets) {
    const spec = targetSpecOf(target, customTargets);
    for (const operation of operations) {
      // The typed file, loaded in the view `--view` asks for (the wrapper view is not the JSON tier).
      const base = {
        environment,
        scenario,
        tier: "typed" as const,
        target: spec,
        operation,
        suites: [CALIBRATE_SUITE],
      };
      // Every side runs the runner's scheduled loop (slowdown 0 for A and its copy), so A, A′ and
      // the slowed copies differ only in the injected work.
      cells.push({ ...base, label: target, slowdown: 0 });
      cells.push({ ...base, label: `${target}${AA}`, slowdown: 0 });
      for (const f of options.inject) {
        cells.push({ ...base, label: injectedLabel(target, f), slowdown: f });
      }
    }
  }
  const units: RunUnit[] = cells.map((c) => ({
    suite: CALIBRATE_SUITE,
    environment,
    scenario,
    tier: c.tier,
    target: c.label!,
    operation: c.operation,
  }));
  const runOptions: ResolvedRunOptions = {
    suites: [CALIBRATE_SUITE],
    scenarios: [scenario],
    targets: units.map((u) => u.target),
    tiers: ["typed"],
    operations,
    environments: [environment],
    profile: options.profile,
    dataDir: options.dataDir,
    shard: null,
    units,
    measures: ["time"],
  };
  const summaries: ProcessSummary[] = [config.compare.processSummary];
  summaries.push(summaries[0] === "median" ? "min" : "median");
  const judged = summaries.map(() => ({
    aa: [] as CompareResult[],
    ab: options.inject.map((injected) => ({ injected, results: [] as CompareResult[] })),
  }));
  const started = performance.now();
  for (let repetition = 0; repetition < options.repeat; repetition++) {
    const seed = crypto.getRandomValues(new Uint32Array(1))[0];
    const prepared: PreparedRun = {
      options: runOptions,
      settings: { [settingsKey(environment, scenario)]: measured },
      cells,
      seed,
      plan: planSchedule({
        seed,
        processes: settings.processes,
        environments: [environment],
        scenarios: [scenario],
        cells: () => cells.map((c) => ({ target: c.label!, operation: c.operation })),
      }),
      records: {},
      bytesPerRecord: {},
      datasetsKnown: true,
      datasonVersions: {},
      view: options.view,
      layouts: [],
      countProcesses: 0,
    };
    const record = await measureForCalibration(loaded, prepared, {
      cwd: context.cwd,
      env: context.env,
      log: context.log,
      signal: hooks.signal,
      onEvent: hooks.onEvent,
      keep: (kept) => hooks.onRecord?.(kept, repetition + 1),
      onStored: ({ record }) => requireEveryTarget(record, options.targets, scenario),
    });
    for (const target of options.targets) {
      summaries.forEach((processSummary, k) => {
        // The config's alpha and thresholds, every row gated, never failing.
        const compareOptions = {
          ...config.compare,
          processSummary,
          gate: ["*"],
          failOn: "never" as const,
        };
        judged[k].aa.push(
          compareWithinRun(
            record,
            { axis: "target", a: target, b: `${target}${AA}` },
            compareOptions,
          ),
        );
        options.inject.forEach((f, i) => {
          judged[k].ab[i].results.push(
            compareWithinRun(
              record,
              { axis: "target", a: target, b: injectedLabel(target, f) },
              compareOptions,
            ),
          );
        });
      });
    }
    hooks.onRepetition?.(repetition + 1, options.repeat, (performance.now() - started) / 1000);
  }
  const [analysis, other] = judged.map(({ aa, ab }) =>
    analyzeCalibration({ aa, ab, targetMde: options.targetMde })
  );
  const { aa, ab } = judged[0];
  const perTarget = options.targets.flatMap((target) =>
    operations.map((operation) => {
      const rowsOf = (results: CompareResult[]) =>
        results.flatMap((r) =>
          r.rows.filter((row) =>
            row.metric === PRIMARY_MEASURE.id && row.operation === operation && row.test !== null &&
            row.target.startsWith(`${target}~`)
          )
        );
      const aaRows = rowsOf(aa);
      return {
        target,
        operation,
        aaFlagged: aaRows.filter((r) =>
          r.verdict === "regressed" || r.verdict === "improved"
        ).length,
        aaTrials: aaRows.length,
        detected: Object.fromEntries(ab.map(({ injected, results }) => {
          const rows = rowsOf(results);
          const alpha = results[0]?.options.alpha ?? 0.01;
          return [`${Math.round(injected * 1000) / 10}%`, {
            regressed: rows.filter((r) => r.verdict === "regressed").length,
            significant: rows.filter((r) =>
              (r.pAdjusted ?? r.pValue ?? 1) <= alpha && (r.effect ?? 0) > 0
            ).length,
            trials: rows.length,
          }];
        })),
      };
    })
  );
  return {
    schema: "datason-bench/calibrate@1",
    options,
    settings,
    repetitions: options.repeat,
    seconds: (performance.now() - started) / 1000,
    analysis,
    alternative: { processSummary: summaries[1], analysis: other },
    perTarget,
  };
}
