/**
 * `inspectTypedValues()`: walks a record's `data`, checks every typed value against the formats
 * documented in `typed_values.ts` (parsing each `v`), counts the types it meets and measures the
 * nesting depth. Tests read every generated file through it; `run` may use it to explain a dataset
 * that the Python runner cannot hydrate.
 */

import { formatJsonPath, type PathSegment } from "../../lib/_common/json_path.ts";
import {
  isTypedValue,
  NDARRAY_DTYPES,
  TYPED_VALUE_TYPES,
  type TypedValueType,
} from "../../lib/generate/typed_values.ts";

export interface TypedValueProblem {
  /** JSON path inside `data`, e.g. `items[3].placed_at`. */
  path: string;
  message: string;
}

export interface TypedValueInspection {
  /** How many typed values of each type the data holds (types absent: 0). */
  counts: Record<TypedValueType, number>;
  problems: TypedValueProblem[];
  /** Containers (JSON objects and arrays) enclosing the deepest value; a scalar has depth 0. */
  maxDepth: number;
}

const MAX_PROBLEMS = 20;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}([+-])(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})\.\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BIG_INT = /^-?[1-9]\d*$/;

function validCalendarDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(2000, m, 0)).getUTCDate(); // days of month m in a leap year
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && !leap ? 28 : days);
}

function validClock(h: number, m: number, s: number): boolean {
  return h < 24 && m < 60 && s < 60;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === "string" || typeof value === "boolean" ||
    isFiniteNumber(value);
}

/** A number that JSON writes as an integer literal outside the range both languages read exactly. */
function isUnsafeIntegerLiteral(value: number): boolean {
  if (!Number.isInteger(value) || Number.isSafeInteger(value)) return false;
  return !/[.eE]/.test(JSON.stringify(value));
}

/** Checks one typed value's `v`; returns a message or null. Nested values are walked by the caller. */
function checkPayload(type: TypedValueType, v: unknown): string | null {
  switch (type) {
    case "datetime": {
      const m = typeof v === "string" ? DATETIME.exec(v) : null;
      if (!m) return `datetime must look like 2024-03-01T12:30:45.123456+02:00 (got ${show(v)})`;
      const [y, mo, d, h, mi, s, , oh, om] = m.slice(1).map(Number);
      if (!validCalendarDate(y, mo, d) || !validClock(h, mi, s)) return `invalid datetime ${v}`;
      if (oh > 23 || om > 59) return `datetime offset out of range in ${v}`;
      return null;
    }
    case "date": {
      const m = typeof v === "string" ? DATE.exec(v) : null;
      if (!m) return `date must look like 2024-03-01 (got ${show(v)})`;
      const [y, mo, d] = m.slice(1).map(Number);
      return validCalendarDate(y, mo, d) ? null : `invalid date ${v}`;
    }
    case "time": {
      const m = typeof v === "string" ? TIME.exec(v) : null;
      if (!m) return `time must look like 12:30:45.123456 (got ${show(v)})`;
      const [h, mi, s] = m.slice(1).map(Number);
      return validClock(h, mi, s) ? null : `invalid time ${v}`;
    }
    case "uuid":
      return typeof v === "string" && UUID.test(v)
        ? null
        : `uuid must be lowercase 8-4-4-4-12 hex (got ${show(v)})`;
    case "decimal":
      return typeof v === "string" && DECIMAL.test(v)
        ? null
        : `decimal must be a plain decimal string like "19.99" (got ${show(v)})`;
    case "bytes":
      return typeof v === "string" && BASE64.test(v)
        ? null
        : `bytes must be padded standard base64 (got ${show(v)})`;
    case "set":
      return checkSet(v);
    case "tuple":
      return Array.isArray(v) ? null : `tuple must be an array (got ${show(v)})`;
    case "complex":
      return Array.isArray(v) && v.length === 2 && isFiniteNumber(v[0]) && isFiniteNumber(v[1])
        ? null
        : `complex must be [re, im] with finite numbers (got ${show(v)})`;
    case "float":
      return v === "nan" || v === "inf" || v === "-inf"
        ? null
        : `float must be "nan", "inf" or "-inf" (got ${show(v)})`;
    case "int": {
      if (typeof v !== "string" || !BIG_INT.test(v)) {
        return `int must be a decimal integer string (got ${show(v)})`;
      }
      const big = BigInt(v);
      return big > SAFE || big < -SAFE
        ? null
        : `int ${v} is a safe integer: write it as a plain JSON number`;
    }
    case "ndarray":
      return checkNdarray(v);
    case "dataframe":
      return checkDataframe(v);
  }
}

function checkSet(v: unknown): string | null {
  if (!Array.isArray(v)) return `set must be an array (got ${show(v)})`;
  const kinds = new Set(v.map((x) => typeof x));
  if (v.some((x) => !(typeof x === "string" || typeof x === "boolean" || isFiniteNumber(x)))) {
    return "set elements must be strings, finite numbers or booleans";
  }
  if (kinds.size > 1) return `set elements must be of one kind (got ${[...kinds].join(", ")})`;
  if (new Set(v).size !== v.length) return "set elements must be distinct";
  return null;
}

function checkNdarray(v: unknown): string | null {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return "ndarray must be an object {dtype, shape, data}";
  }
  const keys = Object.keys(v).sort().join(",");
  if (keys !== "data,dtype,shape") return `ndarray keys must be dtype, shape, data (got ${keys})`;
  const { dtype, shape, data } = v as Record<string, unknown>;
  if (!(NDARRAY_DTYPES as readonly unknown[]).includes(dtype)) {
    return `ndarray dtype must be one of ${NDARRAY_DTYPES.join(", ")} (got ${show(dtype)})`;
  }
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    return "ndarray shape must be a list of non-negative integers";
  }
  if (!Array.isArray(data)) return "ndarray data must be a flat array";
  const size = shape.reduce((a: number, b: number) => a * b, 1);
  if (data.length !== size) {
    return `ndarray data has ${data.length} elements, shape [${shape.join(", ")}] needs ${size}`;
  }
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    const ok = dtype === "bool"
      ? typeof x === "boolean"
      : dtype === "int32"
      ? Number.isInteger(x) && x >= INT32_MIN && x <= INT32_MAX
      : dtype === "int64"
      ? Number.isSafeInteger(x)
      : isFiniteNumber(x);
    if (!ok) return `ndarray data[${i}] = ${show(x)} is not a valid ${dtype}`;
  }
  return null;
}

function checkDataframe(v: unknown): string | null {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return "dataframe must be an object {columns, data}";
  }
  const keys = Object.keys(v).sort().join(",");
  if (keys !== "columns,data") return `dataframe keys must be columns, data (got ${keys})`;
  const { columns, data } = v as Record<string, unknown>;
  if (!Array.isArray(columns) || columns.some((c) => typeof c !== "string")) {
    return "dataframe columns must be a list of strings";
  }
  if (new Set(columns).size !== columns.length) return "dataframe columns must be distinct";
  if (!Array.isArray(data)) return "dataframe data must be a list of rows";
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!Array.isArray(row) || row.length !== columns.length) {
      return `dataframe row ${r} must have ${columns.length} cells`;
    }
    for (let c = 0; c < row.length; c++) {
      if (!isScalar(row[c])) return `dataframe cell [${r}][${c}] must be a plain JSON scalar`;
    }
  }
  return null;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Inspects `data` (a record's `data` as parsed from JSON). */
export function inspectTypedValues(data: unknown): TypedValueInspection {
  const counts = Object.fromEntries(TYPED_VALUE_TYPES.map((t) => [t, 0])) as Record<
    TypedValueType,
    number
  >;
  const problems: TypedValueProblem[] = [];
  let maxDepth = 0;

  // Iterative walk (deep nesting must not depend on the call stack); paths are built only for
  // problems, from parent links.
  interface Entry {
    value: unknown;
    parent: Entry | null;
    key: PathSegment;
    depth: number;
  }
  const pathOf = (entry: Entry | null, ...tail: PathSegment[]): PathSegment[] => {
    const segments: PathSegment[] = [];
    for (let e = entry; e !== null && e.parent !== null; e = e.parent) segments.push(e.key);
    return [...segments.reverse(), ...tail];
  };
  const report = (entry: Entry, message: string, ...tail: PathSegment[]) => {
    if (problems.length < MAX_PROBLEMS) {
      problems.push({ path: formatJsonPath(pathOf(entry, ...tail)), message });
    }
  };

  const stack: Entry[] = [{ value: data, parent: null, key: "", depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (value === null || typeof value !== "object") {
      if (typeof value === "number") {
        if (!Number.isFinite(value)) report(entry, "non-finite number: use a typed float");
        else if (isUnsafeIntegerLiteral(value)) {
          report(entry, `integer ${value} is outside ±(2^53−1): use a typed int`);
        }
      } else if (value !== null && typeof value !== "string" && typeof value !== "boolean") {
        report(entry, `${typeof value} is not a JSON value`);
      }
      continue;
    }
    const here = depth + 1;
    if (here > maxDepth) maxDepth = here;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], parent: entry, key: i, depth: here });
      }
      continue;
    }
    if (isTypedValue(value)) {
      const type = value.__type__;
      if (!(TYPED_VALUE_TYPES as readonly unknown[]).includes(type)) {
        report(entry, `unknown typed value ${show(type)}`);
        continue;
      }
      counts[type as TypedValueType]++;
      const message = checkPayload(type as TypedValueType, value.v);
      if (message !== null) report(entry, message, "v");
      // The payload's own containers count towards the depth.
      const payloadDepth = here + containerDepth(value.v);
      if (payloadDepth > maxDepth) maxDepth = payloadDepth;
      if (type === "tuple" && Array.isArray(value.v)) {
        const holder: Entry = { value: value.v, parent: entry, key: "v", depth: here };
        for (let i = value.v.length - 1; i >= 0; i--) {
          stack.push({ value: value.v[i], parent: holder, key: i, depth: here + 1 });
        }
      }
      continue;
    }
    if ("__type__" in value) {
      report(entry, 'the key "__type__" is reserved for typed values {"__type__", "v"}');
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      stack.push({
        value: (value as Record<string, unknown>)[key],
        parent: entry,
        key,
        depth: here,
      });
    }
  }
  return { counts, problems, maxDepth };
}

/** Nesting depth of plain containers (typed-value payloads are shallow). */
function containerDepth(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  let deepest = 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  // Payloads are flat or two levels deep; scan the first few children only.
  for (let i = 0; i < children.length && i < 4; i++) {
    deepest = Math.max(deepest, containerDepth(children[i]));
  }
  return 1 + deepest;
}
