/** Reading the predecessor's sample files copied into tests/fixtures/legacy/. */

import { fileURLToPath } from "node:url";

export const LEGACY_FIXTURES = fileURLToPath(new URL("../../fixtures/legacy/", import.meta.url));

export const SAMPLE_FILES = [
  "ci_20250617_112444_15705893992_competitive.json",
  "ci_20250617_112444_15705893992_quick.json",
  "configurations_1786935917.json",
  "daily_api_modes_20250828_141943.json",
  "daily_api_modes_20260125_063014.json",
  "datason_baseline.json",
  "enhanced_competitive_1786935916.json",
  "versioning_1786935922.json",
];

export async function readSample(name: string): Promise<unknown> {
  return JSON.parse(await Deno.readTextFile(`${LEGACY_FIXTURES}${name}`));
}
