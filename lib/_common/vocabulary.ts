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
