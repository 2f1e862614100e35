/**
 * Calibration of a profile on this machine. Each repetition is one paired run on the profile's
 * schedule: in every process, each chosen target is measured as itself (A), as an identical copy
 * (A′, the A/A pair) and as copies slowed by known fractions (the runner repeats that share of the
 * work), all in a seeded order. A/A comparisons measure the false-alarm rate and the noise; A/B
 * comparisons against the slowed copies measure the detection rate per injected size. Every
 * comparison is the paired within-run comparison the PR gate uses (`compareWithinRun`, axis
 * target), with every row gated.
 */

import { join } from "node:path";
import type { LoadedConfig, ProcessSummary } from "../config/types.ts";
import type { ScenarioName } from "../_common/vocabulary.ts";
import { ExecutionError, UsageError } from "../_common/errors.ts";
import type { Logger } from "../_common/logger.ts";
import { unknownName } from "../_common/suggest.ts";
import { SCENARIO_NAMES } from "../_common/vocabulary.ts";
import { BUILTIN_TARGETS } from "../_common/targets.ts";
import { checkDatasets } from "../generate/verify_datasets.ts";
import { analyzeCalibration } from "../regression/analyze_calibration.ts";
import type { CalibrateOptions, CalibrationReport } from "../regression/calibration_report.ts";
import { compareWithinRun } from "../regression/compare_within_run.ts";
import type { CompareResult } from "../regression/types.ts";
import type { RunRecord } from "../results/run_record.ts";
import type { Operation } from "../_common/vocabulary.ts";
import { buildRunRecord } from "./build_run_record.ts";
import { ensureEnvironments } from "./environments/mod.ts";
import { resolveScenarioSettings, settingsKey } from "./measure_settings.ts";
import { targetSpecOf } from "./protocol.ts";
import { runSchedule, type ScheduledCell, type ScheduleEvent } from "./run_schedule.ts";
import { planSchedule } from "./schedule/plan_schedule.ts";

const AA = "~aa";
const injectedLabel = (target: string, f: number) => `${target}~${Math.round(f * 1000) / 10}%`;

/** Checks names against the config. */
export function resolveCalibrateOptions(
  loaded: LoadedConfig,
  input: Partial<CalibrateOptions>,
): CalibrateOptions {
  const config = loaded.config;
  const profile = input.profile ?? "pr";
  if (!(profile in config.profiles)) {
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
  if (!(environment in config.environments)) {
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

export async function runCalibration(
  loaded: LoadedConfig,
  options: CalibrateOptions,
  log: Logger,
  hooks: CalibrateHooks = {},
): Promise<CalibrationReport> {
  const config = loaded.config;
  const scenario = options.scenario as ScenarioName;
  const manifest = await checkDatasets(options.dataDir, [scenario]);
  const entry = manifest.files[scenario];
  const settings = resolveScenarioSettings(config, options.profile, scenario);
  const [outcome] = await ensureEnvironments(config, [options.environment], log, {
    signal: hooks.signal,
  });
  if (outcome.status === "failed") throw outcome.error;
  const python = outcome.environment.python;
  const customTargets = config.targets.map((t) => ({ ...t, paths: t.paths ?? [] }));
  const operations: Operation[] = ["serialize", "deserialize"];
  const cells: ScheduledCell[] = [];
  for (const target of options.targets) {
    const spec = targetSpecOf(target, customTargets);
    for (const operation of operations) {
      const base = {
        environment: options.environment,
        scenario,
        target: spec,
        operation,
        suites: ["calibrate"],
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
  const summaries: ProcessSummary[] = [config.compare.processSummary];
  summaries.push(summaries[0] === "median" ? "min" : "median");
  const judged = summaries.map(() => ({
    aa: [] as CompareResult[],
    ab: options.inject.map((injected) => ({ injected, results: [] as CompareResult[] })),
  }));
  const started = performance.now();
  for (let repetition = 0; repetition < options.repeat; repetition++) {
    const seed = crypto.getRandomValues(new Uint32Array(1))[0];
    const plan = planSchedule({
      seed,
      processes: settings.processes,
      environments: [options.environment],
      scenarios: [scenario],
      cells: () => cells.map((c) => ({ target: c.label!, operation: c.operation })),
    });
    const startedAt = new Date();
    const result = await runSchedule({
      environments: [{ name: options.environment, python }],
      scenarios: {
        [settingsKey(options.environment, scenario)]: {
          dataset: {
            scenario,
            path: join(options.dataDir, entry.file),
            sha256: entry.sha256,
            limit: settings.records,
            view: options.view,
          },
          settings,
        },
      },
      cells,
      plan,
      skipMemory: true,
    }, { signal: hooks.signal, onEvent: hooks.onEvent });
    if (result.aborted) throw new ExecutionError("calibrate interrupted", { hint: "run it again" });
    const record = buildRunRecord({
      startedAt,
      finishedAt: new Date(),
      complete: result.complete,
      git: null,
      machine: null,
      config: {
        hash: loaded.hash,
        profile: options.profile,
        suites: ["calibrate"],
        measure: { ...settings, records: { [scenario]: settings.records } },
      },
      datasets: {},
      environments: result.environments,
      schedule: result.schedule,
      cells: result.cells,
    });
    await hooks.onRecord?.(record, repetition + 1);
    for (const target of options.targets) {
      const usable = (label: string) =>
        record.cells.some((c) => c.target === label && c.status === "ok");
      if (!usable(target)) {
        const failed = record.cells.find((c) => c.target === target && c.status !== "ok");
        throw new ExecutionError(
          `calibrate: ${target} cannot be measured on ${scenario}: ${
            failed?.status ?? "no value"
          }` +
            (failed?.error ? ` — ${failed.error.message.split("\n")[0]}` : ""),
          {
            hint: "choose another --target or --scenario (or --view json for JSON-only libraries)",
          },
        );
      }
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
            row.metric === "nsPerRecord" && row.operation === operation && row.test !== null &&
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
