/**
 * Schema I, `pr_optimized_tiered` (the PR baseline, `datason_baseline.json`):
 * `$.results_by_tier.<tier>.datasets.<dataset>.serialization|deserialization.{mean_ms, median_ms,
 * stdev_ms, min_ms, max_ms, iterations, error_count}` (milliseconds rounded to 0.001) → suite
 * `legacy-pr_optimized_tiered`, target `datason[<tier>]`, samples = `iterations`. A failed block is
 * `{error_count, status: "failed"}`. The file records no Python version.
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

export function isPrOptimizedTiered(doc: JsonObject): boolean {
  return asObject(doc.results_by_tier) !== null;
}

export function convertPrOptimizedTiered(doc: JsonObject): LegacyConversion {
  const suite = LEGACY_FORMATS.I.suite;
  const environment = LEGACY_ENVIRONMENT;
  const meta = metadataOf(doc);
  const baseline = asObject(doc.baseline_metadata) ?? {};
  const cells: LegacyCell[] = [];
  for (const [tier, entry] of objectEntries(doc.results_by_tier)) {
    for (const [scenario, dataset] of objectEntries(entry.datasets)) {
      for (const direction of ["serialization", "deserialization"] as const) {
        if (dataset[direction] === undefined) continue;
        cells.push(cellFromTimingBlock({
          suite,
          scenario,
          target: `datason[${tier}]`,
          environment,
          operation: direction === "serialization" ? "serialize" : "deserialize",
        }, dataset[direction]));
      }
    }
  }
  const datasonVersion = asString(meta.datason_version) ?? asString(baseline.datason_version);
  const python = pythonInfoOf(meta.python_version);
  const duration = asFiniteNumber(doc.execution_time);
  return {
    format: "I",
    startedAt: firstTimestamp(meta.timestamp, baseline.established_at, doc.timestamp),
    durationSeconds: duration !== null && duration >= 0 ? duration : null,
    datasonVersion,
    pythonVersion: python.version,
    toolVersion: null,
    git: gitOf(meta.runner_info),
    environments: { [environment]: legacyEnvironment(python, { datason: datasonVersion }) },
    cells,
  };
}
