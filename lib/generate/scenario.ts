/** The contract of a scenario module in `scenarios/`. */

import type { Faker } from "@faker-js/faker";
import type { ScenarioName } from "../_common/vocabulary.ts";
import type { Rng } from "../_common/prng.ts";

/**
 * Which libraries can carry a scenario's values natively: `json_safe` (plain JSON, plus special
 * floats and big integers), `object_enhanced` (datetimes, UUIDs, Decimals, bytes, sets, tuples),
 * `ml_complex` (numpy arrays and pandas DataFrames).
 */
export type Tier = "json_safe" | "object_enhanced" | "ml_complex";
export const TIERS: readonly Tier[] = ["json_safe", "object_enhanced", "ml_complex"];

/**
 * Makes one record's `data` whose size (UTF-8 bytes of `JSON.stringify(data)`) lies in the
 * scenario's `sizeRange`, near `targetBytes`. All randomness comes from `rng` (the record's own
 * stream) and `faker` (seeded from it, reference date from the config).
 */
export type RecordGenerator = (rng: Rng, faker: Faker, targetBytes: number) => unknown;

export interface Scenario {
  name: ScenarioName;
  /** One line for listings and reports. */
  description: string;
  /** Records per dataset; equals `scenarios.<name>.count` in lib/config/defaults.json. */
  defaultCount: number;
  /** Inclusive [min, max] bytes of each record's `data` as JSON (1 KB = 1000 B). */
  sizeRange: readonly [number, number];
  tier: Tier;
  generate: RecordGenerator;
}
