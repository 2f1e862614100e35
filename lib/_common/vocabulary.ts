/**
 * The words every stage shares: the operations a target is timed on, the scenario names and the
 * data tiers, in their canonical order. The config schema, the default config and `scenarios/` are checked against
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

/**
 * The two tiers competitors are measured in (DESIGN.md, "Measures"):
 *
 * - `typed`: the native records (datetimes, UUIDs, Decimals, bytes, sets, tuples, complex numbers,
 *   ndarrays, DataFrames), each competitor called the way its documentation tells a user to handle
 *   such values (the runner's typed-tier adapters);
 * - `json`: the same records projected by `generate` to JSON-native values
 *   (`<scenario>.json-tier.jsonl`), every library on its plain API.
 */
export const DATA_TIERS = ["typed", "json"] as const;
export type DataTier = typeof DATA_TIERS[number];

/**
 * The scenario as keys and ids name it, with its tier: `api_fast` on the typed tier (the id every
 * record before the JSON tier used, so comparisons with older runs still match) and `api_fast@json`
 * on the JSON tier. Cell keys, comparison row ids, trend series ids and exported benchmark names
 * all go through this.
 */
export function tieredScenario(scenario: string, tier: DataTier | undefined): string {
  return tier === undefined || tier === "typed" ? scenario : `${scenario}@${tier}`;
}

/** `typed tier`, `JSON tier`: how text names a tier. */
export function tierLabel(tier: DataTier): string {
  return tier === "json" ? "JSON tier" : "typed tier";
}
