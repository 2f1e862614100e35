/**
 * The dataset manifest (`<data.dir>/manifest.json`, schema `datason-bench/manifest@1`): what
 * `generate` wrote, and what `run` checks a dataset against before measuring it.
 */

export const MANIFEST_SCHEMA = "datason-bench/manifest@1";
export const MANIFEST_FILE_NAME = "manifest.json";
export const DATASET_SCHEMA = "datason-bench/dataset@1";

/** First line of every dataset file. */
export interface DatasetHeader {
  schema: typeof DATASET_SCHEMA;
  scenario: string;
  seed: number;
  generatorVersion: string;
  count: number;
  /** [min, max] bytes of each record's canonical JSON (`data` only). */
  sizeRange: [number, number];
}

/** Every further line: one record. `data` may contain typed values `{"__type__": T, "v": …}`. */
export interface DatasetLine {
  i: number;
  targetBytes: number;
  data: unknown;
}

export interface ManifestFile {
  /** File name relative to the manifest's folder, e.g. `api_fast.jsonl`. */
  file: string;
  sha256: string;
  bytes: number;
  records: number;
  seed: number;
  generatorVersion: string;
  sizeRange: [number, number];
  tier: "json_safe" | "object_enhanced" | "ml_complex";
}

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  seed: number;
  generatorVersion: string;
  referenceDate: string;
  /** Keyed by scenario name. */
  files: Record<string, ManifestFile>;
}
