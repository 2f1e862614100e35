/**
 * Streaming dataset writer: the header line, then one record per line, written to a temporary
 * file while the SHA-256 is computed over the same bytes. Memory stays bounded by the largest
 * record. Nothing appears under the final name until `commit()` renames the complete file, so an
 * interrupted run never leaves a partial dataset behind a real name.
 */

import { createHash } from "node:crypto";
import { join } from "node:path";
import { ExecutionError } from "../_common/errors.ts";
import { AtomicFileWriter } from "../_common/atomic_write.ts";
import { type GeneratedRecord, generateRecord } from "./generate_record.ts";
import { createScenarioFaker } from "./generate_record.ts";
import { GENERATOR_VERSION } from "./generator_version.ts";
import {
  DATASET_SCHEMA,
  datasetFileName,
  type DatasetHeader,
  type ManifestFile,
} from "./manifest.ts";
import type { Scenario } from "./scenario.ts";

/** UTF-16 units encoded per write. */
const CHUNK_CHARS = 1 << 18;

export interface WriteDatasetOptions {
  dir: string;
  scenario: Scenario;
  seed: number;
  count: number;
  referenceDate: string;
  /** Checked between records; when aborted the temporary file is removed. */
  signal?: AbortSignal;
  /** Called after each record is written. */
  onRecord?: (record: GeneratedRecord) => void;
}

/** A dataset written to its temporary file, waiting for `commit()` (rename) or `abort()`. */
export interface PendingDataset {
  entry: ManifestFile;
  path: string;
  tempPath: string;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Thrown when the abort signal fires mid-file; the temporary file is already removed. */
export class GenerationInterrupted extends Error {
  readonly scenario: string;
  constructor(scenario: string) {
    super(`generation of "${scenario}" interrupted`);
    this.name = "GenerationInterrupted";
    this.scenario = scenario;
  }
}

export function datasetHeader(
  scenario: Scenario,
  seed: number,
  count: number,
  referenceDate: string,
): DatasetHeader {
  return {
    schema: DATASET_SCHEMA,
    scenario: scenario.name,
    seed,
    generatorVersion: GENERATOR_VERSION,
    count,
    sizeRange: [scenario.sizeRange[0], scenario.sizeRange[1]],
    referenceDate,
  };
}

export async function writeDatasetFile(options: WriteDatasetOptions): Promise<PendingDataset> {
  const { scenario, seed, count, referenceDate } = options;
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count ${count} must be ≥ 1`);
  const file = datasetFileName(scenario.name);
  const path = join(options.dir, file);
  const writer = await AtomicFileWriter.open(path);
  const hash = createHash("sha256");
  const encoder = new TextEncoder();
  const buffer = new Uint8Array(CHUNK_CHARS * 3);
  let bytes = 0;
  // Encodes through one reused buffer, a slice at a time: a 10 MB record is never copied into a
  // second 10 MB array. A UTF-16 unit takes at most 3 bytes, so every slice fits the buffer.
  const write = async (text: string) => {
    for (let start = 0; start < text.length;) {
      let end = Math.min(text.length, start + CHUNK_CHARS);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // keep surrogate pairs whole
      const { written } = encoder.encodeInto(text.slice(start, end), buffer);
      const chunk = buffer.subarray(0, written);
      hash.update(chunk);
      bytes += written;
      try {
        await writer.write(chunk);
      } catch (error) {
        throw new ExecutionError(
          `cannot write "${writer.tempPath}": ${error instanceof Error ? error.message : error}`,
          { hint: "check the free disk space of the output folder", cause: error },
        );
      }
      start = end;
    }
  };

  try {
    await write(`${JSON.stringify(datasetHeader(scenario, seed, count, referenceDate))}\n`);
    const faker = createScenarioFaker(referenceDate);
    for (let i = 0; i < count; i++) {
      if (options.signal?.aborted) throw new GenerationInterrupted(scenario.name);
      const record = generateRecord(scenario, seed, i, faker);
      // Pieces, not one concatenation: no second copy of a 10 MB record.
      await write(`{"i":${i},"targetBytes":${record.targetBytes},"data":`);
      const before = bytes;
      for (const piece of record.json.pieces) await write(piece);
      if (bytes - before !== record.bytes) {
        throw new Error(
          `${scenario.name} record ${i}: wrote ${bytes - before} B of data, the generator ` +
            `measured ${record.bytes} B (the generator is not deterministic)`,
        );
      }
      await write("}\n");
      options.onRecord?.(record);
    }
  } catch (error) {
    await writer.abort();
    throw error;
  }

  const entry: ManifestFile = {
    file,
    sha256: hash.digest("hex"),
    bytes,
    records: count,
    seed,
    generatorVersion: GENERATOR_VERSION,
    sizeRange: [scenario.sizeRange[0], scenario.sizeRange[1]],
    tier: scenario.tier,
    referenceDate,
  };
  return {
    entry,
    path,
    tempPath: writer.tempPath,
    commit: () => writer.commit(),
    abort: () => writer.abort(),
  };
}
