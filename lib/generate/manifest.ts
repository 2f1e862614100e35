/**
 * The dataset manifest (`<data.dir>/manifest.json`, schema `datason-bench/manifest@1`): what
 * `generate` wrote, and what `run` checks a dataset against before measuring it.
 *
 * The manifest is deterministic (no timestamps, no absolute paths): the same seed gives the same
 * manifest on every OS, so comparing manifests compares every file's SHA-256.
 */

import type { Tier } from "./scenario.ts";

export const MANIFEST_SCHEMA = "datason-bench/manifest@1";
export const MANIFEST_SCHEMA_VERSION = 1;
export const MANIFEST_FILE_NAME = "manifest.json";
export const DATASET_SCHEMA = "datason-bench/dataset@1";

/** First line of every dataset file. */
export interface DatasetHeader {
  /** "json" in a JSON-tier file (`<scenario>.json-tier.jsonl`); absent in the typed file. */
  tier?: "json";
  schema: typeof DATASET_SCHEMA;
  scenario: string;
  seed: number;
  generatorVersion: string;
  count: number;
  /** [min, max] bytes of each record's canonical JSON (`data` only). */
  sizeRange: [number, number];
  /** The config's `referenceDate` the data was generated against (datetimes lie before it). */
  referenceDate: string;
}

/** Every further line: one record. `data` may contain typed values `{"__type__": T, "v": …}`. */
export interface DatasetLine {
  i: number;
  /** The size the record was fitted to (its actual size lies in `sizeRange`, near this). */
  targetBytes: number;
  data: unknown;
}

/** What the manifest says about one file: enough to check it. */
export interface DatasetFileDigest {
  /** File name relative to the manifest's folder, e.g. `api_fast.jsonl`. */
  file: string;
  sha256: string;
  bytes: number;
  records: number;
}

export interface ManifestFile extends DatasetFileDigest {
  seed: number;
  generatorVersion: string;
  sizeRange: [number, number];
  tier: Tier;
  referenceDate: string;
  /**
   * The same records projected to JSON-native values (`<scenario>.json-tier.jsonl`, see
   * `json_tier_projector.ts`). Absent in manifests written before the JSON tier existed, and while
   * the projection of a new typed file is not written yet.
   */
  jsonTier?: DatasetFileDigest;
}

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  /** Seed of the latest `generate`; each file's own seed is in `files[…].seed`. */
  seed: number;
  generatorVersion: string;
  referenceDate: string;
  /** Keyed by scenario name, in the canonical scenario order. */
  files: Record<string, ManifestFile>;
}

/** The dataset file name of a scenario. */
export function datasetFileName(scenario: string): string {
  return `${scenario}.jsonl`;
}

/** The JSON-tier file name of a scenario. */
export function jsonTierFileName(scenario: string): string {
  return `${scenario}.json-tier.jsonl`;
}
