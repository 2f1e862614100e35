/**
 * Streaming reader of a dataset file (JSON Lines): the header, then one record per line, each
 * validated as it is read. Memory stays bounded by the largest line.
 */

import { InputError } from "../../lib/_common/errors.ts";
import {
  DATASET_SCHEMA,
  type DatasetHeader,
  type DatasetLine,
} from "../../lib/generate/manifest.ts";
import { REGENERATE_HINT } from "../../lib/generate/parse_manifest.ts";
import { utf8ByteLength } from "../../lib/generate/utf8_byte_length.ts";

export interface DatasetRecord extends DatasetLine {
  /** UTF-8 bytes of `JSON.stringify(data)`. */
  bytes: number;
}

export interface OpenDataset {
  header: DatasetHeader;
  /** The records in file order; throws `InputError` naming the line on a malformed one. */
  records: AsyncGenerator<DatasetRecord>;
}

/** Lines of a UTF-8 text file, split on "\n" (JSON text never holds a raw newline). */
async function* fileLines(path: string): AsyncGenerator<string> {
  using file = await Deno.open(path, { read: true });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  for await (const chunk of file.readable) {
    pending += decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = pending.indexOf("\n", start);
    while (newline >= 0) {
      yield pending.slice(start, newline);
      start = newline + 1;
      newline = pending.indexOf("\n", start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== "") yield pending;
}

function fail(path: string, line: number, message: string): never {
  throw new InputError(`cannot read dataset "${path}": line ${line}: ${message}`, {
    hint: REGENERATE_HINT,
  });
}

function parseLine(path: string, line: number, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(path, line, `malformed JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(path, line, "not a JSON object");
  }
  return value as Record<string, unknown>;
}

function checkHeader(path: string, value: Record<string, unknown>): DatasetHeader {
  if (value.schema !== DATASET_SCHEMA) {
    fail(path, 1, `schema: expected "${DATASET_SCHEMA}" (got ${JSON.stringify(value.schema)})`);
  }
  const isInt = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0;
  if (typeof value.scenario !== "string") fail(path, 1, "scenario: expected a string");
  if (!isInt(value.seed)) fail(path, 1, "seed: expected an integer");
  if (typeof value.generatorVersion !== "string") {
    fail(path, 1, "generatorVersion: expected a string");
  }
  if (!isInt(value.count)) fail(path, 1, "count: expected an integer");
  const range = value.sizeRange;
  if (!Array.isArray(range) || range.length !== 2 || !range.every(isInt) || range[0] > range[1]) {
    fail(path, 1, "sizeRange: expected [min, max]");
  }
  if (typeof value.referenceDate !== "string") fail(path, 1, "referenceDate: expected a string");
  return value as unknown as DatasetHeader;
}

/** Opens a dataset file and reads its header. */
export async function openDataset(path: string): Promise<OpenDataset> {
  const lines = fileLines(path);
  let first: IteratorResult<string>;
  try {
    first = await lines.next();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new InputError(`cannot read dataset "${path}": no such file`, {
        hint: "run `datason-bench generate`",
      });
    }
    if (error instanceof TypeError) fail(path, 1, "not valid UTF-8");
    throw error;
  }
  if (first.done) fail(path, 1, "the file is empty");
  const header = checkHeader(path, parseLine(path, 1, first.value));
  async function* records(): AsyncGenerator<DatasetRecord> {
    let index = 0;
    try {
      for await (const text of lines) {
        const line = index + 2;
        const value = parseLine(path, line, text);
        if (value.i !== index) {
          fail(path, line, `i: expected ${index} (got ${JSON.stringify(value.i)})`);
        }
        if (!Number.isSafeInteger(value.targetBytes)) {
          fail(path, line, "targetBytes: expected an integer");
        }
        if (!("data" in value)) fail(path, line, "data: missing");
        yield {
          i: index,
          targetBytes: value.targetBytes as number,
          data: value.data,
          bytes: utf8ByteLength(JSON.stringify(value.data)),
        };
        index++;
      }
    } catch (error) {
      if (error instanceof TypeError && /decode|utf-?8/i.test(error.message)) {
        fail(path, index + 2, "not valid UTF-8");
      }
      throw error;
    }
    if (index !== header.count) {
      fail(path, index + 2, `the header announces ${header.count} records, the file has ${index}`);
    }
  }
  return { header, records: records() };
}
