/**
 * One record of a scenario: its own random stream, its target size, its data, and the check that
 * the size lies in the scenario's range.
 *
 * Record `i` of scenario `s` with seed `seed` draws only from the stream `scenario/<s>/record/<i>`
 * (see `createRng`), so it depends on neither the record count nor any other scenario: generating
 * 10 or 1000 records gives the same first 10, and changing `api_fast`'s count leaves
 * `ml_training`'s bytes alone.
 */

import { base, en, Faker } from "@faker-js/faker";
import { createRng } from "../_common/prng.ts";
import { SizeFitError } from "./fit_to_size.ts";
import { type JsonText, recordJson } from "./json_text.ts";
import { logUniformInt } from "./log_uniform.ts";
import type { Scenario } from "./scenario.ts";

export interface GeneratedRecord {
  i: number;
  targetBytes: number;
  /** What the generator returned (a value, or a `JsonText` for records built as text). */
  data: unknown;
  /** The record's JSON (`JSON.stringify` of the value), possibly in pieces. */
  json: JsonText;
  /** UTF-8 bytes of `json`; inside the scenario's size range. */
  bytes: number;
}

/** Label of record `i`'s random stream. */
export function recordStreamLabel(scenario: string, i: number): string {
  return `scenario/${scenario}/record/${i}`;
}

/**
 * A dedicated faker instance (never the shared `faker` singleton) with the `en` locale and the
 * config's reference date; records reseed it from their own stream.
 */
export function createScenarioFaker(referenceDate: string): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.setDefaultRefDate(referenceDate);
  return faker;
}

export function generateRecord(
  scenario: Scenario,
  seed: number,
  i: number,
  faker: Faker,
): GeneratedRecord {
  const rng = createRng(seed, recordStreamLabel(scenario.name, i));
  const [min, max] = scenario.sizeRange;
  const targetBytes = logUniformInt(rng, min, max);
  faker.seed(rng.nextUint32());
  const data = scenario.generate(rng, faker, targetBytes);
  const json = recordJson(data);
  const bytes = json.bytes;
  if (bytes < min || bytes > max) {
    throw new SizeFitError(
      `${scenario.name} record ${i}: ${bytes} B lies outside the scenario's range ${min}–${max} B ` +
        `(target ${targetBytes} B); the scenario's generator must fit every record`,
    );
  }
  return { i, targetBytes, data, json, bytes };
}
