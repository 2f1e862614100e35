/**
 * The runner's Python functions called directly (the runner is importable without starting the
 * protocol): typed-value hydration, fidelity classification, the slowdown schedule, and the
 * DataSON adapters per installed version.
 */

import assert from "node:assert/strict";
import { tempDir } from "../helpers/run_cli.ts";
import { runPythonWithRunner, typed, typedRecords } from "./fixtures.ts";

Deno.test("typed values hydrate into native objects, nested ones too", async () => {
  await using dir = await tempDir();
  const line = JSON.stringify({ i: 0, targetBytes: 1, data: typedRecords({ numpy: true }) });
  const result = await runPythonWithRunner(
    dir.path,
    `
import datetime, decimal, uuid
records = runner.hydrate_line(${JSON.stringify(line)})["data"]
first, second, third = records
out = {name: type(value).__name__ for name, value in first.items()}
out["created_offset"] = first["created"].utcoffset().total_seconds()
out["created_micro"] = first["created"].microsecond
out["z_utc"] = second["when"].utcoffset().total_seconds()
out["pair"] = repr(first["pair"])
out["tags"] = sorted(first["tags"])
out["blob"] = list(first["blob"])
out["z"] = [first["z"].real, first["z"].imag]
out["nan"] = first["nan"] != first["nan"]
out["inf"] = first["inf"]
out["big"] = str(first["big"])
out["price"] = str(first["price"])
out["matrix"] = [str(third["matrix"].dtype), list(third["matrix"].shape), float(third["matrix"][1, 1])]
out["frame"] = [type(third["frame"]).__name__, list(third["frame"].columns), third["frame"].shape[0]]
out["plain"] = first["plain"]
print(json.dumps(out, allow_nan=True).replace("-Infinity", '"-inf"'))
`,
  ) as Record<string, unknown>;
  assert.deepEqual(
    {
      id: result.id,
      created: result.created,
      day: result.day,
      at: result.at,
      price: result.price,
      blob: result.blob,
      tags: result.tags,
      pair: result.pair,
      z: result.z,
      nan: result.nan,
      inf: result.inf,
      big: result.big,
    },
    {
      id: "UUID",
      created: "datetime",
      day: "date",
      at: "time",
      price: "19.90",
      blob: [0, 1, 2, 255],
      tags: ["a", "b"],
      pair: "(1, (2, 'x'))",
      z: [1.5, -2],
      nan: true,
      inf: "-inf",
      big: "123456789012345678901234567890",
    },
  );
  assert.equal(result.created_offset, 3600);
  assert.equal(result.created_micro, 123456);
  assert.equal(result.z_utc, 0);
  assert.deepEqual(result.matrix, ["float32", [2, 3], 4.5]);
  assert.deepEqual(result.frame, ["DataFrame", ["a", "b"], 2]);
  assert.deepEqual(result.plain, {
    text: "héllo\u0000",
    n: 3,
    ok: true,
    none: null,
    list: [1, 2.5],
  });
});

Deno.test("an unknown typed value is a dataset error naming the type", async () => {
  await using dir = await tempDir();
  const line = JSON.stringify({ i: 0, targetBytes: 1, data: typed("quaternion", [1, 2, 3, 4]) });
  const result = await runPythonWithRunner(
    dir.path,
    `
try:
    runner.hydrate_line(${JSON.stringify(line)})
    print(json.dumps("no error"))
except runner.DatasetError as error:
    print(json.dumps(str(error)))
`,
  );
  assert.match(String(result), /unknown typed value 'quaternion'/);
});

Deno.test("fidelity: exact, lossy after JSON normalisation, mismatch, with the first difference", async () => {
  await using dir = await tempDir();
  const result = await runPythonWithRunner(
    dir.path,
    `
import datetime, decimal, uuid, math
import numpy as np, pandas as pd
utc = datetime.timezone.utc
when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc)
u = uuid.UUID(int=7)
cases = {
  "same": ({"a": [1, 2.5, "x", None, True]}, {"a": [1, 2.5, "x", None, True]}),
  "nan_equals_nan": ({"v": float("nan")}, {"v": float("nan")}),
  "tuple_to_list": ({"t": (1, 2)}, {"t": [1, 2]}),
  "datetime_to_str": ({"w": when}, {"w": "2024-01-02T03:04:05Z"}),
  "datetime_other_offset": ({"w": when}, {"w": when.astimezone(datetime.timezone(datetime.timedelta(hours=2)))}),
  "uuid_to_str": ({"u": u}, {"u": str(u)}),
  "decimal_to_float": ({"d": decimal.Decimal("19.90")}, {"d": 19.9}),
  "decimal_digits": ({"d": decimal.Decimal("19.90")}, {"d": decimal.Decimal("19.9")}),
  "set_to_list": ({"s": {3, 1, 2}}, {"s": [2, 3, 1]}),
  "bytes_to_base64": ({"b": b"\\x00\\xff"}, {"b": "AP8="}),
  "complex_to_pair": ({"c": 1.5 - 2j}, {"c": [1.5, -2.0]}),
  "nan_to_null": ({"v": float("nan")}, {"v": None}),
  "int_key_to_str": ({1: "a"}, {"1": "a"}),
  "int_to_float": ({"n": 3}, {"n": 3.0}),
  "bool_to_int": ({"b": True}, {"b": 1}),
  "value_changed": ({"n": 1.5}, {"n": 1.6}),
  "key_missing": ({"a": 1, "b": 2}, {"a": 1}),
  "big_int_to_float": ({"n": 2**60 + 1}, {"n": float(2**60 + 1)}),
  "datetime_to_epoch": ({"w": when}, {"w": when.timestamp()}),
  "array_same": ({"m": np.arange(6, dtype="float32").reshape(2, 3)}, {"m": np.arange(6, dtype="float32").reshape(2, 3)}),
  "array_nan": ({"m": np.array([1.0, np.nan])}, {"m": np.array([1.0, np.nan])}),
  "array_dtype": ({"m": np.arange(3, dtype="float32")}, {"m": np.arange(3, dtype="float64")}),
  "array_to_list": ({"m": np.arange(4).reshape(2, 2)}, {"m": [[0, 1], [2, 3]]}),
  "array_shape": ({"m": np.arange(4).reshape(2, 2)}, {"m": np.arange(4)}),
  "frame_same": ({"f": pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})}, {"f": pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})}),
  "frame_to_records": ({"f": pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})}, {"f": [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]}),
  "frame_to_columns": ({"f": pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})}, {"f": {"a": [1, 2], "b": ["x", "y"]}}),
  "frame_dtype": ({"f": pd.DataFrame({"a": [1, 2]})}, {"f": pd.DataFrame({"a": [1.0, 2.0]})}),
}
out = {}
for name, (a, b) in cases.items():
    fidelity, note = runner.fidelity_of([a], [b])
    out[name] = [fidelity, note]
deep = {"leaf": 1}
for _ in range(3000):
    deep = {"n": deep}
out["deep"] = list(runner.fidelity_of([deep], [deep]))
print(json.dumps(out))
`,
  ) as Record<string, [string, string | null]>;
  const expected: Record<string, string> = {
    same: "exact",
    nan_equals_nan: "exact",
    tuple_to_list: "lossy",
    datetime_to_str: "lossy",
    datetime_other_offset: "lossy",
    uuid_to_str: "lossy",
    decimal_to_float: "lossy",
    decimal_digits: "lossy",
    set_to_list: "lossy",
    bytes_to_base64: "lossy",
    complex_to_pair: "lossy",
    nan_to_null: "lossy",
    int_key_to_str: "lossy",
    int_to_float: "lossy",
    bool_to_int: "mismatch",
    value_changed: "mismatch",
    key_missing: "mismatch",
    big_int_to_float: "mismatch",
    datetime_to_epoch: "mismatch",
    array_same: "exact",
    array_nan: "exact",
    array_dtype: "lossy",
    array_to_list: "lossy",
    array_shape: "mismatch",
    frame_same: "exact",
    frame_to_records: "lossy",
    frame_to_columns: "lossy",
    frame_dtype: "lossy",
    deep: "exact",
  };
  const actual = Object.fromEntries(Object.entries(result).map(([k, [fidelity]]) => [k, fidelity]));
  assert.deepEqual(actual, expected);
  assert.equal(result.tuple_to_list[1], "record 0 at $.t: tuple became list");
  assert.equal(result.value_changed[1], "record 0 at $.n: 1.5 became 1.6");
  assert.equal(result.key_missing[1], "record 0 at $: key 'b' went missing");
  assert.equal(result.same[1], null);
});

Deno.test("the injected slowdown is exactly f × loops extra passes, spread evenly", async () => {
  await using dir = await tempDir();
  const result = await runPythonWithRunner(
    dir.path,
    `
out = {}
for f in (0.05, 0.1, 0.25, 0.5, 1.0, 0.125):
    q = runner.slowdown_quantum(f)
    loops = q * 3
    plan = runner.slowdown_plan(loops, f)
    doubled = [i for i, r in enumerate(plan) if len(r) == 2]
    out[str(f)] = [q, len(plan), len(doubled), doubled[:3]]
print(json.dumps(out))
`,
  ) as Record<string, [number, number, number, number[]]>;
  assert.deepEqual(result["0.05"], [20, 60, 3, [19, 39, 59]]);
  assert.deepEqual(result["0.1"], [10, 30, 3, [9, 19, 29]]);
  assert.deepEqual(result["0.25"], [4, 12, 3, [3, 7, 11]]);
  assert.deepEqual(result["0.5"], [2, 6, 3, [1, 3, 5]]);
  assert.deepEqual(result["1.0"], [1, 3, 3, [0, 1, 2]]);
  assert.deepEqual(result["0.125"], [8, 24, 3, [7, 15, 23]]);
});

Deno.test("the DataSON default target is timed producing and consuming JSON text", async () => {
  await using dir = await tempDir();
  const result = await runPythonWithRunner(
    dir.path,
    `
import datetime
out = {}
for target_id in ("datason", "datason-str", "datason-dump_api", "datason-load_smart", "datason-cfg-ml"):
    try:
        target = runner.resolve_target({"id": target_id})
    except runner.Unavailable as error:
        out[target_id] = ["unavailable", str(error)]
        continue
    wire = target.serialize({"when": datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc), "n": 1})
    back = target.deserialize(wire)
    out[target_id] = [type(wire).__name__, type(back).__name__, target.description]
print(json.dumps(out))
`,
  ) as Record<string, string[]>;
  for (const [id, [wireType, backType]] of Object.entries(result)) {
    if (wireType === "unavailable") continue;
    assert.equal(wireType, "str", `${id} serializes to text`);
    assert.equal(backType, "dict", `${id} deserializes to native objects`);
  }
  assert.notEqual(result.datason[0], "unavailable");
});

Deno.test("a stretched value lasts (1 + stretch) times its passes, on a clock the test drives", async () => {
  await using dir = await tempDir();
  const result = await runPythonWithRunner(
    dir.path,
    `
ticks = iter(range(0, 10 ** 9, 1000))
runner.perf_counter_ns = lambda: next(ticks)
calls = []
# Each read of the clock advances it by 1000 ns. Start at 0; the passes (4 calls, no reads) end
# at 1000: elapsed 1000 ns, so the wait lasts until 1250, reached at the read of 2000. Without a
# stretch the value is the passes' 1000 ns, as with the plain loop.
value = runner._time_stretched(calls.append, [1, 2], 2, 0.25)
plain = runner._time_stretched(calls.append, [1, 2], 2, 0.0)
print(json.dumps([value, plain, len(calls)]))
`,
  );
  assert.deepEqual(result, [2000, 1000, 8]);
});
