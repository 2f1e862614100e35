/**
 * Datasets are checked against `<data.dir>/manifest.json` before anything is measured: a missing
 * file or a SHA-256 that differs from the manifest is an input error (exit 2) that names
 * `datason-bench generate`.
 *
 * `readDatasetManifest()` is a minimal reader written for `run`; once the generator's own
 * `readManifest` (lib/generate) lands, this one should call it.
 */

import { join } from "node:path";
import { InputError } from "../cli/errors.ts";
import {
  type Manifest,
  MANIFEST_FILE_NAME,
  MANIFEST_SCHEMA,
  type ManifestFile,
} from "../generate/manifest.ts";
import { sha256File } from "../results/sha256.ts";

export interface CheckedDataset {
  scenario: string;
  path: string;
  sha256: string;
  bytes: number;
  records: number;
  seed: number;
  generatorVersion: string;
}

const GENERATE_HINT = "run `datason-bench generate` to write the datasets and their manifest";

/** Reads and minimally validates the manifest of a data folder. */
export async function readDatasetManifest(dataDir: string): Promise<Manifest> {
  const path = join(dataDir, MANIFEST_FILE_NAME);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new InputError(`cannot read dataset manifest "${path}": ${reason}`, {
      hint: `${GENERATE_HINT} (or pass --data DIR)`,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `cannot read dataset manifest "${path}": ${
        error instanceof Error ? error.message : String(error)
      }`,
      { hint: "run `datason-bench generate --force` to rewrite it" },
    );
  }
  const manifest = value as Partial<Manifest> | null;
  if (manifest === null || typeof manifest !== "object" || manifest.schema !== MANIFEST_SCHEMA) {
    throw new InputError(
      `cannot read dataset manifest "${path}": schema: expected "${MANIFEST_SCHEMA}"`,
      { hint: "run `datason-bench generate --force` to rewrite it" },
    );
  }
  if (typeof manifest.files !== "object" || manifest.files === null) {
    throw new InputError(`cannot read dataset manifest "${path}": files: must be an object`, {
      hint: "run `datason-bench generate --force` to rewrite it",
    });
  }
  for (const [scenario, file] of Object.entries(manifest.files)) {
    const entry = file as Partial<ManifestFile>;
    if (typeof entry?.file !== "string" || typeof entry.sha256 !== "string") {
      throw new InputError(
        `cannot read dataset manifest "${path}": files.${scenario}: needs "file" and "sha256"`,
        { hint: "run `datason-bench generate --force` to rewrite it" },
      );
    }
  }
  return manifest as Manifest;
}

/** Finds a scenario's dataset and checks its SHA-256 against the manifest. */
export async function checkDataset(
  dataDir: string,
  manifest: Manifest,
  scenario: string,
): Promise<CheckedDataset> {
  const entry = manifest.files[scenario];
  const manifestPath = join(dataDir, MANIFEST_FILE_NAME);
  if (entry === undefined) {
    throw new InputError(
      `cannot load dataset for scenario "${scenario}": "${manifestPath}" does not list it`,
      { hint: `${GENERATE_HINT}, e.g. \`datason-bench generate --scenario ${scenario}\`` },
    );
  }
  const path = join(dataDir, entry.file);
  let sha256: string;
  let bytes: number;
  try {
    bytes = (await Deno.stat(path)).size;
    sha256 = await sha256File(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new InputError(`cannot load dataset "${path}": ${reason}`, { hint: GENERATE_HINT });
  }
  if (sha256 !== entry.sha256) {
    throw new InputError(
      `cannot load dataset "${path}": sha256 differs from ${MANIFEST_FILE_NAME} ` +
        `(file ${sha256.slice(0, 12)}…, manifest ${entry.sha256.slice(0, 12)}…)`,
      { hint: "run `datason-bench generate --force` to rewrite the datasets" },
    );
  }
  return {
    scenario,
    path,
    sha256,
    bytes,
    records: entry.records ?? 0,
    seed: entry.seed ?? manifest.seed,
    generatorVersion: entry.generatorVersion ?? manifest.generatorVersion,
  };
}
