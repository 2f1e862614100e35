/**
 * Schema G, `versioning`: several DataSON versions in one run, serialization only, milliseconds only:
 * `$.versioning.version_results.<version>.datasets.<dataset>.results.config_results.<config>.{mean_ms,
 * min_ms, max_ms, std_ms, successful_runs, error_count}` → suite `legacy-versioning`, target
 * `datason[<config>]`, one environment per version (`datason-<version>`, so versions never share a
 * series). The key `latest` is kept as the version "latest": the file does not say which release
 * it was. A version entry `{error, available: false}` never installed (0.10.0 in the real history):
 * it becomes `unavailable` cells, with the install error, for the dataset × config pairs the other
 * versions ran — never timings.
 */

import type { EnvironmentInfo, LegacyCell } from "../run_record.ts";
import {
  firstTimestamp,
  gitOf,
  legacyEnvironment,
  metadataOf,
  pythonInfoOf,
} from "./legacy_metadata.ts";
import { LEGACY_FORMATS, type LegacyConversion } from "./legacy_types.ts";
import {
  asObject,
  asString,
  cellFromTimingBlock,
  failedCell,
  type JsonObject,
  objectEntries,
} from "./legacy_values.ts";

export function isVersioning(doc: JsonObject): boolean {
  return asObject(asObject(doc.versioning)?.version_results) !== null;
}

export function convertVersioning(doc: JsonObject): LegacyConversion {
  const suite = LEGACY_FORMATS.G.suite;
  const meta = metadataOf(doc);
  const versioning = asObject(doc.versioning) ?? {};
  const innerMeta = asObject(versioning.metadata) ?? {};
  const python = pythonInfoOf(meta.python_version ?? innerMeta.python_version);
  const cells: LegacyCell[] = [];
  const environments: Record<string, EnvironmentInfo> = {};
  const pairs = new Map<string, { scenario: string; config: string }>();
  const missing: { environment: string; message: string }[] = [];

  for (const [version, entry] of objectEntries(versioning.version_results)) {
    const environment = `datason-${version}`;
    const installError = asString(entry.error);
    if (entry.available === false || (installError !== null && entry.datasets === undefined)) {
      environments[environment] = legacyEnvironment(python, { datason: null });
      missing.push({
        environment,
        message: `datason ${version} was not available: ${installError ?? "not installed"}`,
      });
      continue;
    }
    environments[environment] = legacyEnvironment(python, { datason: version });
    for (const [scenario, dataset] of objectEntries(entry.datasets)) {
      const configs = asObject(asObject(dataset.results)?.config_results);
      for (const [config, block] of objectEntries(configs)) {
        pairs.set(`${scenario}\u0000${config}`, { scenario, config });
        cells.push(cellFromTimingBlock({
          suite,
          scenario,
          target: `datason[${config}]`,
          environment,
          operation: "serialize",
        }, block));
      }
    }
  }
  for (const { environment, message } of missing) {
    for (const { scenario, config } of pairs.values()) {
      cells.push(failedCell(
        {
          suite,
          scenario,
          target: `datason[${config}]`,
          environment,
          operation: "serialize",
        },
        message,
        "unavailable",
      ));
    }
  }
  const datasonVersion = asString(meta.datason_version);
  return {
    format: "G",
    startedAt: firstTimestamp(meta.timestamp, innerMeta.timestamp, doc.timestamp),
    durationSeconds: null,
    datasonVersion,
    pythonVersion: python.version,
    toolVersion: asString(meta.enhancement),
    git: gitOf(meta.runner_info),
    environments,
    cells,
  };
}
