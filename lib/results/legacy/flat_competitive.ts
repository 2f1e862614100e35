/**
 * The flat competitive layout shared by schemas C (`competitive`, June 2025) and D (`quick`):
 * `$.competitive.<dataset>.serialization|deserialization.<lib>` (timing block), sizes in
 * `$.competitive.<dataset>.output_size.<lib>`, `metadata.runner_info {os, github_sha, github_ref,
 * ci_run_id}` and, in C, top-level `competitor_versions` (which also names DataSON's version).
 * Entries without timings (the `summary`) are skipped.
 */

import type { LegacyCell } from "../run_record.ts";
import {
  competitorVersions,
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

/** A `competitive` object whose entries hold `serialization`/`deserialization` blocks. */
export function isFlatCompetitive(doc: JsonObject): boolean {
  const competitive = asObject(doc.competitive);
  if (competitive === null || asObject(competitive.tiers) !== null) return false;
  return objectEntries(competitive).some(([, entry]) =>
    asObject(entry.serialization) !== null || asObject(entry.deserialization) !== null
  );
}

export function convertFlatCompetitive(doc: JsonObject, format: "C" | "D"): LegacyConversion {
  const suite = LEGACY_FORMATS[format].suite;
  const environment = LEGACY_ENVIRONMENT;
  const meta = metadataOf(doc);
  const cells: LegacyCell[] = [];
  const versions = competitorVersions(doc.competitor_versions ?? meta.competitor_versions);
  const libraries: Record<string, string | null> = {};
  for (const [scenario, entry] of objectEntries(doc.competitive)) {
    const sizes = asObject(entry.output_size) ?? {};
    for (const direction of ["serialization", "deserialization"] as const) {
      const operation = direction === "serialization" ? "serialize" : "deserialize";
      for (const [lib, block] of objectEntries(entry[direction])) {
        libraries[lib] = versions[lib] ?? null;
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
  for (const [lib, version] of Object.entries(versions)) libraries[lib] = version;
  const datasonVersion = asString(meta.datason_version) ?? versions.datason ?? null;
  libraries.datason = datasonVersion;
  const python = pythonInfoOf(meta.python_version);
  return {
    format,
    startedAt: firstTimestamp(meta.timestamp, doc.timestamp),
    durationSeconds: null,
    datasonVersion,
    pythonVersion: python.version,
    toolVersion: asString(meta.benchmark_framework),
    git: gitOf(meta.runner_info),
    environments: { [environment]: legacyEnvironment(python, libraries) },
    cells,
  };
}
