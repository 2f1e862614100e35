/**
 * `generateDatasets()`: writes the dataset files of the selected scenarios and the manifest.
 *
 * Order of writes, so that the manifest never claims a file it does not describe — whenever the
 * process stops (Ctrl-C, kill -9, power loss):
 *   1. the records stream into a temporary file (`.tmp-<scenario>.jsonl.…`), hashed on the way;
 *   2. the scenario's old manifest entry, if any, is removed (manifest rewritten atomically);
 *   3. the temporary file is renamed to `<scenario>.jsonl`;
 *   4. the new entry is added (manifest rewritten atomically).
 * Then the JSON tier, projected from the typed file just written:
 *   5. the projection streams into a temporary file (`.tmp-<scenario>.json-tier.jsonl.…`);
 *   6. it is renamed to `<scenario>.json-tier.jsonl`;
 *   7. the entry gains `jsonTier` (manifest rewritten atomically).
 * A scenario whose file already matches its entry (same seed, count, generator version, reference
 * date, and the file's SHA-256) is skipped unless `force` is set; when only its JSON-tier file is
 * missing, changed or unlisted (a manifest from before the JSON tier), only that is rewritten. All
 * of it happens under the folder's lock (`folder_lock.ts`): a second `generate` into the same
 * folder waits, then starts from the manifest the first one wrote.
 */

import { basename, join } from "node:path";
import { InputError } from "../_common/errors.ts";
import { SCENARIO_NAMES } from "../_common/vocabulary.ts";
import { TEMP_PREFIX, writeFileAtomic } from "../_common/atomic_write.ts";
import { lockDatasetFolder } from "./folder_lock.ts";
import { GENERATOR_VERSION } from "./generator_version.ts";
import type { GeneratedRecord } from "./generate_record.ts";
import {
  type DatasetFileDigest,
  datasetFileName,
  jsonTierFileName,
  type Manifest,
  MANIFEST_FILE_NAME,
  MANIFEST_SCHEMA,
  type ManifestFile,
} from "./manifest.ts";
import { ManifestError } from "./parse_manifest.ts";
import { manifestPath, tryReadManifest } from "./read_manifest.ts";
import type { Scenario } from "./scenario.ts";
import { verifyDatasetFile } from "./verify_datasets.ts";
import { writeDatasetFile } from "./write_dataset.ts";
import { writeJsonTierFile } from "./write_json_tier_file.ts";

export interface GenerateDatasetsOptions {
  /** Output folder (created when missing). */
  dir: string;
  /** The scenarios to generate, in order. */
  scenarios: readonly Scenario[];
  seed: number;
  /** Records per scenario name. */
  counts: Readonly<Record<string, number>>;
  referenceDate: string;
  /** Regenerate even when the file matches the manifest. */
  force: boolean;
  signal?: AbortSignal;
  onEvent?: (event: GenerateEvent) => void;
  /** Longest wait for another generate's lock on the folder (default 30 minutes). */
  lockTimeoutMs?: number;
}

export type GenerateEvent =
  | { type: "skip"; scenario: string; entry: ManifestFile }
  | { type: "start"; scenario: string; count: number }
  | { type: "record"; scenario: string; record: GeneratedRecord }
  | { type: "done"; scenario: string; entry: ManifestFile; seconds: number }
  | { type: "json-tier"; scenario: string; entry: DatasetFileDigest; seconds: number }
  | { type: "notice"; message: string };

export type ScenarioOutcome =
  | { scenario: string; status: "unchanged"; entry: ManifestFile }
  | { scenario: string; status: "generated"; entry: ManifestFile; seconds: number }
  /** The typed file was current; only its JSON-tier file was (re)written. */
  | { scenario: string; status: "projected"; entry: ManifestFile; seconds: number };

export interface GenerateResult {
  manifest: Manifest;
  manifestPath: string;
  outcomes: ScenarioOutcome[];
}

/** Creates `dir` and proves it is writable; a bad folder is the user's input error (exit 2). */
export async function prepareOutputDir(dir: string): Promise<void> {
  const fix = "pass a writable folder with --out DIR, or change data.dir in the config";
  try {
    await Deno.mkdir(dir, { recursive: true });
    const probe = join(dir, `${TEMP_PREFIX}write-probe.${Deno.pid}`);
    await Deno.writeTextFile(probe, "");
    await Deno.remove(probe);
  } catch (error) {
    const reason = error instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : error instanceof Deno.errors.AlreadyExists || error instanceof Deno.errors.NotADirectory
      ? "a file of that name (or of a parent folder's name) is in the way"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new InputError(`cannot write datasets to "${dir}": ${reason}`, {
      hint: fix,
      cause: error,
    });
  }
}

function entryMatches(
  entry: ManifestFile | undefined,
  scenario: Scenario,
  seed: number,
  count: number,
  referenceDate: string,
): entry is ManifestFile {
  return entry !== undefined &&
    entry.file === datasetFileName(scenario.name) &&
    entry.seed === seed &&
    entry.records === count &&
    entry.generatorVersion === GENERATOR_VERSION &&
    entry.referenceDate === referenceDate &&
    entry.tier === scenario.tier &&
    entry.sizeRange[0] === scenario.sizeRange[0] &&
    entry.sizeRange[1] === scenario.sizeRange[1];
}

/** Manifest keys in the canonical scenario order, unknown names after them (sorted). */
function ordered(files: Record<string, ManifestFile>): Record<string, ManifestFile> {
  const known = SCENARIO_NAMES.filter((name) => name in files);
  const others = Object.keys(files).filter((name) => !known.includes(name as never)).sort();
  return Object.fromEntries([...known, ...others].map((name) => [name, files[name]]));
}

export function renderManifest(manifest: Manifest): string {
  return `${JSON.stringify({ ...manifest, files: ordered(manifest.files) }, null, 2)}\n`;
}

/** Removes temporary files a killed `generate` left for these names. */
async function removeLeftovers(dir: string, names: string[]): Promise<number> {
  let removed = 0;
  for await (const item of Deno.readDir(dir)) {
    if (!item.isFile) continue;
    if (names.some((name) => item.name.startsWith(`${TEMP_PREFIX}${name}.`))) {
      await Deno.remove(join(dir, item.name)).catch(() => {});
      removed++;
    }
  }
  return removed;
}

export async function generateDatasets(options: GenerateDatasetsOptions): Promise<GenerateResult> {
  const { dir } = options;
  const emit = options.onEvent ?? (() => {});
  await prepareOutputDir(dir);
  const lock = await lockDatasetFolder(dir, {
    signal: options.signal,
    timeoutMs: options.lockTimeoutMs,
    onWait: (message) => emit({ type: "notice", message }),
    onStale: (message) => emit({ type: "notice", message }),
  });
  try {
    return await generateLocked(options, emit);
  } finally {
    await lock.release();
  }
}

async function generateLocked(
  options: GenerateDatasetsOptions,
  emit: (event: GenerateEvent) => void,
): Promise<GenerateResult> {
  const { dir, seed, referenceDate } = options;
  const path = manifestPath(dir);

  let existing: Manifest | null = null;
  try {
    existing = await tryReadManifest(dir);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    emit({
      type: "notice",
      message: `ignoring the unreadable ${basename(path)} (${error.reason}); ` +
        "every selected scenario is regenerated",
    });
  }
  const manifest: Manifest = {
    schema: MANIFEST_SCHEMA,
    seed,
    generatorVersion: GENERATOR_VERSION,
    referenceDate,
    files: { ...(existing?.files ?? {}) },
  };
  let written = existing === null ? null : renderManifest(existing);
  const saveManifest = async () => {
    const text = renderManifest(manifest);
    if (text === written) return;
    await writeFileAtomic(path, text);
    written = text;
  };

  const leftovers = await removeLeftovers(dir, [
    MANIFEST_FILE_NAME,
    ...options.scenarios.map((s) => datasetFileName(s.name)),
    ...options.scenarios.map((s) => jsonTierFileName(s.name)),
  ]);
  if (leftovers > 0) {
    emit({
      type: "notice",
      message: `removed ${leftovers} temporary file(s) left by an interrupted generate in ${dir}`,
    });
  }

  /** Steps 5–7: projects the listed typed file of `name` into its JSON-tier file. */
  const writeJsonTier = async (name: string): Promise<number> => {
    const started = performance.now();
    const typed = manifest.files[name];
    const pending = await writeJsonTierFile(dir, name, join(dir, typed.file));
    try {
      if (typed.jsonTier !== undefined) {
        const { jsonTier: _stale, ...rest } = typed;
        manifest.files[name] = rest;
        await saveManifest();
      }
      await pending.commit();
    } catch (error) {
      await pending.abort();
      throw error;
    }
    manifest.files[name] = { ...manifest.files[name], jsonTier: pending.entry };
    await saveManifest();
    const seconds = (performance.now() - started) / 1000;
    emit({ type: "json-tier", scenario: name, entry: pending.entry, seconds });
    return seconds;
  };

  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of options.scenarios) {
    const count = options.counts[scenario.name];
    const old = manifest.files[scenario.name];
    if (!options.force && entryMatches(old, scenario, seed, count, referenceDate)) {
      const status = await verifyDatasetFile(dir, scenario.name, old);
      if (status.status === "ok") {
        const tier = old.jsonTier === undefined
          ? undefined
          : await verifyDatasetFile(dir, scenario.name, old.jsonTier);
        if (tier?.status === "ok") {
          emit({ type: "skip", scenario: scenario.name, entry: old });
          outcomes.push({ scenario: scenario.name, status: "unchanged", entry: old });
        } else {
          const seconds = await writeJsonTier(scenario.name);
          const entry = manifest.files[scenario.name];
          outcomes.push({ scenario: scenario.name, status: "projected", entry, seconds });
        }
        continue;
      }
    }
    emit({ type: "start", scenario: scenario.name, count });
    const started = performance.now();
    const pending = await writeDatasetFile({
      dir,
      scenario,
      seed,
      count,
      referenceDate,
      signal: options.signal,
      onRecord: (record) => emit({ type: "record", scenario: scenario.name, record }),
    });
    try {
      if (old !== undefined) {
        delete manifest.files[scenario.name];
        await saveManifest();
      }
      await pending.commit();
    } catch (error) {
      await pending.abort();
      throw error;
    }
    manifest.files[scenario.name] = pending.entry;
    await saveManifest();
    const seconds = (performance.now() - started) / 1000;
    emit({ type: "done", scenario: scenario.name, entry: pending.entry, seconds });
    await writeJsonTier(scenario.name);
    const entry = manifest.files[scenario.name];
    outcomes.push({ scenario: scenario.name, status: "generated", entry, seconds });
  }
  await saveManifest();
  return {
    manifest: { ...manifest, files: ordered(manifest.files) },
    manifestPath: path,
    outcomes,
  };
}
