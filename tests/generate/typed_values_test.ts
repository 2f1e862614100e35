import assert from "node:assert/strict";
import { inspectTypedValues } from "./inspect_typed_values.ts";
import { createRng } from "../../lib/_common/prng.ts";
import { cardNumber, ssnLike, uuid4 } from "../../lib/generate/random_values.ts";
import {
  base64Encode,
  bigIntValue,
  datetimeValue,
  dateValue,
  decimalValue,
  isTypedValue,
  timeValue,
} from "../../lib/generate/typed_values.ts";

// Reference values from Python 3.11: calendar.timegm(...) and datetime.astimezone(...).isoformat().
Deno.test("datetimeValue() formats like Python's isoformat with the offset, any TZ", () => {
  assert.equal(datetimeValue(1709289045123456, 120).v, "2024-03-01T12:30:45.123456+02:00");
  assert.equal(datetimeValue(-1, -345).v, "1969-12-31T18:14:59.999999-05:45");
  assert.equal(datetimeValue(1709247600000005, 330).v, "2024-03-01T04:30:00.000005+05:30");
  assert.equal(datetimeValue(0, 0).v, "1970-01-01T00:00:00.000000+00:00");
});

Deno.test("dateValue() and timeValue() match Python's date/time isoformat", () => {
  assert.equal(dateValue(19783).v, "2024-03-01");
  assert.equal(dateValue(-1).v, "1969-12-31");
  assert.equal(timeValue(45_045_123_456).v, "12:30:45.123456");
  assert.equal(timeValue(0).v, "00:00:00.000000");
  assert.throws(() => timeValue(86_400_000_000), RangeError);
});

Deno.test("decimalValue() writes units / 10^scale as a plain decimal string", () => {
  assert.equal(decimalValue(1999, 2).v, "19.99");
  assert.equal(decimalValue(-5, 3).v, "-0.005");
  assert.equal(decimalValue(0, 2).v, "0.00");
  assert.equal(decimalValue(7, 0).v, "7");
  assert.equal(decimalValue(12345678901234567890n, 4).v, "1234567890123456.7890");
});

// RFC 4648 §10 test vectors.
Deno.test("base64Encode() matches the RFC 4648 test vectors", () => {
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "Zg=="],
    ["fo", "Zm8="],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg=="],
    ["fooba", "Zm9vYmE="],
    ["foobar", "Zm9vYmFy"],
  ];
  for (const [input, expected] of vectors) {
    assert.equal(base64Encode(new TextEncoder().encode(input)), expected);
  }
  assert.equal(base64Encode(new Uint8Array([0xfb, 0xff, 0xfe])), "+//+");
});

Deno.test("uuid4() sets the version 4 and RFC 4122 variant bits", () => {
  const rng = createRng(3, "uuid");
  for (let i = 0; i < 50; i++) {
    assert.match(
      uuid4(rng).v,
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  }
});

/** Luhn check, written independently of the generator. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

Deno.test("cardNumber() makes Luhn-valid 16-digit numbers in DataSON's redaction formats", () => {
  assert.ok(luhnValid("79927398713"), "the checker accepts Wikipedia's Luhn example");
  assert.ok(!luhnValid("79927398710"));
  const rng = createRng(5, "cards");
  for (let i = 0; i < 100; i++) {
    const plain = cardNumber(rng, false);
    assert.match(plain, /^\d{16}$/);
    assert.ok(luhnValid(plain), plain);
    const dashed = cardNumber(rng, true);
    assert.match(dashed, /^\d{4}-\d{4}-\d{4}-\d{4}$/);
    assert.ok(luhnValid(dashed.replaceAll("-", "")), dashed);
    assert.match(ssnLike(rng), /^(?!666|000)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/);
  }
});

Deno.test("bigIntValue() refuses integers JSON carries exactly", () => {
  assert.equal(bigIntValue(2n ** 53n + 1n).v, "9007199254740993");
  assert.equal(bigIntValue(-(2n ** 64n)).v, "-18446744073709551616");
  assert.throws(() => bigIntValue(2n ** 53n - 1n), RangeError);
});

Deno.test("inspectTypedValues() accepts every well-formed typed value and counts them", () => {
  const data = {
    when: { __type__: "datetime", v: "2024-02-29T23:59:59.999999-03:30" },
    day: { __type__: "date", v: "2024-02-29" },
    at: { __type__: "time", v: "23:59:59.000001" },
    id: { __type__: "uuid", v: "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b" },
    price: { __type__: "decimal", v: "-0.05" },
    blob: { __type__: "bytes", v: "Zm9vYg==" },
    tags: { __type__: "set", v: ["a", "b"] },
    pair: { __type__: "tuple", v: [1, { __type__: "date", v: "2024-01-01" }] },
    z: { __type__: "complex", v: [1.5, -2] },
    nan: { __type__: "float", v: "nan" },
    big: { __type__: "int", v: "-9007199254740993" },
    array: { __type__: "ndarray", v: { dtype: "int32", shape: [2, 2], data: [1, 2, 3, 4] } },
    flags: { __type__: "ndarray", v: { dtype: "bool", shape: [0], data: [] } },
    frame: { __type__: "dataframe", v: { columns: ["a", "b"], data: [[1, null], ["x", true]] } },
    plain: { v: 1, other: 2 },
  };
  const result = inspectTypedValues(data);
  assert.deepEqual(result.problems, []);
  assert.equal(result.counts.date, 2, "the date inside the tuple counts");
  assert.equal(result.counts.ndarray, 2);
  for (const [type, n] of Object.entries(result.counts)) assert.ok(n >= 1, `${type} counted`);
  assert.ok(isTypedValue(data.when) && !isTypedValue(data.plain));
});

Deno.test("inspectTypedValues() names the JSON path of each malformed typed value", () => {
  const bad: [unknown, RegExp][] = [
    [{ __type__: "datetime", v: "2024-02-30T00:00:00.000000+00:00" }, /invalid datetime/],
    [{ __type__: "datetime", v: "2024-03-01T12:30:45Z" }, /datetime must look like/],
    [{ __type__: "date", v: "2023-02-29" }, /invalid date/],
    [{ __type__: "time", v: "24:00:00.000000" }, /invalid time/],
    [{ __type__: "uuid", v: "1B4E28BA-2FA1-4D3B-A3F5-EF19B5A7633B" }, /lowercase/],
    [{ __type__: "decimal", v: "1e5" }, /plain decimal/],
    [{ __type__: "bytes", v: "Zm9vYg" }, /padded standard base64/],
    [{ __type__: "set", v: ["a", "a"] }, /distinct/],
    [{ __type__: "set", v: [1, true] }, /one kind/],
    [{ __type__: "complex", v: [1] }, /\[re, im\]/],
    [{ __type__: "float", v: "NaN" }, /"nan", "inf" or "-inf"/],
    [{ __type__: "int", v: "12" }, /safe integer/],
    [{ __type__: "ndarray", v: { dtype: "int32", shape: [3], data: [1, 2] } }, /needs 3/],
    [{ __type__: "ndarray", v: { dtype: "int32", shape: [1], data: [2 ** 31] } }, /not a valid/],
    [{ __type__: "ndarray", v: { dtype: "uint8", shape: [0], data: [] } }, /dtype must be/],
    [{ __type__: "dataframe", v: { columns: ["a"], data: [[{}]] } }, /plain JSON scalar/],
    [{ __type__: "mystery", v: 1 }, /unknown typed value/],
  ];
  for (const [value, message] of bad) {
    const { problems } = inspectTypedValues({ rows: [0, { cell: value }] });
    assert.equal(problems.length, 1, JSON.stringify(value));
    assert.match(problems[0].message, message);
    assert.match(problems[0].path, /^rows\[1\]\.cell(\.v)?$/);
  }
  const reserved = inspectTypedValues({ x: { __type__: "date", v: "2024-01-01", extra: 1 } });
  assert.match(reserved.problems[0].message, /reserved/);
  const unsafe = inspectTypedValues([2 ** 60]);
  assert.match(unsafe.problems[0].message, /typed int/);
  assert.equal(inspectTypedValues([1e21]).problems.length, 0, "1e+21 is a float in Python too");
});

Deno.test("inspectTypedValues() measures nesting depth in containers", () => {
  assert.equal(inspectTypedValues("x").maxDepth, 0);
  assert.equal(inspectTypedValues([]).maxDepth, 1);
  assert.equal(inspectTypedValues({ a: [{ b: [] }] }).maxDepth, 4);
  let deep: unknown = [];
  for (let i = 1; i < 50; i++) deep = [deep];
  assert.equal(inspectTypedValues(deep).maxDepth, 50);
});
