/**
 * Checking dataset files against their manifest: `verifyDatasets()` reports each file's status,
 * `checkDatasetFolder()` is what `generate --verify` reports (each listed file, scenarios without
 * an entry, `.jsonl` files the manifest does not list), `checkDatasets()` is what `run` calls
 * before measuring — it throws an `InputError` naming the file and `datason-bench generate` when
 * anything does not match.
 */

import { join } from "node:path";
import { InputError } from "../_common/errors.ts";
import { sha256File } from "../_common/sha256.ts";
import { SCENARIO_NAMES } from "../_common/vocabulary.ts";
import {
  type DatasetFileDigest,
  datasetFileName,
  jsonTierFileName,
  type Manifest,
} from "./manifest.ts";
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

/**
 * Dataset files (`*.jsonl`) in `dir` that the manifest does not list, by name, sorted: a file a
 * lost manifest entry left behind, or one copied in by hand. With `scenarios`, only theirs.
 * Hidden files (temporary files, the folder's lock) are not datasets.
 */
export async function unlistedDatasetFiles(
  dir: string,
  manifest: Manifest,
  scenarios?: readonly string[],
): Promise<string[]> {
  // A scenario's typed file and its JSON-tier projection.
  const listed = new Set(
    Object.values(manifest.files).flatMap((entry) => [
      entry.file,
      ...(entry.jsonTier ? [entry.jsonTier.file] : []),
    ]),
  );
  const wanted = scenarios === undefined
    ? null
    : new Set(scenarios.flatMap((s) => [datasetFileName(s), jsonTierFileName(s)]));
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || entry.name.startsWith(".") || !entry.name.endsWith(".jsonl")) continue;
      if (listed.has(entry.name) || (wanted !== null && !wanted.has(entry.name))) continue;
      names.push(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort();
}

/** What `generate --verify` found in a dataset folder. */
export interface DatasetFolderCheck {
  dir: string;
  statuses: DatasetFileStatus[];
  /** Scenarios asked for that manifest.json has no entry for. */
  notInManifest: string[];
  /** `.jsonl` files in the folder that manifest.json does not list. */
  unlistedFiles: string[];
  ok: boolean;
}

/** Checks every file of the manifest (or of `scenarios`) and looks for files it does not list. */
export async function checkDatasetFolder(
  dir: string,
  scenarios?: readonly string[],
): Promise<DatasetFolderCheck> {
  const manifest = await readManifest(dir);
  const statuses = await verifyDatasets(dir, manifest, scenarios);
  const notInManifest = (scenarios ?? []).filter((n) => !Object.hasOwn(manifest.files, n));
  const unlistedFiles = await unlistedDatasetFiles(dir, manifest, scenarios);
  const ok = statuses.every((s) => s.status === "ok") && notInManifest.length === 0 &&
    unlistedFiles.length === 0;
  return { dir, statuses, notInManifest, unlistedFiles, ok };
}

/** The input error (exit 2) a folder check amounts to, or null when everything matches. */
export function datasetFolderProblem(check: DatasetFolderCheck, where: string): InputError | null {
  const { statuses, notInManifest, unlistedFiles } = check;
  if (notInManifest.length > 0) {
    return new InputError(
      `${where}/manifest.json has no entry for ${notInManifest.join(", ")}`,
      { hint: `run \`datason-bench generate --scenario ${notInManifest.join(",")}\`` },
    );
  }
  if (unlistedFiles.length > 0) {
    const known = SCENARIO_NAMES.filter((n) =>
      unlistedFiles.includes(datasetFileName(n)) || unlistedFiles.includes(jsonTierFileName(n))
    );
    return new InputError(
      `${unlistedFiles.length} dataset file(s) in ${where} are not listed in manifest.json: ` +
        unlistedFiles.join(", "),
      {
        hint: known.length > 0
          ? `run \`datason-bench generate --scenario ${known.join(",")}\` to regenerate and list ` +
            "them; remove files that do not belong there"
          : "remove the files that do not belong there",
      },
    );
  }
  const bad = statuses.filter((s) => s.status !== "ok");
  if (bad.length > 0) {
    return new InputError(
      `${bad.length} of ${statuses.length} dataset file(s) in ${where} do not match manifest.json: ` +
        bad.map((s) => s.entry.file).join(", "),
      { hint: "run `datason-bench generate` to regenerate them" },
    );
  }
  return null;
}

/** The `datason-bench/generate-verify@1` document of a folder check. */
export function datasetCheckDocument(check: DatasetFolderCheck) {
  return {
    schema: "datason-bench/generate-verify@1",
    dir: check.dir,
    ok: check.ok,
    files: check.statuses.map((s) => ({
      scenario: s.scenario,
      file: s.entry.file,
      status: s.status,
      expectedSha256: s.entry.sha256,
      expectedBytes: s.entry.bytes,
      ...(s.status === "hash-mismatch" ? { actualSha256: s.actualSha256 } : {}),
      ...(s.status === "size-mismatch" ? { actualBytes: s.actualBytes } : {}),
    })),
    notInManifest: check.notInManifest,
    unlistedFiles: check.unlistedFiles,
  };
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
