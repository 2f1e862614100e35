/** Measurement settings of one scenario: a profile, its per-scenario overrides, then the config's. */

import { ownValue } from "../_common/own_key.ts";
import { UsageError } from "../_common/errors.ts";
import type { Config, InstructionSettings, MeasureOverride } from "../config/types.ts";
import type { ScenarioSettings } from "../results/run_record.ts";
import type { MeasureKind, ScenarioName } from "../_common/vocabulary.ts";

/** A RunRecord's scenario settings with `memory` decided (measure memory after the timing). */
export interface ScenarioMeasureSettings extends ScenarioSettings {
  memory: boolean;
  /** Time this scenario (rounds of timing processes); false for an instructions-only profile. */
  time: boolean;
  /** How its instructions are counted; null when they are not. */
  instructions: ScenarioInstructionSettings | null;
}

/** Instruction-count settings of one (environment, scenario), after overrides. */
export interface ScenarioInstructionSettings extends InstructionSettings {
  /** The targets counted; absent = every target of the scenario. */
  targets?: string[];
}

/** True when `target`'s cells of a scenario with these settings are counted under Valgrind. */
export function countsTarget(
  settings: Pick<ScenarioMeasureSettings, "instructions"> | undefined,
  target: string,
): boolean {
  const instructions = settings?.instructions;
  if (instructions === null || instructions === undefined) return false;
  return instructions.targets === undefined || instructions.targets.includes(target);
}

/**
 * Layers, later wins: `profiles.<profile>`, `profiles.<profile>.scenarios.<scenario>`,
 * `profiles.<profile>.suites.<suite>` and its `scenarios.<scenario>` (for the suites whose
 * environment is being measured), `scenarios.<scenario>.measure`. The profile must exist (the
 * caller checks the name). Suites that share an environment must not ask for different settings.
 */
export function resolveScenarioSettings(
  config: Config,
  profileName: string,
  scenario: ScenarioName,
  suites: readonly string[] = [],
  /** What to measure instead of the profile's `measures` (`--measures`). */
  measureKinds?: readonly MeasureKind[],
): ScenarioMeasureSettings {
  const profile = ownValue(config.profiles, profileName);
  if (profile === undefined) throw new Error(`unknown profile "${profileName}"`);
  const measures = measureKinds ?? profile.measures ?? ["time"];
  const settings: ScenarioMeasureSettings = {
    processes: profile.processes,
    values: profile.values,
    warmups: profile.warmups,
    minValueSeconds: profile.minValueSeconds,
    timeoutSeconds: profile.timeoutSeconds,
    records: profile.records,
    memory: (profile.memory ?? true) && measures.includes("time"),
    memoryProcesses: profile.memoryProcesses ?? DEFAULT_MEMORY_PROCESSES,
    ...(profile.maxCellSeconds === undefined ? {} : { maxCellSeconds: profile.maxCellSeconds }),
    time: measures.includes("time"),
    instructions: null,
  };
  let instructionSkip = false;
  let instructionRecords = profile.instructions?.records ?? null;
  let instructionTargets: string[] | null = null;
  const applyInstructions = (override?: MeasureOverride) => {
    if (override?.instructions?.skip !== undefined) instructionSkip = override.instructions.skip;
    if (override?.instructions?.records !== undefined) {
      instructionRecords = override.instructions.records;
    }
    if (override?.instructions?.targets !== undefined) {
      instructionTargets = [...override.instructions.targets];
    }
  };
  const profileScenario = profile.scenarios && ownValue(profile.scenarios, scenario);
  applyInstructions(profileScenario);
  applyOverride(settings, profileScenario);
  const suiteOverrides = suites
    .flatMap((suite) => {
      const override = profile.suites && ownValue(profile.suites, suite);
      return override === undefined ? [] : [{ suite, override }];
    });
  const distinct = new Set(suiteOverrides.map((o) => JSON.stringify(o.override)));
  if (distinct.size > 1) {
    throw new UsageError(
      `profile "${profileName}" sets different settings for suites ${
        suiteOverrides.map((o) => o.suite).join(" and ")
      }, which share an environment`,
      {
        hint:
          `give those suites separate environments, or one entry under profiles.${profileName}.suites`,
      },
    );
  }
  if (suiteOverrides.length > 0) {
    const { scenarios, ...base } = suiteOverrides[0].override;
    applyOverride(settings, base);
    const suiteScenario = scenarios && ownValue(scenarios, scenario);
    applyOverride(settings, suiteScenario);
    applyInstructions(base);
    applyInstructions(suiteScenario);
  }
  applyOverride(settings, config.scenarios[scenario]?.measure);
  applyInstructions(config.scenarios[scenario]?.measure);
  if (measures.includes("instructions") && profile.instructions !== undefined && !instructionSkip) {
    const { layouts, passes, warmups, timeoutSeconds, concurrency } = profile.instructions;
    settings.instructions = {
      layouts,
      passes,
      warmups,
      records: instructionRecords,
      timeoutSeconds,
      concurrency,
      ...(instructionTargets === null ? {} : { targets: instructionTargets }),
    };
  }
  return settings;
}

function applyOverride(settings: ScenarioMeasureSettings, override?: MeasureOverride): void {
  if (!override) return;
  if (override.processes !== undefined) settings.processes = override.processes;
  if (override.values !== undefined) settings.values = override.values;
  if (override.warmups !== undefined) settings.warmups = override.warmups;
  if (override.minValueSeconds !== undefined) settings.minValueSeconds = override.minValueSeconds;
  if (override.timeoutSeconds !== undefined) settings.timeoutSeconds = override.timeoutSeconds;
  if (override.records !== undefined) settings.records = override.records;
  if (override.memory !== undefined) settings.memory = override.memory;
  if (override.memoryProcesses !== undefined) settings.memoryProcesses = override.memoryProcesses;
  if (override.maxCellSeconds !== undefined) settings.maxCellSeconds = override.maxCellSeconds;
}

/**
 * Memory is taken in this many of a cell's timing processes unless a profile says otherwise: three
 * peaks give the spread the memory comparison needs, at a cost of four passes per cell each.
 */
export const DEFAULT_MEMORY_PROCESSES = 3;

/** Key of the settings of one (environment, scenario): its processes share them. */
export function settingsKey(environment: string, scenario: string): string {
  return `${environment}/${scenario}`;
}
