/**
 * Typed values: how dataset records carry Python types that JSON has no word for.
 *
 * A typed value is a JSON object with exactly two keys, `{"__type__": T, "v": …}`. Any other object
 * is a plain dict, and generated data never uses the key `__type__` outside a typed value. The
 * Python runner turns each typed value into the native object below *before* anything is timed
 * (hydration); an object with other keys besides `__type__` and `v` is never hydrated.
 *
 * | T           | `v` in the file                                   | Python object after hydration                      |
 * |-------------|---------------------------------------------------|----------------------------------------------------|
 * | `datetime`  | `"2024-03-01T12:30:45.123456+02:00"`              | `datetime.fromisoformat(v)` (aware, microseconds)  |
 * | `date`      | `"2024-03-01"`                                    | `date.fromisoformat(v)`                            |
 * | `time`      | `"12:30:45.123456"`                               | `time.fromisoformat(v)` (naive)                    |
 * | `uuid`      | `"1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b"`          | `uuid.UUID(v)`                                     |
 * | `decimal`   | `"19.99"`                                         | `decimal.Decimal(v)`                               |
 * | `bytes`     | `"aGVsbG8="` (standard base64, padded)            | `base64.b64decode(v)`                              |
 * | `set`       | `["a", "b"]` (distinct scalars of one JSON type)  | `set(v)`                                           |
 * | `tuple`     | `[1, {"__type__": "date", …}]` (may nest)         | `tuple(hydrate(x) for x in v)`                     |
 * | `complex`   | `[1.5, -2.0]` ([re, im], finite)                  | `complex(v[0], v[1])`                              |
 * | `float`     | `"nan"`, `"inf"` or `"-inf"`                      | `float(v)`                                         |
 * | `int`       | `"9007199254740993"` (decimal, outside ±(2^53−1)) | `int(v)`                                           |
 * | `ndarray`   | `{"dtype", "shape": [..], "data": [flat, C order]}` | `numpy.array(data, dtype).reshape(shape)`        |
 * | `dataframe` | `{"columns": [names], "data": [[row]...]}`        | `pandas.DataFrame(data, columns=columns)`          |
 *
 * Precise formats (checked by `inspectTypedValues()`):
 * - `datetime`: `YYYY-MM-DDTHH:MM:SS.ffffff±HH:MM`, always six fraction digits and a numeric offset
 *   (never `Z`), a valid calendar date, offset below 24 hours.
 * - `time`: `HH:MM:SS.ffffff`, always six fraction digits, no offset.
 * - `uuid`: lowercase canonical 8-4-4-4-12 hex.
 * - `decimal`: `-?digits(.digits)?` — no exponent, no leading `+`, no leading zeros.
 * - `set`: elements are strings, or finite numbers, or booleans (one kind per set), all distinct
 *   under Python equality (so `set(v)` has `len(v)` elements).
 * - `ndarray`: `dtype` is one of `float64`, `float32`, `int64`, `int32`, `bool`; `shape` is a list of
 *   non-negative integers whose product is the length of `data`; `data` holds finite numbers (float),
 *   integers in the dtype's range that JSON carries exactly (int), or booleans (bool).
 * - `dataframe`: `columns` are distinct strings; every row of `data` has one cell per column; cells
 *   are plain JSON scalars (string, finite number, boolean, null) — never typed values.
 * - Typed values nest only inside `tuple` (a tuple of datetimes); the other `v`s are leaves.
 *
 * Plain JSON numbers in records are finite; an integer written without a fraction or an exponent is
 * always within ±(2^53−1), so JavaScript and Python read the same number.
 */

export const TYPED_VALUE_TYPES = [
  "datetime",
  "date",
  "time",
  "uuid",
  "decimal",
  "bytes",
  "set",
  "tuple",
  "complex",
  "float",
  "int",
  "ndarray",
  "dataframe",
] as const;
export type TypedValueType = typeof TYPED_VALUE_TYPES[number];

export const NDARRAY_DTYPES = ["float64", "float32", "int64", "int32", "bool"] as const;
export type NdarrayDtype = typeof NDARRAY_DTYPES[number];

export interface TypedValue<T extends TypedValueType = TypedValueType, V = unknown> {
  __type__: T;
  v: V;
}

export type Scalar = string | number | boolean | null;

export interface NdarrayPayload {
  dtype: NdarrayDtype;
  shape: number[];
  data: number[] | boolean[];
}

export interface DataframePayload {
  columns: string[];
  data: Scalar[][];
}

/** True for an object with exactly the keys `__type__` and `v`. */
export function isTypedValue(value: unknown): value is TypedValue {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && "__type__" in value && "v" in value;
}

function typed<T extends TypedValueType, V>(type: T, v: V): TypedValue<T, V> {
  return { __type__: type, v };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** `±HH:MM` for an offset in minutes east of UTC. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/**
 * A `datetime` at `epochMicros` (microseconds since 1970-01-01T00:00:00Z) shown in the zone
 * `offsetMinutes` east of UTC. Integer arithmetic and UTC fields only: the host's time zone and
 * locale never enter.
 */
export function datetimeValue(
  epochMicros: number,
  offsetMinutes: number,
): TypedValue<"datetime", string> {
  if (!Number.isSafeInteger(epochMicros) || !Number.isInteger(offsetMinutes)) {
    throw new RangeError(`datetimeValue(${epochMicros}, ${offsetMinutes}): need integers`);
  }
  const micros = ((epochMicros % 1_000_000) + 1_000_000) % 1_000_000;
  const localSeconds = (epochMicros - micros) / 1_000_000 + offsetMinutes * 60;
  const iso = new Date(localSeconds * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return typed("datetime", `${iso.slice(0, 19)}.${pad(micros, 6)}${formatOffset(offsetMinutes)}`);
}

/** A `date` for a day number (days since 1970-01-01). */
export function dateValue(epochDays: number): TypedValue<"date", string> {
  if (!Number.isSafeInteger(epochDays)) throw new RangeError(`dateValue(${epochDays})`);
  return typed("date", new Date(epochDays * 86_400_000).toISOString().slice(0, 10));
}

/** A `time` of day from microseconds after midnight. */
export function timeValue(microsOfDay: number): TypedValue<"time", string> {
  if (!Number.isSafeInteger(microsOfDay) || microsOfDay < 0 || microsOfDay >= 86_400_000_000) {
    throw new RangeError(`timeValue(${microsOfDay}): need 0 ≤ µs < 86400000000`);
  }
  const micros = microsOfDay % 1_000_000;
  const seconds = (microsOfDay - micros) / 1_000_000;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return typed("time", `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(micros, 6)}`);
}

/** A `uuid` from 16 bytes (written as given; callers set version/variant bits). */
export function uuidValue(bytes: Uint8Array): TypedValue<"uuid", string> {
  if (bytes.length !== 16) throw new RangeError(`uuidValue: need 16 bytes, got ${bytes.length}`);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return typed(
    "uuid",
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
      hex.slice(20)
    }`,
  );
}

/** A `decimal` of `units / 10^scale`, e.g. (1999, 2) → "19.99", (-5, 3) → "-0.005". */
export function decimalValue(units: number | bigint, scale: number): TypedValue<"decimal", string> {
  const big = BigInt(units);
  const negative = big < 0n;
  const digits = (negative ? -big : big).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return typed("decimal", `${negative ? "-" : ""}${whole}${fraction}`);
}

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 with padding (RFC 4648 §4). */
export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += BASE64_ALPHABET[n >> 18] + BASE64_ALPHABET[(n >> 12) & 63] +
      BASE64_ALPHABET[(n >> 6) & 63] + BASE64_ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += `${BASE64_ALPHABET[n >> 18]}${BASE64_ALPHABET[(n >> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += `${BASE64_ALPHABET[n >> 18]}${BASE64_ALPHABET[(n >> 12) & 63]}${
      BASE64_ALPHABET[(n >> 6) & 63]
    }=`;
  }
  return out;
}

export function bytesValue(bytes: Uint8Array): TypedValue<"bytes", string> {
  return typed("bytes", base64Encode(bytes));
}

/** A `set`; the caller guarantees distinct elements of one kind (checked by the inspector). */
export function setValue<S extends string | number | boolean>(items: S[]): TypedValue<"set", S[]> {
  return typed("set", items);
}

export function tupleValue(items: unknown[]): TypedValue<"tuple", unknown[]> {
  return typed("tuple", items);
}

export function complexValue(re: number, im: number): TypedValue<"complex", [number, number]> {
  return typed("complex", [re, im]);
}

export type SpecialFloat = "nan" | "inf" | "-inf";

export function specialFloatValue(which: SpecialFloat): TypedValue<"float", SpecialFloat> {
  return typed("float", which);
}

/** An `int` outside JavaScript's safe range, as a decimal string. */
export function bigIntValue(value: bigint): TypedValue<"int", string> {
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  if (value <= limit && value >= -limit) {
    throw new RangeError(`bigIntValue(${value}): safe integers are written as plain numbers`);
  }
  return typed("int", value.toString());
}

export function ndarrayValue(
  dtype: NdarrayDtype,
  shape: number[],
  data: number[] | boolean[],
): TypedValue<"ndarray", NdarrayPayload> {
  return typed("ndarray", { dtype, shape, data });
}

export function dataframeValue(
  columns: string[],
  data: Scalar[][],
): TypedValue<"dataframe", DataframePayload> {
  return typed("dataframe", { columns, data });
}
