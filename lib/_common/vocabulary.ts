/**
 * The words every stage shares: the operations a target is timed on and the scenario names, in
 * their canonical order. The config schema, the default config and `scenarios/` are checked against
 * these lists by tests (tests/_common/vocabulary_test.ts).
 */

export type Operation = "serialize" | "deserialize";
export const OPERATIONS: readonly Operation[] = ["serialize", "deserialize"];

export const SCENARIO_NAMES = [
  "api_fast",
  "ml_training",
  "secure_storage",
  "large_data",
  "edge_cases",
] as const;
export type ScenarioName = typeof SCENARIO_NAMES[number];

/**
 * What a profile measures: `time` (wall-clock ns per record in interleaved runner processes) and
 * `instructions` (instructions and estimated cycles per record, counted under Valgrind).
 */
export const MEASURE_KINDS = ["time", "instructions"] as const;
export type MeasureKind = typeof MEASURE_KINDS[number];
