/**
 * The JSON tier of a dataset: each record projected to what a JSON API carries, so that every
 * library can run its plain API on the same content as the typed tier.
 *
 * | typed value (see `typed_values.ts`)      | JSON tier                                      |
 * |------------------------------------------|------------------------------------------------|
 * | `datetime`, `date`, `time`               | its ISO 8601 text, as written                  |
 * | `uuid`, `decimal`                        | its text                                       |
 * | `bytes`                                  | its base64 text                                |
 * | `set`, `tuple`                           | a list (tuple items projected in turn)         |
 * | `complex`                                | `[re, im]`                                     |
 * | `float` (`nan`, `inf`, `-inf`)           | `null`                                         |
 * | `int` (beyond ±(2^53−1))                 | a JSON integer with all its digits             |
 * | `ndarray`                                | nested lists by `shape` (a 0-d array: its item) |
 * | `dataframe`                              | a list of row objects keyed by `columns`       |
 *
 * Everything else (plain objects, arrays, strings, numbers, literals) is copied as its text. The
 * projector works on JSON *text*, streaming: it is fed the typed record's text in pieces of any
 * size and writes the projection in pieces, keeping only the container stack, one unfinished token
 * and small typed values (a shape, a DataFrame's columns) in memory — never a whole record, which
 * for large_data is megabytes. Numbers are copied digit for digit, so a JSON integer of any size
 * stays exact (JavaScript numbers could not hold it) and the output depends only on the input
 * bytes: the same typed file gives the same JSON-tier file on every OS.
 *
 * It relies on the typed file's layout, which `typed_values.ts` fixes and the generator keeps:
 * `__type__` is a typed value's first key, an ndarray's `shape` comes before its `data`, and a
 * DataFrame's `columns` before its `data`. Anything else is an error, never a silent guess.
 */

import { TYPED_VALUE_TYPES } from "./typed_values.ts";

const BLOCK_CHARS = 64 * 1024;

/** Typed values whose `v` is a JSON string that the JSON tier keeps as it is. */
const TEXT_TYPES = new Set(["datetime", "date", "time", "uuid", "decimal", "bytes"]);
/** Typed values whose `v` is an array that the JSON tier keeps as a list. */
const LIST_TYPES = new Set(["set", "tuple", "complex"]);

type Frame =
  /** `{` read, first key not yet: a plain object or a typed value. */
  | { kind: "pending" }
  | { kind: "object" }
  | { kind: "array" }
  | { kind: "typed"; type: string; state: "type" | "v-key" | "v" | "close" }
  | NdarrayFrame
  | DataframeFrame
  /** Collects an array of scalar tokens (an ndarray's shape, a DataFrame's columns). */
  | { kind: "collect"; into: string[] };

interface NdarrayFrame {
  kind: "ndarray";
  /** The payload key whose value comes next, or null between members. */
  key: string | null;
  shape: number[] | null;
  /** `block[j]`: elements in one array at nesting level j (product of `shape[j..]`). */
  block: number[];
  total: number;
  /** Elements of `data` written so far. */
  count: number;
  inData: boolean;
  sawData: boolean;
}

interface DataframeFrame {
  kind: "dataframe";
  key: string | null;
  columns: string[] | null;
  inData: boolean;
  /** Index of the next cell in the current row, or -1 outside a row. */
  cell: number;
  sawData: boolean;
}

/** Writes JSON text, putting the commas and colons in. */
class JsonTextSink {
  #pieces: string[] = [];
  #chars = 0;
  /** Per open container: has it an element already. */
  #hasElement: boolean[] = [];
  #afterKey = false;
  readonly #emit: (text: string) => void;

  constructor(emit: (text: string) => void) {
    this.#emit = emit;
  }

  value(text: string): void {
    this.#separate();
    this.#out(text);
  }

  key(text: string): void {
    this.#separate();
    this.#out(text);
    this.#out(":");
    this.#afterKey = true;
  }

  open(bracket: "{" | "["): void {
    this.#separate();
    this.#out(bracket);
    this.#hasElement.push(false);
  }

  close(bracket: "}" | "]"): void {
    this.#out(bracket);
    this.#hasElement.pop();
  }

  get depth(): number {
    return this.#hasElement.length;
  }

  flush(): void {
    if (this.#pieces.length === 0) return;
    this.#emit(this.#pieces.join(""));
    this.#pieces = [];
    this.#chars = 0;
  }

  #separate(): void {
    if (this.#afterKey) {
      this.#afterKey = false;
      return;
    }
    const top = this.#hasElement.length - 1;
    if (top < 0) return;
    if (this.#hasElement[top]) this.#out(",");
    this.#hasElement[top] = true;
  }

  #out(text: string): void {
    this.#pieces.push(text);
    this.#chars += text.length;
    if (this.#chars >= BLOCK_CHARS) this.flush();
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isDelimiter(code: number): boolean {
  // , ] } : and JSON whitespace
  return code === 0x2c || code === 0x5d || code === 0x7d || code === 0x3a || code === 0x20 ||
    code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Projects one JSON value at a time: `push()` its text in pieces, `end()` when the value is
 * complete; the projection goes to `emit` in pieces (at most about 64 K characters each).
 */
export class JsonTierProjector {
  readonly #sink: JsonTextSink;
  #stack: Frame[] = [];
  /** Unfinished token text carried over from the previous piece. */
  #carry = "";
  /** Per open input container: true for an object. */
  #containerKinds: boolean[] = [];
  /** Per open input container: the next string is a key (objects only). */
  #expectKey: boolean[] = [];
  #values = 0;

  constructor(emit: (text: string) => void) {
    this.#sink = new JsonTextSink(emit);
  }

  push(text: string): void {
    const s = this.#carry === "" ? text : this.#carry + text;
    this.#carry = "";
    const n = s.length;
    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      switch (c) {
        case 0x20:
        case 0x09:
        case 0x0a:
        case 0x0d:
        case 0x3a: // ':'
          i++;
          continue;
        case 0x2c: // ','
          if (this.#expectKey.length > 0 && this.#topIsObject()) {
            this.#expectKey[this.#expectKey.length - 1] = true;
          }
          i++;
          continue;
        case 0x7b: // '{'
          this.#containerOpened(true);
          this.#beginObject();
          i++;
          continue;
        case 0x5b: // '['
          this.#containerOpened(false);
          this.#beginArray();
          i++;
          continue;
        case 0x7d: // '}'
          this.#containerClosed();
          this.#endObject();
          i++;
          continue;
        case 0x5d: // ']'
          this.#containerClosed();
          this.#endArray();
          i++;
          continue;
        case QUOTE: {
          let j = i + 1;
          while (j < n) {
            const d = s.charCodeAt(j);
            if (d === BACKSLASH) j += 2;
            else if (d === QUOTE) break;
            else j++;
          }
          if (j >= n) {
            this.#carry = s.slice(i);
            return;
          }
          const token = s.slice(i, j + 1);
          const depth = this.#expectKey.length;
          if (depth > 0 && this.#expectKey[depth - 1]) {
            this.#expectKey[depth - 1] = false;
            this.#key(token);
          } else {
            this.#scalar(token);
          }
          i = j + 1;
          continue;
        }
        default: {
          let j = i + 1;
          while (j < n && !isDelimiter(s.charCodeAt(j))) j++;
          if (j >= n) {
            // A number may go on in the next piece.
            this.#carry = s.slice(i);
            return;
          }
          const top = this.#top();
          if (top?.kind === "ndarray" && top.inData) {
            i = this.#ndarrayRun(top, s, i, j);
            continue;
          }
          this.#scalar(s.slice(i, j));
          i = j;
        }
      }
    }
  }

  /** Ends the current value: checks it is complete and writes out what is pending. */
  end(): void {
    if (this.#carry !== "") {
      const token = this.#carry;
      this.#carry = "";
      if (token.charCodeAt(0) === QUOTE) throw new Error("unterminated string at the end");
      this.#scalar(token);
    }
    if (this.#stack.length > 0 || this.#sink.depth > 0) {
      throw new Error(`the value ends inside ${this.#stack.length} unclosed container(s)`);
    }
    if (this.#values !== 1) {
      throw new Error(`expected one JSON value, got ${this.#values}`);
    }
    this.#values = 0;
    this.#sink.flush();
  }

  // -- tokenizer bookkeeping ----------------------------------------------------------------

  #topIsObject(): boolean {
    return this.#containerKinds[this.#containerKinds.length - 1] === true;
  }

  #containerOpened(isObject: boolean): void {
    this.#containerKinds.push(isObject);
    this.#expectKey.push(isObject);
  }

  #containerClosed(): void {
    if (this.#containerKinds.length === 0) throw new Error("a closing bracket without an opening");
    this.#containerKinds.pop();
    this.#expectKey.pop();
  }

  // -- projection ---------------------------------------------------------------------------

  #top(): Frame | undefined {
    return this.#stack[this.#stack.length - 1];
  }

  /** A complete value was read at the current level. */
  #valueDone(): void {
    const top = this.#top();
    if (top === undefined) {
      this.#values++;
      return;
    }
    if (top.kind === "typed" && top.state === "v") top.state = "close";
    else if (top.kind === "ndarray" || top.kind === "dataframe") top.key = null;
  }

  #beginObject(): void {
    const top = this.#top();
    if (top?.kind === "typed") {
      this.#expectTypedValue(top);
      if (top.type === "ndarray") {
        this.#stack.push({
          kind: "ndarray",
          key: null,
          shape: null,
          block: [],
          total: 0,
          count: 0,
          inData: false,
          sawData: false,
        });
      } else if (top.type === "dataframe") {
        this.#stack.push({
          kind: "dataframe",
          key: null,
          columns: null,
          inData: false,
          cell: -1,
          sawData: false,
        });
      } else {
        throw new Error(`a ${top.type} value cannot be an object`);
      }
      return;
    }
    this.#refuseInside(top, "an object");
    this.#stack.push({ kind: "pending" });
  }

  #key(token: string): void {
    const top = this.#top();
    if (top === undefined) throw new Error("a key outside an object");
    switch (top.kind) {
      case "pending":
        if (token === '"__type__"') {
          this.#stack[this.#stack.length - 1] = { kind: "typed", type: "", state: "type" };
        } else {
          this.#stack[this.#stack.length - 1] = { kind: "object" };
          this.#sink.open("{");
          this.#sink.key(token);
        }
        return;
      case "object":
        if (token === '"__type__"') {
          throw new Error('"__type__" must be the first key of a typed value');
        }
        this.#sink.key(token);
        return;
      case "typed":
        if (top.state !== "v-key" || token !== '"v"') {
          throw new Error(`a typed value has the keys "__type__" and "v" only (got ${token})`);
        }
        top.state = "v";
        return;
      case "ndarray":
      case "dataframe":
        top.key = JSON.parse(token) as string;
        return;
      default:
        throw new Error(`unexpected key ${token}`);
    }
  }

  #scalar(token: string): void {
    const top = this.#top();
    if (top === undefined) {
      this.#sink.value(token);
      this.#valueDone();
      return;
    }
    switch (top.kind) {
      case "object":
      case "array":
        this.#sink.value(token);
        break;
      case "collect":
        top.into.push(token);
        return;
      case "typed":
        this.#typedScalar(top, token);
        return;
      case "ndarray":
        this.#ndarrayScalar(top, token);
        return;
      case "dataframe":
        this.#dataframeScalar(top, token);
        return;
      case "pending":
        throw new Error(`unexpected value ${token.slice(0, 40)} where a key belongs`);
    }
    this.#valueDone();
  }

  #typedScalar(top: Frame & { kind: "typed" }, token: string): void {
    if (top.state === "type") {
      const type = token.startsWith('"') ? JSON.parse(token) as string : "";
      if (!(TYPED_VALUE_TYPES as readonly string[]).includes(type)) {
        throw new Error(`unknown typed value ${token.slice(0, 40)}`);
      }
      top.type = type;
      top.state = "v-key";
      return;
    }
    this.#expectTypedValue(top);
    if (TEXT_TYPES.has(top.type) && token.startsWith('"')) {
      this.#sink.value(token);
    } else if (top.type === "float" && /^"(nan|inf|-inf)"$/.test(token)) {
      this.#sink.value("null");
    } else if (top.type === "int" && /^"-?[0-9]+"$/.test(token)) {
      this.#sink.value(token.slice(1, -1));
    } else {
      throw new Error(`a ${top.type} value cannot be ${token.slice(0, 40)}`);
    }
    top.state = "close";
  }

  /** Checks that a typed value's `v` is what comes next. */
  #expectTypedValue(top: Frame & { kind: "typed" }): void {
    if (top.state !== "v") {
      throw new Error(`typed value ${top.type || "(no type)"}: "v" must follow "__type__"`);
    }
  }

  #refuseInside(top: Frame | undefined, what: string): void {
    if (top === undefined || top.kind === "object" || top.kind === "array") return;
    if (top.kind === "ndarray" && top.inData) {
      throw new Error(`ndarray data must be flat numbers or booleans, not ${what}`);
    }
    if (top.kind === "dataframe" && top.cell >= 0) {
      throw new Error(`DataFrame cells must be plain scalars, not ${what}`);
    }
    if (top.kind === "typed") throw new Error(`a ${top.type} value cannot hold ${what}`);
    throw new Error(`unexpected ${what}`);
  }

  #beginArray(): void {
    const top = this.#top();
    if (top?.kind === "typed") {
      this.#expectTypedValue(top);
      if (!LIST_TYPES.has(top.type)) throw new Error(`a ${top.type} value cannot be an array`);
      this.#sink.open("[");
      this.#stack.push({ kind: "array" });
      return;
    }
    if (top?.kind === "ndarray") {
      if (top.key === "shape") {
        this.#stack.push({ kind: "collect", into: [] });
        return;
      }
      if (top.key === "data" && !top.inData) {
        if (top.shape === null) throw new Error("ndarray: shape must come before data");
        top.inData = true;
        top.sawData = true;
        return;
      }
      if (top.inData) throw new Error("ndarray data must be flat numbers or booleans, not arrays");
      throw new Error(`ndarray: unexpected array in "${top.key}"`);
    }
    if (top?.kind === "dataframe") {
      if (top.key === "columns") {
        this.#stack.push({ kind: "collect", into: [] });
        return;
      }
      if (top.key === "data" && !top.inData) {
        if (top.columns === null) throw new Error("dataframe: columns must come before data");
        top.inData = true;
        top.sawData = true;
        this.#sink.open("[");
        return;
      }
      if (top.inData && top.cell < 0) {
        top.cell = 0;
        this.#sink.open("{");
        return;
      }
      throw new Error("DataFrame cells must be plain scalars, not arrays");
    }
    this.#refuseInside(top, "an array");
    this.#sink.open("[");
    this.#stack.push({ kind: "array" });
  }

  #endArray(): void {
    const top = this.#top();
    if (top === undefined) throw new Error("']' without '['");
    switch (top.kind) {
      case "array":
        this.#sink.close("]");
        this.#stack.pop();
        this.#valueDone();
        return;
      case "collect": {
        this.#stack.pop();
        const parent = this.#top();
        if (parent?.kind === "ndarray") this.#setShape(parent, top.into);
        else if (parent?.kind === "dataframe") this.#setColumns(parent, top.into);
        this.#valueDone();
        return;
      }
      case "ndarray":
        if (!top.inData) throw new Error("ndarray: unexpected ']'");
        this.#endNdarrayData(top);
        top.inData = false;
        this.#valueDone();
        return;
      case "dataframe":
        if (top.cell >= 0) {
          const columns = top.columns as string[];
          if (top.cell !== columns.length) {
            throw new Error(`DataFrame row has ${top.cell} cells for ${columns.length} columns`);
          }
          this.#sink.close("}");
          top.cell = -1;
          return;
        }
        if (!top.inData) throw new Error("dataframe: unexpected ']'");
        this.#sink.close("]");
        top.inData = false;
        this.#valueDone();
        return;
      default:
        throw new Error("unexpected ']'");
    }
  }

  #endObject(): void {
    const top = this.#top();
    if (top === undefined) throw new Error("'}' without '{'");
    switch (top.kind) {
      case "pending":
        this.#stack.pop();
        this.#sink.open("{");
        this.#sink.close("}");
        this.#valueDone();
        return;
      case "object":
        this.#stack.pop();
        this.#sink.close("}");
        this.#valueDone();
        return;
      case "typed":
        if (top.state !== "close") throw new Error(`typed value ${top.type}: "v" is missing`);
        this.#stack.pop();
        this.#valueDone();
        return;
      case "ndarray":
        if (!top.sawData || top.shape === null) {
          throw new Error("ndarray: needs shape and data");
        }
        this.#stack.pop();
        this.#valueDone();
        return;
      case "dataframe":
        if (!top.sawData) throw new Error("dataframe: needs columns and data");
        this.#stack.pop();
        this.#valueDone();
        return;
      default:
        throw new Error("unexpected '}'");
    }
  }

  // -- ndarray ------------------------------------------------------------------------------

  #setShape(frame: NdarrayFrame, tokens: string[]): void {
    const shape = tokens.map((t) => Number(t));
    if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new Error(`ndarray: shape must hold non-negative integers (got [${tokens.join(",")}])`);
    }
    frame.shape = shape;
    frame.block = shape.map((_, j) => shape.slice(j).reduce((a, b) => a * b, 1));
    frame.total = shape.reduce((a, b) => a * b, 1);
  }

  /**
   * The elements of `data` from `s[start]` (the first one ends at `end`) up to the end of the
   * innermost row, copied as one piece: within a row no bracket opens or closes, so the commas of
   * the input are the commas of the output. Returns where reading goes on. (This path makes the
   * projection of large_data's matrices several times faster than one element at a time.)
   */
  #ndarrayRun(frame: NdarrayFrame, s: string, start: number, end: number): number {
    const shape = frame.shape as number[];
    const row = shape.length === 0 ? 1 : shape[shape.length - 1];
    const room = Math.min(row - (frame.count % row), frame.total - frame.count);
    let elements = 1;
    let j = end;
    while (elements < room && s.charCodeAt(j) === 0x2c) {
      let k = j + 1;
      const first = s.charCodeAt(k);
      // Only a further scalar element (a digit, '-', true or false) joins the run.
      if (
        !(first === 0x2d || (first >= 0x30 && first <= 0x39) || first === 0x74 || first === 0x66)
      ) {
        break;
      }
      while (k < s.length && !isDelimiter(s.charCodeAt(k))) k++;
      if (k >= s.length) break; // it may go on in the next piece
      j = k;
      elements++;
    }
    if (elements === 1) {
      this.#ndarrayScalar(frame, s.slice(start, end));
      return end;
    }
    if (frame.count % row === 0) {
      for (let d = 0; d < shape.length; d++) {
        if (frame.count % frame.block[d] === 0) this.#sink.open("[");
      }
    }
    this.#sink.value(s.slice(start, j));
    frame.count += elements;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (frame.count % frame.block[d] === 0) this.#sink.close("]");
    }
    return j;
  }

  #ndarrayScalar(frame: NdarrayFrame, token: string): void {
    if (!frame.inData) {
      if (frame.key === "dtype") {
        frame.key = null;
        return;
      }
      throw new Error(`ndarray: unexpected value in "${frame.key}"`);
    }
    const shape = frame.shape as number[];
    if (frame.count >= frame.total) {
      throw new Error(`ndarray: more than ${frame.total} elements for shape [${shape.join(",")}]`);
    }
    for (let j = 0; j < shape.length; j++) {
      if (frame.count % frame.block[j] === 0) this.#sink.open("[");
    }
    this.#sink.value(token);
    frame.count++;
    for (let j = shape.length - 1; j >= 0; j--) {
      if (frame.count % frame.block[j] === 0) this.#sink.close("]");
    }
  }

  #endNdarrayData(frame: NdarrayFrame): void {
    const shape = frame.shape as number[];
    if (frame.count !== frame.total) {
      throw new Error(
        `ndarray: ${frame.count} elements for shape [${shape.join(",")}] (${frame.total} needed)`,
      );
    }
    if (frame.total === 0) this.#emptyArray(shape);
  }

  /** Nested empty lists of an array with no elements, as `tolist()` gives them. */
  #emptyArray(shape: readonly number[]): void {
    this.#sink.open("[");
    if (shape.length > 1) {
      for (let k = 0; k < shape[0]; k++) this.#emptyArray(shape.slice(1));
    }
    this.#sink.close("]");
  }

  // -- dataframe ----------------------------------------------------------------------------

  #setColumns(frame: DataframeFrame, tokens: string[]): void {
    if (!tokens.every((t) => t.startsWith('"'))) throw new Error("dataframe: columns must be text");
    frame.columns = tokens;
  }

  #dataframeScalar(frame: DataframeFrame, token: string): void {
    if (frame.cell < 0) throw new Error(`dataframe: unexpected value in "${frame.key}"`);
    const columns = frame.columns as string[];
    if (frame.cell >= columns.length) {
      throw new Error(`DataFrame row has more cells than its ${columns.length} columns`);
    }
    this.#sink.key(columns[frame.cell]);
    this.#sink.value(token);
    frame.cell++;
  }
}

/** The JSON-tier text of one typed JSON text (small values; tests). */
export function projectJsonTier(typedJson: string): string {
  const pieces: string[] = [];
  const projector = new JsonTierProjector((text) => pieces.push(text));
  projector.push(typedJson);
  projector.end();
  return pieces.join("");
}
