/** Measurement settings of one scenario: a profile, its per-scenario overrides, then the config's. */

import type { Config, MeasureOverride, ScenarioName } from "../config/types.ts";

export interface ScenarioMeasureSettings {
  processes: number;
  values: number;
  warmups: number;
  minValueSeconds: number;
  timeoutSeconds: number;
  /** Records used (the first N of the dataset); null = all. */
  records: number | null;
}

/**
 * Layers, later wins: `profiles.<profile>`, `profiles.<profile>.scenarios.<scenario>`,
 * `scenarios.<scenario>.measure`. The profile must exist (the caller checks the name).
 */
export function resolveScenarioSettings(
  config: Config,
  profileName: string,
  scenario: ScenarioName,
): ScenarioMeasureSettings {
  const profile = config.profiles[profileName];
  if (profile === undefined) throw new Error(`unknown profile "${profileName}"`);
  const settings: ScenarioMeasureSettings = {
    processes: profile.processes,
    values: profile.values,
    warmups: profile.warmups,
    minValueSeconds: profile.minValueSeconds,
    timeoutSeconds: profile.timeoutSeconds,
    records: profile.records,
  };
  applyOverride(settings, profile.scenarios?.[scenario]);
  applyOverride(settings, config.scenarios[scenario]?.measure);
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
}
