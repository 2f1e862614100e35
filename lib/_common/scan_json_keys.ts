/**
 * What JSON.parse cannot report: an object that names a key twice (JSON.parse keeps the last one
 * silently, so a config's second `"processes"` would win unseen) and the key `__proto__` (which
 * JSON.parse makes an own property, but which copying, merging or assigning turns into an object's
 * prototype). `findJsonKeyProblem()` scans JSON text that JSON.parse already accepted, in one pass
 * over the characters: strings are skipped with `indexOf`, only keys are decoded, and an object's
 * keys are remembered only while the scan is inside it.
 */

import { formatJsonPath, type PathSegment } from "./json_path.ts";

export interface JsonKeyProblem {
  kind: "duplicate-key" | "reserved-key";
  key: string;
  /** JSON path of the key, e.g. `profiles.quick.processes`. */
  path: string;
  /** Offset of the key's opening quote in the text. */
  offset: number;
}

/** The key `__proto__`, refused wherever it appears. */
export const RESERVED_KEY = "__proto__";

interface ObjectFrame {
  object: true;
  keys: string[] | Set<string>;
  /** The key whose value the scan is in (null before the first key). */
  key: string | null;
}

interface ArrayFrame {
  object: false;
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

/** Objects with up to this many keys are checked with an array; larger ones get a Set. */
const SMALL = 16;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The first duplicate or reserved key of valid JSON `text`, or null when there is none. */
export function findJsonKeyProblem(text: string): JsonKeyProblem | null {
  const stack: Frame[] = [];
  let expectKey = false;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (expectKey) {
        const frame = stack[stack.length - 1] as ObjectFrame;
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? JSON.parse(text.slice(i, end + 1)) as string : raw;
        if (key === RESERVED_KEY) return problem("reserved-key", key, stack, i);
        if (!remember(frame, key)) return problem("duplicate-key", key, stack, i);
        frame.key = key;
        expectKey = false;
      }
      i = end + 1;
      continue;
    }
    switch (c) {
      case 0x7b: // {
        stack.push({ object: true, keys: [], key: null });
        expectKey = true;
        break;
      case 0x5b: // [
        stack.push({ object: false, index: 0 });
        expectKey = false;
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        expectKey = false;
        break;
      case 0x2c: { // ,
        const frame = stack[stack.length - 1];
        if (frame.object) expectKey = true;
        else frame.index++;
        break;
      }
    }
    i++;
  }
  return null;
}

/** Index of the quote that closes the string opening at `start`. */
function closingQuote(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j === -1) return text.length;
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j++;
  }
}

/** Adds `key` to the object's keys; false when it was there already. */
function remember(frame: ObjectFrame, key: string): boolean {
  const keys = frame.keys;
  if (Array.isArray(keys)) {
    if (keys.includes(key)) return false;
    keys.push(key);
    if (keys.length > SMALL) frame.keys = new Set(keys);
    return true;
  }
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}

function problem(
  kind: JsonKeyProblem["kind"],
  key: string,
  stack: Frame[],
  offset: number,
): JsonKeyProblem {
  const segments: PathSegment[] = [];
  for (let f = 0; f < stack.length - 1; f++) {
    const frame = stack[f];
    segments.push(frame.object ? frame.key ?? "" : frame.index);
  }
  segments.push(key);
  return { kind, key, path: formatJsonPath(segments), offset };
}
