/**
 * Checking dataset files against their manifest: `verifyDatasets()` reports each file's status
 * (`generate --verify`), `checkDatasets()` is what `run` calls before measuring — it throws an
 * `InputError` naming the file and `datason-bench generate` when anything does not match.
 */

import { join } from "node:path";
import { InputError } from "../_common/errors.ts";
import { sha256File } from "../_common/sha256.ts";
import type { DatasetFileDigest, Manifest } from "./manifest.ts";
import { readManifest } from "./read_manifest.ts";

interface StatusBase {
  scenario: string;
  /** Absolute path of the dataset file. */
  path: string;
  /** The manifest's entry of the file (a scenario's entry, or its `jsonTier`). */
  entry: DatasetFileDigest;
}

export type DatasetFileStatus =
  | StatusBase & { status: "ok" }
  | StatusBase & { status: "missing" }
  | StatusBase & { status: "size-mismatch"; actualBytes: number }
  | StatusBase & { status: "hash-mismatch"; actualSha256: string };

export interface VerifyOptions {
  /** Hash the files (default true); false compares only existence and byte size. */
  checkHash?: boolean;
}

/** One file against its manifest entry. */
export async function verifyDatasetFile(
  dir: string,
  scenario: string,
  entry: DatasetFileDigest,
  options: VerifyOptions = {},
): Promise<DatasetFileStatus> {
  const path = join(dir, entry.file);
  const base = { scenario, path, entry };
  let size: number;
  try {
    const info = await Deno.stat(path);
    if (!info.isFile) return { ...base, status: "missing" };
    size = info.size;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { ...base, status: "missing" };
    throw error;
  }
  if (size !== entry.bytes) return { ...base, status: "size-mismatch", actualBytes: size };
  if (options.checkHash ?? true) {
    const actual = await sha256File(path);
    if (actual !== entry.sha256) return { ...base, status: "hash-mismatch", actualSha256: actual };
  }
  return { ...base, status: "ok" };
}

/**
 * Every file of the manifest (or of only `scenarios`), in manifest order: each scenario's typed
 * file, then its JSON-tier file when the manifest lists one.
 */
export async function verifyDatasets(
  dir: string,
  manifest: Manifest,
  scenarios?: readonly string[],
  options: VerifyOptions = {},
): Promise<DatasetFileStatus[]> {
  const out: DatasetFileStatus[] = [];
  for (const [scenario, entry] of Object.entries(manifest.files)) {
    if (scenarios !== undefined && !scenarios.includes(scenario)) continue;
    out.push(await verifyDatasetFile(dir, scenario, entry, options));
    if (entry.jsonTier !== undefined) {
      out.push(await verifyDatasetFile(dir, scenario, entry.jsonTier, options));
    }
  }
  return out;
}

/** Why a file does not match, in words. */
export function describeDatasetStatus(status: DatasetFileStatus): string {
  switch (status.status) {
    case "ok":
      return "matches manifest.json";
    case "missing":
      return "no such file (manifest.json lists it)";
    case "size-mismatch":
      return `${status.actualBytes} bytes, manifest.json says ${status.entry.bytes}`;
    case "hash-mismatch":
      return `sha256 differs from manifest.json (expected ${
        status.entry.sha256.slice(0, 12)
      }…, got ${status.actualSha256.slice(0, 12)}…)`;
  }
}

export interface CheckOptions extends VerifyOptions {
  /** Scenarios whose JSON-tier file is measured too, and so checked too. @default none */
  jsonTier?: readonly string[];
}

/**
 * Reads the manifest of `dir` and checks the files of `scenarios` before a benchmark reads them:
 * each typed file, and the JSON-tier file of the scenarios in `options.jsonTier`. Throws
 * `InputError` (exit 2) naming the file and `datason-bench generate` on any mismatch.
 */
export async function checkDatasets(
  dir: string,
  scenarios: readonly string[],
  options: CheckOptions = {},
): Promise<Manifest> {
  const manifest = await readManifest(dir);
  for (const scenario of scenarios) {
    const entry = manifest.files[scenario];
    if (entry === undefined) {
      throw new InputError(
        `cannot load dataset "${scenario}": ${join(dir, "manifest.json")} has no entry for it`,
        { hint: `run \`datason-bench generate --scenario ${scenario}\`` },
      );
    }
    const files: DatasetFileDigest[] = [entry];
    if (options.jsonTier?.includes(scenario)) {
      if (entry.jsonTier === undefined) {
        throw new InputError(
          `cannot load the JSON tier of "${scenario}": ${
            join(dir, "manifest.json")
          } lists no JSON-tier file for it (written before the JSON tier existed)`,
          {
            hint: `run \`datason-bench generate --scenario ${scenario}\` (it projects the JSON ` +
              "tier of a current dataset without regenerating it), or measure `--tier typed`",
          },
        );
      }
      files.push(entry.jsonTier);
    }
    for (const file of files) {
      const status = await verifyDatasetFile(dir, scenario, file, options);
      if (status.status !== "ok") {
        throw new InputError(
          `cannot load dataset "${status.path}": ${describeDatasetStatus(status)}`,
          { hint: "run `datason-bench generate` to regenerate it" },
        );
      }
    }
  }
  return manifest;
}
