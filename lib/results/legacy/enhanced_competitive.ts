/**
 * Schema B, `enhanced_competitive` (capability tiers):
 * `$.competitive.tiers.<tier>.datasets.<dataset>.serialization|deserialization.<lib>` (timing block
 * with `success_rate`) → suite `legacy-enhanced_competitive`, scenario `<dataset>` (dataset names
 * already carry the tier), target `<lib>` verbatim (`datason_api`, `datason_perfect`, `orjson` …).
 * Sizes from `…<dataset>.output_size.<lib>` when measured in bytes. `metadata.timestamp` is an epoch
 * float. The `summary` of each tier is derived data and is skipped.
 */

import type { LegacyCell } from "../run_record.ts";
import {
  firstTimestamp,
  gitOf,
  legacyEnvironment,
  metadataOf,
  pythonInfoOf,
} from "./legacy_metadata.ts";
import { LEGACY_ENVIRONMENT, LEGACY_FORMATS, type LegacyConversion } from "./legacy_types.ts";
import {
  asObject,
  asString,
  cellFromTimingBlock,
  type JsonObject,
  objectEntries,
  outputBytesOf,
} from "./legacy_values.ts";

export function isEnhancedCompetitive(doc: JsonObject): boolean {
  return asObject(asObject(doc.competitive)?.tiers) !== null;
}

export function convertEnhancedCompetitive(doc: JsonObject): LegacyConversion {
  const suite = LEGACY_FORMATS.B.suite;
  const environment = LEGACY_ENVIRONMENT;
  const meta = metadataOf(doc);
  const cells: LegacyCell[] = [];
  const libraries: Record<string, string | null> = {};
  const tiers = asObject(asObject(doc.competitive)?.tiers);
  for (const [, tier] of objectEntries(tiers)) {
    for (const [scenario, dataset] of objectEntries(tier.datasets)) {
      const sizes = asObject(dataset.output_size) ?? {};
      for (const direction of ["serialization", "deserialization"] as const) {
        const operation = direction === "serialization" ? "serialize" : "deserialize";
        for (const [lib, block] of objectEntries(dataset[direction])) {
          if (!lib.startsWith("datason")) libraries[lib] = null;
          const cell = cellFromTimingBlock(
            { suite, scenario, target: lib, environment, operation },
            block,
          );
          if (operation === "serialize") {
            const bytes = outputBytesOf(sizes[lib]);
            if (bytes !== null) cell.outputBytes = bytes;
          }
          cells.push(cell);
        }
      }
    }
  }
  const datasonVersion = asString(meta.datason_version);
  libraries.datason = datasonVersion;
  const python = pythonInfoOf(meta.python_version);
  return {
    format: "B",
    startedAt: firstTimestamp(meta.timestamp, doc.timestamp),
    durationSeconds: null,
    datasonVersion,
    pythonVersion: python.version,
    toolVersion: asString(meta.enhancement),
    git: gitOf(meta.runner_info),
    environments: { [environment]: legacyEnvironment(python, libraries) },
    cells,
  };
}
