/**
 * Schema A, `api_modes` (also labelled `comprehensive`; `metadata.benchmark_framework =
 * improved_v1`): the predecessor's daily run. Three sections become three kinds of cells of suite
 * `legacy-api_modes`:
 *
 * - `$.datason_api_comparison.results.<scenario>.<method>` → target `datason.<method>` (the
 *   method's direction gives the operation: `load*`/`deserialize*` read, the rest write);
 * - `$.competitive_analysis.results.<scenario>.serialization|deserialization.<lib>` → target
 *   `<lib>`; `output_size.<lib>` gives output bytes for byte-measured competitors (DataSON's
 *   `output_size` there is a dict key count, not a size, and is dropped);
 * - `$.version_evolution.baseline_performance.<scenario>.serialize|deserialize` (a re-measurement
 *   of the current version) → suite `legacy-api_modes-baseline`, target `datason`.
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
  operationOf,
  outputBytesOf,
} from "./legacy_values.ts";

export function isApiModes(doc: JsonObject): boolean {
  return asObject(doc.datason_api_comparison) !== null ||
    asObject(doc.competitive_analysis) !== null;
}

export function convertApiModes(doc: JsonObject): LegacyConversion {
  const suite = LEGACY_FORMATS.A.suite;
  const environment = LEGACY_ENVIRONMENT;
  const meta = metadataOf(doc);
  const api = asObject(doc.datason_api_comparison);
  const competitive = asObject(doc.competitive_analysis);
  const evolution = asObject(doc.version_evolution);
  const cells: LegacyCell[] = [];

  for (const [scenario, methods] of objectEntries(api?.results)) {
    for (const [method, block] of objectEntries(methods)) {
      cells.push(cellFromTimingBlock({
        suite,
        scenario,
        target: `datason.${method}`,
        environment,
        operation: operationOf(method),
      }, block));
    }
  }

  const libraries: Record<string, string | null> = {};
  for (const [scenario, entry] of objectEntries(competitive?.results)) {
    const sizes = asObject(entry.output_size) ?? {};
    for (const direction of ["serialization", "deserialization"] as const) {
      const operation = direction === "serialization" ? "serialize" : "deserialize";
      for (const [lib, block] of objectEntries(entry[direction])) {
        libraries[lib] = null;
        const cell = cellFromTimingBlock(
          { suite, scenario, target: lib, environment, operation },
          block,
        );
        if (operation === "serialize" && lib !== "datason") {
          const bytes = outputBytesOf(sizes[lib]);
          if (bytes !== null) cell.outputBytes = bytes;
        }
        cells.push(cell);
      }
    }
  }

  for (const [scenario, entry] of objectEntries(evolution?.baseline_performance)) {
    for (const method of ["serialize", "deserialize"] as const) {
      if (entry[method] === undefined) continue;
      cells.push(cellFromTimingBlock({
        suite: `${suite}-baseline`,
        scenario,
        target: "datason",
        environment,
        operation: method,
      }, entry[method]));
    }
  }

  const datasonVersion = asString(meta.datason_version) ?? asString(evolution?.current_version);
  libraries.datason = datasonVersion;
  const python = pythonInfoOf(meta.python_version);
  return {
    format: "A",
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
