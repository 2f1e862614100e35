/**
 * Calibration of instruction counts, run the way the PR gate runs: three environments built from
 * copies of one DataSON source folder — `a` and `b` identical (the A/A pair), `n` with a no-op edit
 * — counted under callgrind in the same K layouts, drawn afresh for each repetition.
 *
 * Injection (`--inject`): a known number of instructions added inside the counted region, the
 * runner's `spin(k)` loop, whose cost per iteration the self-check of every counting process
 * measures. Every process counts each (target, operation) once as itself and once per injected
 * size under the labels `<target>~<size>`, in the same order in every environment; in `a` and `n`
 * those copies inject nothing, in `b` they inject k = size × (the same cell's count in `a`, same
 * layout) ÷ (cost per iteration). So the injected copy in `b` runs exactly what its twin in `a`
 * runs, in the same position of the same process sequence, plus a share of instructions known
 * exactly: the estimate beside the injected size shows what the comparison recovers.
 *
 * Judged per (scenario, target, operation): A/A copy (a vs b, the plain cells), no-op edit (a vs n,
 * every cell: all are plain there) and each injection (a vs b, the `~size` cells), with the layout
 * thresholds of instruction counts (`compare.instructions`, judged by `judgeLayouts`).
 */

import { join } from "node:path";
import { ExecutionError } from "../_common/errors.ts";
import type { Logger } from "../_common/logger.ts";
import type { Operation, ScenarioName } from "../_common/vocabulary.ts";
import type { Config, LoadedConfig } from "../config/types.ts";
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
import { drawLayouts } from "../bench/valgrind/layouts.ts";
import { judgeLayouts, type LayoutSide } from "../regression/compare_layouts.ts";
import type {
  InstructionCalibrateOptions,
  InstructionCalibrationCell,
  InstructionCalibrationReport,
  LayoutTrial,
} from "../regression/instruction_calibration_report.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { withDatason } from "./pr_gate.ts";
import { makeSourceCopies } from "./datason_source_copies.ts";
import { measureForCalibration } from "./measure_for_calibration.ts";

const SUITE = "calibrate-instructions";
/** Environment names of the copies: equal length, so their folders are too. */
export const CALIBRATE_ENVIRONMENTS = { a: "calib-a", b: "calib-b", noop: "calib-n" } as const;

export const injectedLabel = (target: string, f: number) =>
  `${target}~${Math.round(f * 1000) / 10}%`;

export interface InstructionCalibrateHooks {
  signal?: AbortSignal;
  onRepetition?: (done: number, total: number, seconds: number) => void;
  onEvent?: (event: ScheduleEvent) => void;
  onRecord?: (record: MeasuredRunRecord, repetition: number, phase: string) => void | Promise<void>;
}

export interface InstructionCalibrateContext {
  cwd: string;
  env: (name: string) => string | undefined;
  log: Logger;
}

/** The config with the three copy environments (from `environments.default`, DataSON replaced). */
function calibrationConfig(
  loaded: LoadedConfig,
  copies: Record<keyof typeof CALIBRATE_ENVIRONMENTS, string>,
): LoadedConfig {
  const config = loaded.config;
  const template = config.environments.default;
  if (template === undefined) {
    throw new ExecutionError(
      "calibrate builds its environments from environments.default, which is missing",
      {
        hint: 'declare "default" under "environments" in the config',
      },
    );
  }
  const environments: Config["environments"] = { ...config.environments };
  for (const [key, name] of Object.entries(CALIBRATE_ENVIRONMENTS)) {
    environments[name] = {
      python: template.python,
      requirements: withDatason(template.requirements, copies[key as keyof typeof copies]),
    };
  }
  return { ...loaded, config: { ...config, environments } };
}

export async function runInstructionCalibration(
  loaded: LoadedConfig,
  options: InstructionCalibrateOptions,
  context: InstructionCalibrateContext,
  hooks: InstructionCalibrateHooks = {},
): Promise<InstructionCalibrationReport> {
  const started = performance.now();
  const copies = await makeSourceCopies(options.source, join(loaded.config.work.dir, "calibrate"));
  const calibrated = calibrationConfig(loaded, copies);
  const config = calibrated.config;
  const operations: Operation[] = ["serialize", "deserialize"];
  const environments = Object.values(CALIBRATE_ENVIRONMENTS);
  const settings: Record<string, ScenarioMeasureSettings> = {};
  for (const environment of environments) {
    for (const scenario of options.scenarios) {
      const s = resolveScenarioSettings(config, options.profile, scenario, [], ["instructions"]);
      if (s.instructions === null) {
        throw new ExecutionError(
          `profile ${options.profile} skips instruction counts on ${scenario}`,
          {
            hint: "choose other --scenario values, or a profile that counts them",
          },
        );
      }
      settings[settingsKey(environment, scenario)] = s;
    }
  }
  const layoutCount =
    settings[settingsKey(environments[0], options.scenarios[0])].instructions!.layouts;
  const labels = (
    target: string,
  ) => [target, ...options.inject.map((f) => injectedLabel(target, f))];
  const injectionOf = new Map(
    options.targets.flatMap((t) => options.inject.map((f) => [injectedLabel(t, f), f] as const)),
  );
  const customTargets = config.targets.map((t) => ({ ...t, paths: t.paths ?? [] }));
  const cellsOf = (
    environment: string,
    spin?: (scenario: string, label: string, operation: Operation) => number[],
  ): ScheduledCell[] =>
    options.scenarios.flatMap((scenario) =>
      options.targets.flatMap((target) =>
        operations.flatMap((operation) =>
          labels(target).map((label) => {
            const spins = label === target ? undefined : spin?.(scenario, label, operation);
            return {
              environment,
              scenario,
              target: targetSpecOf(target, customTargets),
              operation,
              suites: [SUITE],
              // The typed file, loaded in the view `--view` asks for.
              tier: "typed" as const,
              label,
              ...(spins === undefined ? {} : { spin: spins }),
            };
          })
        )
      )
    );
  const phase = async (
    repetition: number,
    seed: number,
    name: string,
    cells: ScheduledCell[],
    onEvent?: (event: ScheduleEvent) => void,
  ): Promise<MeasuredRunRecord> => {
    const phaseEnvironments = [...new Set(cells.map((c) => c.environment))];
    const units: RunUnit[] = cells.map((c) => ({
      suite: SUITE,
      environment: c.environment,
      scenario: c.scenario as ScenarioName,
      tier: c.tier,
      target: c.label!,
      operation: c.operation,
    }));
    const runOptions: ResolvedRunOptions = {
      suites: [SUITE],
      scenarios: options.scenarios,
      targets: [...new Set(units.map((u) => u.target))],
      operations,
      tiers: ["typed"],
      environments: phaseEnvironments,
      profile: options.profile,
      dataDir: options.dataDir,
      shard: null,
      units,
      measures: ["instructions"],
    };
    const phaseSettings = Object.fromEntries(
      Object.entries(settings).filter(([key]) =>
        phaseEnvironments.some((e) => key.startsWith(`${e}/`))
      ),
    );
    const prepared: PreparedRun = {
      options: runOptions,
      settings: phaseSettings,
      cells,
      seed,
      plan: planSchedule({
        seed,
        processes: 0,
        environments: phaseEnvironments,
        scenarios: options.scenarios,
        cells: () => [],
      }),
      records: {},
      bytesPerRecord: {},
      datasetsKnown: true,
      datasonVersions: {},
      view: options.view,
      layouts: drawLayouts(seed, layoutCount),
      countProcesses: Object.keys(phaseSettings).length * layoutCount,
    };
    return await measureForCalibration(calibrated, prepared, {
      cwd: context.cwd,
      env: context.env,
      log: context.log,
      signal: hooks.signal,
      onEvent: (event) => {
        onEvent?.(event);
        hooks.onEvent?.(event);
      },
      keep: (record) => hooks.onRecord?.(record, repetition, name),
    });
  };

  const results = new Map<string, InstructionCalibrationCell>();
  let processes = 0;
  let processSeconds = 0;
  for (let repetition = 1; repetition <= options.repeat; repetition++) {
    const seed = crypto.getRandomValues(new Uint32Array(1))[0];
    const spinCost = new Map<string, number>();
    const plain = await phase(
      repetition,
      seed,
      "a+n",
      [...cellsOf(CALIBRATE_ENVIRONMENTS.a), ...cellsOf(CALIBRATE_ENVIRONMENTS.noop)],
      (event) => {
        if (event.kind === "self-check") {
          spinCost.set(
            `${event.environment}/${event.scenario}/${event.layout}`,
            event.check.spinIrPerIteration,
          );
        }
      },
    );
    const countsOf = (
      record: MeasuredRunRecord,
      environment: string,
      scenario: string,
      label: string,
      operation: Operation,
    ): LayoutSide => {
      const cell = record.cells.find((c) =>
        c.environment === environment && c.scenario === scenario && c.target === label &&
        c.operation === operation
      );
      const counted = cell?.instructions;
      if (cell === undefined || counted === undefined || counted.status !== "ok") {
        const reason = counted?.error?.message.split("\n")[0] ?? counted?.status ?? "not counted";
        throw new ExecutionError(
          `calibrate: ${label} ${operation} on ${scenario} in ${environment}: ${reason}`,
          {
            hint:
              "choose another --target or --scenario, or run `datason-bench run --measures instructions` to see the error",
          },
        );
      }
      return { values: counted.events.map((e) => e.Ir), layouts: counted.layouts };
    };
    const head = await phase(
      repetition,
      seed,
      "b",
      cellsOf(CALIBRATE_ENVIRONMENTS.b, (scenario, label, operation) => {
        const f = injectionOf.get(label)!;
        const base = countsOf(plain, CALIBRATE_ENVIRONMENTS.a, scenario, label, operation);
        return Array.from({ length: layoutCount }, (_, layout) => {
          const count = base.values[base.layouts!.indexOf(layout)] ?? 0;
          const cost = spinCost.get(`${CALIBRATE_ENVIRONMENTS.a}/${scenario}/${layout}`);
          return cost === undefined || !(cost > 0) ? 0 : Math.round((f * count) / cost);
        });
      }),
    );
    for (const record of [plain, head]) {
      for (const entry of record.schedule) {
        if (entry.kind !== "instructions") continue;
        processes++;
        processSeconds += entry.seconds ?? 0;
      }
    }
    const judge = (base: LayoutSide, next: LayoutSide): LayoutTrial => {
      // Both phases ran in the layouts drawn from the repetition's seed: paired by layout.
      const paired = base.layouts!.length === next.layouts!.length &&
        base.layouts!.every((layout) => next.layouts!.includes(layout));
      const judged = judgeLayouts(base, next, paired, options.thresholds, "instructions");
      return {
        change: judged.change ?? NaN,
        spread: judged.evidence?.spread ?? NaN,
        verdict: judged.verdict,
        flagged: judged.verdict === "regressed" || judged.verdict === "improved",
      };
    };
    for (const scenario of options.scenarios) {
      for (const target of options.targets) {
        for (const operation of operations) {
          const key = `${scenario}/${target}/${operation}`;
          const cell: InstructionCalibrationCell = results.get(key) ?? {
            scenario,
            target,
            operation,
            aa: [],
            noop: [],
            injected: Object.fromEntries(
              options.inject.map((
                f,
              ) => [`${Math.round(f * 1000) / 10}%`, { injected: f, trials: [] }]),
            ),
            layoutSpread: [],
            instructionsPerRecord: [],
          };
          results.set(key, cell);
          const a = (label: string) =>
            countsOf(plain, CALIBRATE_ENVIRONMENTS.a, scenario, label, operation);
          const plainA = a(target);
          cell.aa.push(
            judge(plainA, countsOf(head, CALIBRATE_ENVIRONMENTS.b, scenario, target, operation)),
          );
          for (const label of labels(target)) {
            cell.noop.push(
              judge(
                a(label),
                countsOf(plain, CALIBRATE_ENVIRONMENTS.noop, scenario, label, operation),
              ),
            );
          }
          options.inject.forEach((f) => {
            const label = injectedLabel(target, f);
            cell.injected[`${Math.round(f * 1000) / 10}%`].trials.push(
              judge(a(label), countsOf(head, CALIBRATE_ENVIRONMENTS.b, scenario, label, operation)),
            );
          });
          const values = plainA.values;
          cell.layoutSpread.push((Math.max(...values) - Math.min(...values)) / Math.min(...values));
          const record = plain.cells.find((c) =>
            c.environment === CALIBRATE_ENVIRONMENTS.a && c.scenario === scenario &&
            c.target === target &&
            c.operation === operation
          );
          const perRecord = record?.instructionsPerRecord ?? [];
          if (perRecord.length > 0) {
            cell.instructionsPerRecord.push(perRecord.sort((x, y) => x - y)[perRecord.length >> 1]);
          }
        }
      }
    }
    hooks.onRepetition?.(repetition, options.repeat, (performance.now() - started) / 1000);
  }
  return {
    schema: "datason-bench/calibrate-instructions@1",
    options,
    settings: Object.fromEntries(
      options.scenarios.map((
        s,
      ) => [s, settings[settingsKey(CALIBRATE_ENVIRONMENTS.a, s)].instructions]),
    ),
    repetitions: options.repeat,
    seconds: (performance.now() - started) / 1000,
    processes,
    processSeconds,
    cells: [...results.values()],
  };
}
