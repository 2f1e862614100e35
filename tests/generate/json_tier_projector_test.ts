import assert from "node:assert/strict";
import { JsonTierProjector, projectJsonTier } from "../../lib/generate/json_tier_projector.ts";
import { TYPED_VALUE_TYPES } from "../../lib/generate/typed_values.ts";

const t = (type: string, v: unknown) => ({ __type__: type, v });

/** Typed value → the JSON text the JSON tier carries for it. */
const CASES: readonly [string, unknown, string][] = [
  [
    "datetime",
    t("datetime", "2024-03-01T12:30:45.123456+02:00"),
    '"2024-03-01T12:30:45.123456+02:00"',
  ],
  ["date", t("date", "2024-02-29"), '"2024-02-29"'],
  ["time", t("time", "08:15:00.000000"), '"08:15:00.000000"'],
  [
    "uuid",
    t("uuid", "12345678-1234-4234-8234-123456789abc"),
    '"12345678-1234-4234-8234-123456789abc"',
  ],
  ["decimal", t("decimal", "-0.005"), '"-0.005"'],
  ["bytes", t("bytes", "AAEC/w=="), '"AAEC/w=="'],
  ["set", t("set", ["b", "a"]), '["b","a"]'],
  ["tuple", t("tuple", [1, t("date", "2024-01-01"), t("tuple", [])]), '[1,"2024-01-01",[]]'],
  ["complex", t("complex", [1.5, -2]), "[1.5,-2]"],
  ["float", t("float", "nan"), "null"],
  ["float", t("float", "inf"), "null"],
  ["float", t("float", "-inf"), "null"],
  ["int", t("int", "9007199254740993"), "9007199254740993"],
  [
    "int",
    t("int", (-(3n ** 200n)).toString()),
    "-265613988875874769338781322035779626829233452653394495974574961739092490901302182994384699044001",
  ],
  [
    "ndarray",
    t("ndarray", { dtype: "float64", shape: [2, 3], data: [0, 1.5, 2, 3, 4, -5e-324] }),
    "[[0,1.5,2],[3,4,-5e-324]]",
  ],
  [
    "ndarray",
    t("ndarray", { dtype: "bool", shape: [2, 1, 2], data: [true, false, false, true] }),
    "[[[true,false]],[[false,true]]]",
  ],
  ["ndarray", t("ndarray", { dtype: "float32", shape: [2], data: [0.1, 1] }), "[0.1,1]"],
  ["ndarray", t("ndarray", { dtype: "int64", shape: [], data: [7] }), "7"],
  ["ndarray", t("ndarray", { dtype: "int32", shape: [2, 0, 3], data: [] }), "[[],[]]"],
  ["ndarray", t("ndarray", { dtype: "int32", shape: [0], data: [] }), "[]"],
  [
    "dataframe",
    t("dataframe", { columns: ["id", "name ☃", "ok"], data: [[1, "a", true], [2, null, false]] }),
    '[{"id":1,"name ☃":"a","ok":true},{"id":2,"name ☃":null,"ok":false}]',
  ],
  ["dataframe", t("dataframe", { columns: ["id"], data: [] }), "[]"],
];

Deno.test("the JSON tier projects each typed value kind to what a JSON API carries", () => {
  assert.deepEqual(
    [...new Set(CASES.map(([type]) => type))].sort(),
    [...TYPED_VALUE_TYPES].sort(),
    "every typed value type has a case",
  );
  for (const [type, value, expected] of CASES) {
    const record = JSON.stringify({ value, list: [value], n: 1 });
    assert.equal(
      projectJsonTier(record),
      `{"value":${expected},"list":[${expected}],"n":1}`,
      `${type}: ${JSON.stringify(value)}`,
    );
  }
});

Deno.test("plain JSON passes through byte for byte, escapes and nesting included", () => {
  const plain = JSON.stringify({
    "": [[], {}, [[{}]]],
    text: 'quote " backslash \\ nul \u0000 line \u2028 emoji 😀 "__type__"',
    numbers: [0, -1, 1e21, 5e-324, 1.7976931348623157e308, 0.30000000000000004],
    literals: [true, false, null],
    deep: { a: [{ b: [{ c: "d" }] }] },
    $ref: { $ref: "n0" },
  });
  assert.equal(projectJsonTier(plain), plain);
});

Deno.test("pieces of any size give the same projection as the whole text", () => {
  const record = JSON.stringify({ all: CASES.map(([, value]) => value), s: 'a\\b"c' });
  const whole = projectJsonTier(record);
  for (let size = 1; size <= 9; size++) {
    const out: string[] = [];
    const projector = new JsonTierProjector((text) => out.push(text));
    for (let i = 0; i < record.length; i += size) projector.push(record.slice(i, i + size));
    projector.end();
    assert.equal(out.join(""), whole, `pieces of ${size}`);
  }
});

Deno.test("a large array streams out in pieces of bounded size", () => {
  const n = 200_000;
  const data = Array.from({ length: n }, (_, i) => i % 997);
  const record = JSON.stringify({ m: t("ndarray", { dtype: "int64", shape: [n / 4, 4], data }) });
  const sizes: number[] = [];
  const projector = new JsonTierProjector((text) => sizes.push(text.length));
  for (let i = 0; i < record.length; i += 4096) projector.push(record.slice(i, i + 4096));
  projector.end();
  assert.ok(sizes.length > 1);
  assert.ok(Math.max(...sizes) < 128 * 1024, `largest piece ${Math.max(...sizes)} chars`);
});

Deno.test("a typed value it cannot project is an error, never a guess", () => {
  const cases: [unknown, RegExp][] = [
    [t("quaternion", [1, 2, 3, 4]), /unknown typed value "quaternion"/],
    [{ v: 1, __type__: "int" }, /"__type__" must be the first key/],
    [{ __type__: "int", v: "12", extra: 1 }, /keys "__type__" and "v" only/],
    [t("int", "12.5"), /int value cannot be "12.5"/],
    [t("ndarray", { dtype: "int64", data: [1, 2], shape: [2] }), /shape must come before data/],
    [t("ndarray", { dtype: "int64", shape: [3], data: [1, 2] }), /2 elements for shape \[3\]/],
    [t("ndarray", { dtype: "int64", shape: [2], data: [[1], [2]] }), /flat numbers/],
    [t("dataframe", { data: [[1]], columns: ["a"] }), /columns must come before data/],
    [t("dataframe", { columns: ["a", "b"], data: [[1]] }), /1 cells for 2 columns/],
    [t("dataframe", { columns: ["a"], data: [[{ x: 1 }]] }), /plain scalars/],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => projectJsonTier(JSON.stringify({ value })), message, String(message));
  }
  assert.throws(() => projectJsonTier('{"a":[1,2}'), Error);
  assert.throws(() => projectJsonTier('{"a":1'), /unclosed/);
});
