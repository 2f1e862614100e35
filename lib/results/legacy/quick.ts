/**
 * Schema D, `quick` (legacy flat): the same layout as C with 5 timed calls, kept apart as suite
 * `legacy-quick` so that its noisier series never mix with C's (`flat_competitive.ts`).
 */

import { convertFlatCompetitive } from "./flat_competitive.ts";
import type { LegacyConversion } from "./legacy_types.ts";
import type { JsonObject } from "./legacy_values.ts";

export function convertQuick(doc: JsonObject): LegacyConversion {
  return convertFlatCompetitive(doc, "D");
}
