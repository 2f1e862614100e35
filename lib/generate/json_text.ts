/**
 * JSON text of a record, possibly in pieces. Small records are one `JSON.stringify` string; large
 * ones (megabytes) are made row by row while they are written (`fitRows()`), so that no
 * multi-megabyte JS value or string is ever built. Either way the concatenated pieces are exactly
 * what `JSON.stringify(data)` writes for the record.
 */

import { utf8ByteLength } from "./utf8_byte_length.ts";

export class JsonText {
  /** Concatenated, the record's JSON; may be made while it is iterated (iterate it once). */
  readonly pieces: Iterable<string>;
  /** UTF-8 bytes of the concatenation. */
  readonly bytes: number;
  constructor(pieces: Iterable<string>, bytes?: number) {
    this.pieces = pieces;
    this.bytes = bytes ?? [...pieces].reduce((sum, p) => sum + utf8ByteLength(p), 0);
  }
  /** The whole text as one string (tests; avoid for large records). */
  toString(): string {
    return [...this.pieces].join("");
  }
}

/** JSON text already made for a value (by `fitToSize()`), so it is not serialized twice. */
const knownJson = new WeakMap<object, JsonText>();

/** Remembers `json` as the text of `value`; valid while the value is not changed. */
export function rememberJson(value: unknown, json: string, bytes: number): void {
  if (value !== null && typeof value === "object") {
    knownJson.set(value, new JsonText([json], bytes));
  }
}

/** The JSON text of a generator's result: a `JsonText` as is, anything else serialized. */
export function recordJson(data: unknown): JsonText {
  if (data instanceof JsonText) return data;
  if (data !== null && typeof data === "object") {
    const known = knownJson.get(data);
    if (known !== undefined) return known;
  }
  const json = JSON.stringify(data);
  if (json === undefined) throw new TypeError(`value is not JSON-serializable: ${String(data)}`);
  return new JsonText([json]);
}
