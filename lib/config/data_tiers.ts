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
