/**
 * Recognises which of the predecessor's schemas a parsed file follows — by its structure, not by
 * its name or `suite_type` label alone (the predecessor labelled schema A both `api_modes` and
 * `comprehensive`). Anything else is reported with the reason, never guessed.
 */

import { isApiModes } from "./api_modes.ts";
import { isConfigurations } from "./configurations.ts";
import { isEnhancedCompetitive } from "./enhanced_competitive.ts";
import { isFlatCompetitive } from "./flat_competitive.ts";
import type { LegacyFormat } from "./legacy_types.ts";
import { asObject, asString } from "./legacy_values.ts";
import { isPrOptimizedTiered } from "./pr_optimized_tiered.ts";
import { isVersioning } from "./versioning.ts";

export type LegacyDetection =
  | { format: LegacyFormat }
  | { format: null; reason: string };

export function detectLegacyFormat(value: unknown): LegacyDetection {
  const doc = asObject(value);
  if (doc === null) {
    return {
      format: null,
      reason: `the top level is ${Array.isArray(value) ? "an array" : typeof value}, not an object`,
    };
  }
  const schema = asString(doc.schema);
  if (schema !== null && schema.startsWith("datason-bench/")) {
    const run = /^datason-bench\/run@(\d+)$/.exec(schema);
    if (run && Number(run[1]) > 1) {
      return {
        format: null,
        reason:
          `a RunRecord of a newer datason-bench (schema ${schema}): upgrade datason-bench to read it`,
      };
    }
    return {
      format: null,
      reason: run
        ? "already a datason-bench RunRecord: copy it into the results folder instead"
        : `a datason-bench file of schema ${schema}, not a predecessor result`,
    };
  }
  if (isPrOptimizedTiered(doc)) return { format: "I" };
  if (isVersioning(doc)) return { format: "G" };
  if (isConfigurations(doc)) return { format: "E" };
  if (isEnhancedCompetitive(doc)) return { format: "B" };
  if (isApiModes(doc)) return { format: "A" };
  if (isFlatCompetitive(doc)) return { format: asString(doc.suite_type) === "quick" ? "D" : "C" };
  const keys = Object.keys(doc);
  const shown = keys.slice(0, 8).join(", ") + (keys.length > 8 ? ", …" : "");
  const label = asString(doc.suite_type);
  return {
    format: null,
    reason: `no known predecessor schema${
      label ? ` (suite_type "${label}")` : ""
    }; top-level keys: ${shown || "none"}`,
  };
}
