/**
 * `fitRows()`: size fitting for records of megabytes, built as JSON text one row at a time, in
 * memory that does not grow with the record.
 *
 * `fitToSize()` builds a record as a JS value and serializes it, several times while it searches;
 * for a 10 MB table that means tens of megabytes of objects per record, which V8 collects lazily.
 * Here a row source serializes each row as soon as it makes it. Pass 1 counts: rows are added
 * until the size reaches the target (the last row is kept only if that lands closer to it), then
 * the text around the rows is made for that count (`frame`). Pass 2 happens while the record is
 * written: a fresh source makes the same rows again, joined into blocks of about 64 KB that are
 * written and dropped. The record's text never exists as a whole.
 *
 * The result is exactly what `JSON.stringify` would write for the equivalent value, provided the
 * rows and the frame are built with `JSON.stringify` of each part (numbers may be joined with
 * `Array.prototype.join`, which formats them the same way) and plain `,` between rows.
 */

import { SizeFitError } from "./fit_to_size.ts";
import { JsonText } from "./json_text.ts";
import { utf8ByteLength } from "./utf8_byte_length.ts";

/** Makes the rows of one record. */
export interface RowSource {
  /**
   * JSON text of row `index` (asked for in order 0, 1, 2, …): one array element, or several
   * comma-separated elements (a matrix row of a flat ndarray). May collect side data for `frame`
   * (e.g. a label per image).
   */
  next(index: number): string;
  /**
   * The text before and after the comma-joined rows for `rows` rows, from what this source made.
   * Must not draw random numbers (it is also called with 0 rows, to estimate its size).
   */
  frame(rows: number): readonly [before: string, after: string];
}

export interface RowFitOptions {
  targetBytes: number;
  sizeRange: readonly [number, number];
  /**
   * Makes a fresh row source. Every source must make the same rows: draw from a stream forked
   * under a fixed label inside this function, not from a stream shared with anything else.
   */
  createRows: () => RowSource;
  /** Bytes the frame grows by per row (e.g. one label per image in a separate array). */
  frameBytesPerRow?: number;
  minRows?: number;
  maxRows?: number;
  /** Names the record in errors. */
  what?: string;
}

/** Stands for the rows in the value given to `frameAround()`; never appears in real data. */
export const ROWS_MARKER = "\u0000rows\u0000";
const MARKER_JSON = JSON.stringify(ROWS_MARKER);

/** An array holding only `ROWS_MARKER`, typed as the array the rows will form. */
export function rowsMarker<T>(): T[] {
  return [ROWS_MARKER as unknown as T];
}

/**
 * Splits `JSON.stringify(value)` around the array element `ROWS_MARKER`: `[before, after]` such
 * that `before + rows.join(",") + after` is the JSON of `value` with the marker replaced by the
 * rows. The value must hold the marker exactly once, as the only element of an array.
 */
export function frameAround(value: unknown): [string, string] {
  const json = JSON.stringify(value);
  const at = json.indexOf(MARKER_JSON);
  if (at < 0 || json.indexOf(MARKER_JSON, at + 1) >= 0) {
    throw new Error("frameAround(): the value must contain ROWS_MARKER exactly once");
  }
  return [json.slice(0, at), json.slice(at + MARKER_JSON.length)];
}

const BLOCK_CHARS = 64 * 1024;

export function fitRows(options: RowFitOptions): JsonText {
  const [min, max] = options.sizeRange;
  const target = Math.min(max, Math.max(min, options.targetBytes));
  const minRows = options.minRows ?? 1;
  const maxRows = options.maxRows ?? Number.MAX_SAFE_INTEGER;
  const perRow = options.frameBytesPerRow ?? 0;

  // Pass 1: count the rows; nothing is kept but their total size.
  const counting = options.createRows();
  const [before0, after0] = counting.frame(0);
  // The frame grows by the digits of the row count (a shape, a count field); allow for 8.
  const frameBytes = utf8ByteLength(before0) + utf8ByteLength(after0) + 8;
  let rowsBytes = 0; // rows plus the commas between them
  let rows = 0;
  while (rows < maxRows) {
    const rowBytes = utf8ByteLength(counting.next(rows)) + (rows > 0 ? 1 : 0);
    const without = frameBytes + rowsBytes + rows * perRow;
    const withRow = without + rowBytes + perRow;
    if (rows >= minRows && withRow > target && withRow - target >= target - without) break;
    rowsBytes += rowBytes;
    rows++;
    if (withRow >= target) break;
  }
  const [before, after] = counting.frame(rows);
  const bytes = utf8ByteLength(before) + rowsBytes + utf8ByteLength(after);
  if (bytes < min || bytes > max) {
    throw new SizeFitError(
      `${options.what ?? "record"}: ${rows} rows make ${bytes} B, outside ${min}–${max} B ` +
        `(target ${target} B)`,
    );
  }

  // Pass 2, while writing: the same rows from a fresh source, in blocks.
  const count = rows;
  const pieces: Iterable<string> = {
    *[Symbol.iterator]() {
      yield before;
      const source = options.createRows();
      let block: string[] = [];
      let blockBytes = 0;
      let first = true;
      for (let k = 0; k < count; k++) {
        const row = source.next(k);
        block.push(row);
        blockBytes += row.length;
        if (blockBytes >= BLOCK_CHARS || k === count - 1) {
          yield (first ? "" : ",") + block.join(",");
          first = false;
          block = [];
          blockBytes = 0;
        }
      }
      yield after;
    },
  };
  return new JsonText(pieces, bytes);
}
