/**
 * Schema C, `competitive` (legacy flat, June 2025): DataSON and six competitors, 10 timed calls,
 * suite `legacy-competitive`. The layout is shared with schema D (`flat_competitive.ts`).
 */

import { convertFlatCompetitive } from "./flat_competitive.ts";
import type { LegacyConversion } from "./legacy_types.ts";
import type { JsonObject } from "./legacy_values.ts";

export function convertCompetitive(doc: JsonObject): LegacyConversion {
  return convertFlatCompetitive(doc, "C");
}
