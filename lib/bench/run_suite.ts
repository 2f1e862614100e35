/**
 * The first, sequential schedule: for each environment, for each scenario, `processes` fresh
 * processes one after another, each measuring every (target, operation) in the plan's order; then
 * memory in fresh process(es). `loops` is calibrated by the first process and reused by the others;
 * a cell that failed is not measured again. The interleaved schedule replaces the loop order and
 * keeps the pieces: `measureScenarioInProcess`, `measureMemory`, `CellAccumulator`.
 */

import type {
  EnvironmentInfo,
  MeasuredCell,
  Operation,
  ScheduleEntry,
} from "../results/run_record.ts";
import { CellAccumulator } from "./cell_accumulator.ts";
import { environmentInfoFromHello } from "./environment_info.ts";
import type { ScenarioMeasureSettings } from "./measure_settings.ts";
import {
  type CellOutcome,
  type DatasetRef,
  measureMemory,
  measureScenarioInProcess,
  type MemoryOutcome,
  probeEnvironment,
  type RunnerEnvironment,
} from "./measure_scenario.ts";
import type { HelloReply, LoadedReply, TargetSpec } from "./protocol.ts";

export interface SuiteScenario {
  dataset: DatasetRef;
  settings: ScenarioMeasureSettings;
}

export interface SuitePlan {
  suite: string;
  environments: RunnerEnvironment[];
  scenarios: SuiteScenario[];
  targets: TargetSpec[];
  operations: Operation[];
}

export type SuiteEvent =
  | { kind: "environment"; environment: string; hello: HelloReply }
  | { kind: "process"; environment: string; scenario: string; round: number; rounds: number }
  | { kind: "memory-start"; environment: string; scenario: string; cells: number }
  | { kind: "loaded"; environment: string; scenario: string; loaded: LoadedReply }
  | { kind: "cell"; environment: string; scenario: string; round: number; outcome: CellOutcome }
  | { kind: "memory"; environment: string; scenario: string; outcome: MemoryOutcome };

export interface SuiteHooks {
  signal?: AbortSignal;
  onEvent?: (event: SuiteEvent) => void;
  onStderr?: (text: string) => void;
}

export interface SuiteResult {
  cells: MeasuredCell[];
  schedule: ScheduleEntry[];
  environments: Record<string, EnvironmentInfo>;
  /** Runner processes started, including the hello probes. */
  processes: number;
  aborted: boolean;
}

export async function runSuiteSequential(
  plan: SuitePlan,
  hooks: SuiteHooks = {},
): Promise<SuiteResult> {
  const result: SuiteResult = {
    cells: [],
    schedule: [],
    environments: {},
    processes: 0,
    aborted: false,
  };
  const emit = (event: SuiteEvent) => hooks.onEvent?.(event);
  for (const env of plan.environments) {
    const probeTimeout = Math.max(0, ...plan.scenarios.map((s) => s.settings.timeoutSeconds));
    const hello = await probeEnvironment(env, probeTimeout, hooks);
    result.processes++;
    result.environments[env.name] = environmentInfoFromHello(hello);
    emit({ kind: "environment", environment: env.name, hello });
    for (const { dataset, settings } of plan.scenarios) {
      const accumulators = plan.targets.flatMap((target) =>
        plan.operations.map((operation) => ({
          target,
          accumulator: new CellAccumulator({
            suite: plan.suite,
            scenario: dataset.scenario,
            target: target.id,
            environment: env.name,
            operation,
          }),
        }))
      );
      const byKey = new Map(accumulators.map((a) => [a.accumulator.key, a.accumulator]));
      for (let round = 0; round < settings.processes; round++) {
        const active = accumulators.filter((a) => !a.accumulator.finished);
        if (active.length === 0) break;
        emit({
          kind: "process",
          environment: env.name,
          scenario: dataset.scenario,
          round,
          rounds: settings.processes,
        });
        const run = await measureScenarioInProcess(
          env,
          dataset,
          active.map((a) => ({
            target: a.target,
            operation: a.accumulator.identity.operation,
            loops: a.accumulator.loops,
            fidelity: a.accumulator.needsFidelity,
          })),
          settings,
          {
            signal: hooks.signal,
            onStderr: hooks.onStderr,
            onCell: (outcome) => {
              byKey.get(outcome.key)?.addOutcome(round, outcome);
              emit({
                kind: "cell",
                environment: env.name,
                scenario: dataset.scenario,
                round,
                outcome,
              });
            },
          },
        );
        result.processes += run.processes;
        if (round === 0 && run.loaded) {
          emit({
            kind: "loaded",
            environment: env.name,
            scenario: dataset.scenario,
            loaded: run.loaded,
          });
        }
        result.schedule.push({
          round,
          environment: env.name,
          scenario: dataset.scenario,
          cells: run.outcomes.map((o) => o.key),
        });
        if (run.aborted) {
          result.aborted = true;
          result.cells.push(...accumulators.map((a) => a.accumulator.toCell()));
          return result;
        }
      }
      const withValues = accumulators.filter((a) => a.accumulator.hasValues);
      if (withValues.length > 0) {
        emit({
          kind: "memory-start",
          environment: env.name,
          scenario: dataset.scenario,
          cells: withValues.length,
        });
        const memory = await measureMemory(
          env,
          dataset,
          withValues.map((a) => ({
            target: a.target,
            operation: a.accumulator.identity.operation,
          })),
          settings,
          {
            signal: hooks.signal,
            onStderr: hooks.onStderr,
            onCell: (outcome) => {
              byKey.get(outcome.key)?.addMemory(outcome);
              emit({ kind: "memory", environment: env.name, scenario: dataset.scenario, outcome });
            },
          },
        );
        result.processes += memory.processes;
        if (memory.aborted) result.aborted = true;
      }
      result.cells.push(...accumulators.map((a) => a.accumulator.toCell()));
      if (result.aborted) return result;
    }
  }
  return result;
}
