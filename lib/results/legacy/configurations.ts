/**
 * Schema E, `configurations`:
 * `$.configurations.<config>.datasets.<dataset>.results.serialization|deserialization.{mean, min,
 * max, std, mean_ms}` with `successful_runs` (10) one level up in `results` → suite
 * `legacy-configurations`, target `datason[<config>]`. `$.configurations.summary` is derived data
 * and is skipped (it has no `datasets`).
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
  asFiniteNumber,
  asObject,
  asString,
  cellFromTimingBlock,
  type JsonObject,
  objectEntries,
} from "./legacy_values.ts";

export function isConfigurations(doc: JsonObject): boolean {
  return objectEntries(doc.configurations).some(([, entry]) => asObject(entry.datasets) !== null);
}

export function convertConfigurations(doc: JsonObject): LegacyConversion {
  const suite = LEGACY_FORMATS.E.suite;
  const environment = LEGACY_ENVIRONMENT;
  const meta = metadataOf(doc);
  const cells: LegacyCell[] = [];
  for (const [config, entry] of objectEntries(doc.configurations)) {
    for (const [scenario, dataset] of objectEntries(entry.datasets)) {
      const results = asObject(dataset.results) ?? {};
      const runs = asFiniteNumber(results.successful_runs);
      const samples = runs !== null && Number.isInteger(runs) && runs >= 0 ? runs : null;
      for (const direction of ["serialization", "deserialization"] as const) {
        if (results[direction] === undefined) continue;
        cells.push(cellFromTimingBlock(
          {
            suite,
            scenario,
            target: `datason[${config}]`,
            environment,
            operation: direction === "serialization" ? "serialize" : "deserialize",
          },
          results[direction],
          samples,
        ));
      }
    }
  }
  const datasonVersion = asString(meta.datason_version);
  const python = pythonInfoOf(meta.python_version);
  return {
    format: "E",
    startedAt: firstTimestamp(meta.timestamp, doc.timestamp),
    durationSeconds: null,
    datasonVersion,
    pythonVersion: python.version,
    toolVersion: asString(meta.enhancement),
    git: gitOf(meta.runner_info),
    environments: { [environment]: legacyEnvironment(python, { datason: datasonVersion }) },
    cells,
  };
}
