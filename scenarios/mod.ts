/** The scenario registry: the five benchmark scenarios, in the canonical order (`SCENARIO_NAMES`). */

import type { Scenario } from "../lib/generate/scenario.ts";
import { apiFast } from "./api_fast.ts";
import { edgeCases } from "./edge_cases.ts";
import { largeData } from "./large_data.ts";
import { mlTraining } from "./ml_training.ts";
import { secureStorage } from "./secure_storage.ts";

export const SCENARIOS: readonly Scenario[] = [
  apiFast,
  mlTraining,
  secureStorage,
  largeData,
  edgeCases,
];

export function scenarioByName(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
