/**
 * `writeJsonTierFile()`: projects a written typed dataset file into its JSON-tier file
 * (`<scenario>.json-tier.jsonl`). The header is the typed header plus `"tier": "json"`; each record
 * line keeps `i` and `targetBytes` and carries the projected `data` (see `json_tier_projector.ts`).
 *
 * The typed file is read as a stream and each line is projected while it is read, so memory stays
 * bounded by a read chunk and the projector's small state, whatever the record size. The output
 * depends only on the typed file's bytes. Nothing appears under the final name until `commit()`.
 */

import { join } from "node:path";
import { AtomicFileWriter } from "../_common/atomic_write.ts";
import { HashedTextWriter } from "./hashed_text_writer.ts";
import { JsonTierProjector } from "./json_tier_projector.ts";
import {
  DATASET_SCHEMA,
  type DatasetFileDigest,
  type DatasetHeader,
  jsonTierFileName,
} from "./manifest.ts";

export interface PendingJsonTier {
  entry: DatasetFileDigest;
  path: string;
  tempPath: string;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** The JSON-tier file's header: the typed file's header plus `"tier": "json"`. */
export function jsonTierHeader(typed: DatasetHeader): DatasetHeader {
  return { ...typed, tier: "json" };
}

/**
 * Projects the typed file `source` of `scenario` into a temporary file in `dir`, waiting for
 * `commit()` (rename to `<scenario>.json-tier.jsonl`) or `abort()`.
 */
export async function writeJsonTierFile(
  dir: string,
  scenario: string,
  source: string,
): Promise<PendingJsonTier> {
  const file = jsonTierFileName(scenario);
  const path = join(dir, file);
  const writer = await AtomicFileWriter.open(path);
  const out = new HashedTextWriter(writer);
  const pending: string[] = [];
  const projector = new JsonTierProjector((text) => pending.push(text));
  const drain = async () => {
    for (const text of pending) await out.write(text);
    pending.length = 0;
  };

  let line = 1;
  let headerText = "";
  let header: DatasetHeader | null = null;
  let lineOpen = false;
  let records = 0;
  const fail = (message: string): never => {
    throw new Error(`cannot project "${source}" into the JSON tier: line ${line}: ${message}`);
  };
  const endLine = async () => {
    if (header === null) {
      try {
        header = JSON.parse(headerText) as DatasetHeader;
      } catch (error) {
        fail(`the header is not JSON (${error instanceof Error ? error.message : error})`);
      }
      if (header === null || header.schema !== DATASET_SCHEMA || header.tier !== undefined) {
        fail(`not a typed dataset header (expected "schema": "${DATASET_SCHEMA}" and no "tier")`);
      }
      await out.write(`${JSON.stringify(jsonTierHeader(header as DatasetHeader))}\n`);
    } else if (lineOpen) {
      try {
        projector.end();
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
      await drain();
      await out.write("\n");
      records++;
    }
    lineOpen = false;
    line++;
  };
  const feed = async (text: string) => {
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf("\n", start);
      const segment = newline < 0 ? text.slice(start) : text.slice(start, newline);
      if (header === null) {
        headerText += segment;
      } else if (segment !== "") {
        try {
          projector.push(segment);
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
        }
        lineOpen = true;
        await drain();
      }
      if (newline < 0) return;
      await endLine();
      start = newline + 1;
    }
  };

  try {
    using input = await Deno.open(source, { read: true });
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for await (const chunk of input.readable) await feed(decoder.decode(chunk, { stream: true }));
    await feed(decoder.decode());
    if (header === null || lineOpen) await endLine();
    const count = (header as DatasetHeader | null)?.count;
    if (records !== count) fail(`the header announces ${count} records, the file has ${records}`);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return {
    entry: { file, sha256: out.sha256(), bytes: out.bytes, records },
    path,
    tempPath: writer.tempPath,
    commit: () => writer.commit(),
    abort: () => writer.abort(),
  };
}
