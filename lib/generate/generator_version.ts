/**
 * Version of the dataset generators, written into every dataset header and manifest entry. Bump it
 * whenever the bytes generated for a given seed change (a scenario's content, the size fitting,
 * the record format, the JSON-tier projection, or the faker version in deno.json); `generate` then regenerates existing files
 * instead of skipping them. `tests/generate/golden_test.ts` fails until it is bumped.
 */
export const GENERATOR_VERSION = "1";
