/**
 * Every competitor's typed-tier adapter round-trips one record of each typed value kind, through
 * the real runner and the test Python, with the fidelity claimed here (README, "Competitors");
 * on the JSON tier every plain API round-trips the projected values exactly, except where the
 * library documents that it cannot carry them.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { RunnerProcess } from "../../lib/bench/runner_process.ts";
import type { HelloReply, LoadedReply, ResultReply } from "../../lib/bench/protocol.ts";
import { projectJsonTier } from "../../lib/generate/json_tier_projector.ts";
import { DATASET_SCHEMA } from "../../lib/generate/manifest.ts";
import { REPO_ROOT, tempDir } from "../helpers/run_cli.ts";
import { testPython, typed } from "./fixtures.ts";

const TIMEOUT_SECONDS = 60;
const ONCE = { warmups: 0, values: 1, minValueSeconds: 0.001, loops: 1 } as const;

type Outcome = "exact" | "lossy" | "unsupported";
const E: Outcome = "exact";
const L: Outcome = "lossy";
const U: Outcome = "unsupported";

const COMPETITORS = [
  "json",
  "simplejson",
  "ujson",
  "orjson",
  "msgpack",
  "pickle",
  "jsonpickle",
  "cbor2",
] as const;

/**
 * Kind, typed value, and the typed tier's outcome per competitor, in the order of `COMPETITORS`.
 * What the lossy ones lose: JSON text for datetimes, dates, times, UUIDs, Decimals (simplejson
 * and ujson read them back as floats) and bytes (base64); lists for sets and tuples (msgpack and
 * cbor2 too); `[re, im]` for complex; nested lists for arrays and row objects for DataFrames.
 * msgpack keeps bytes, UTC datetimes (its Timestamp type; other offsets come back in UTC),
 * complex numbers and big integers (ext types its default writes). orjson writes NaN and ±Infinity
 * as null and stops at 64-bit integers; cbor2, used as it is, has no time, array or DataFrame.
 */
const TYPED_TIER: readonly [string, unknown, readonly Outcome[]][] = [
  //                                                                json simplejson ujson orjson msgpack pickle jsonpickle cbor2
  ["datetime", typed("datetime", "2024-03-01T12:30:45.123456+01:00"), [L, L, L, L, L, E, E, E]],
  ["datetime_utc", typed("datetime", "2024-03-01T12:30:45.123456+00:00"), [L, L, L, L, E, E, E, E]],
  ["date", typed("date", "2024-02-29"), [L, L, L, L, L, E, E, E]],
  ["time", typed("time", "08:15:00.000000"), [L, L, L, L, L, E, E, U]],
  ["uuid", typed("uuid", "12345678-1234-4234-8234-123456789abc"), [L, L, L, L, L, E, E, E]],
  ["decimal", typed("decimal", "19.90"), [L, L, L, L, L, E, E, E]],
  ["bytes", typed("bytes", "AAEC/w=="), [L, L, L, L, E, E, E, E]],
  ["set", typed("set", ["a", "b"]), [L, L, L, L, L, E, E, E]],
  ["tuple", typed("tuple", [1, "x"]), [L, L, L, L, L, E, E, L]],
  ["complex", typed("complex", [1.5, -2]), [L, L, L, L, E, E, E, E]],
  ["nan", typed("float", "nan"), [E, E, E, L, E, E, E, E]],
  ["infinity", typed("float", "-inf"), [E, E, E, L, E, E, E, E]],
  ["big_int", typed("int", "123456789012345678901234567890"), [E, E, E, U, E, E, E, E]],
  [
    "ndarray",
    typed("ndarray", { dtype: "float64", shape: [2, 3], data: [0, 1, 2, 3, 4.5, 5] }),
    [L, L, L, L, L, E, E, U],
  ],
  [
    "ndarray_float32",
    typed("ndarray", { dtype: "float32", shape: [3], data: [0.1, 1, -2.5] }),
    [L, L, L, L, L, E, E, U],
  ],
  [
    "dataframe",
    typed("dataframe", { columns: ["a", "b"], data: [[1, "x"], [2, "y"]] }),
    [L, L, L, L, L, E, E, U],
  ],
];

/** On the JSON tier only orjson and plain msgpack cannot carry an integer beyond 64 bits. */
function jsonTierOutcome(kind: string, competitor: string): Outcome {
  return kind === "big_int" && (competitor === "orjson" || competitor === "msgpack") ? U : E;
}

const HEADER = {
  schema: DATASET_SCHEMA,
  seed: 1,
  generatorVersion: "test",
  count: 1,
  sizeRange: [1, 1_000_000],
  referenceDate: "2025-01-01T00:00:00.000Z",
};

/** One record `{"value": v}` as a typed file and as its JSON-tier file. */
async function writeKind(dir: string, kind: string, value: unknown): Promise<[string, string]> {
  const line = JSON.stringify({ i: 0, targetBytes: 1, data: { value } });
  const typedPath = join(dir, `${kind}.jsonl`);
  const jsonPath = join(dir, `${kind}.json-tier.jsonl`);
  await Deno.writeTextFile(
    typedPath,
    `${JSON.stringify({ ...HEADER, scenario: kind })}\n${line}\n`,
  );
  await Deno.writeTextFile(
    jsonPath,
    `${JSON.stringify({ ...HEADER, scenario: kind, tier: "json" })}\n${projectJsonTier(line)}\n`,
  );
  return [typedPath, jsonPath];
}

async function roundTrip(runner: RunnerProcess, target: string): Promise<Outcome | string> {
  const reply = await runner.request<ResultReply>(
    { type: "measure", target: { id: target }, operation: "deserialize", ...ONCE },
    TIMEOUT_SECONDS,
  );
  if (reply.status !== "ok") return reply.status;
  return reply.fidelity ?? "no fidelity";
}

Deno.test("each typed-tier adapter round-trips each typed value kind with the claimed fidelity", async () => {
  await using dir = await tempDir();
  const runner = await RunnerProcess.start({ python: testPython() });
  try {
    const mismatches: string[] = [];
    for (const [kind, value, expected] of TYPED_TIER) {
      const [typedPath] = await writeKind(dir.path, kind, value);
      const loaded = await runner.request<LoadedReply>(
        { type: "load", path: typedPath, limit: null },
        TIMEOUT_SECONDS,
      );
      assert.equal(loaded.tier, "typed");
      for (const [k, competitor] of COMPETITORS.entries()) {
        const got = await roundTrip(runner, competitor);
        if (got !== expected[k]) {
          mismatches.push(`${kind}/${competitor}: ${got}, not ${expected[k]}`);
        }
      }
    }
    assert.deepEqual(mismatches, []);
  } finally {
    await runner.close();
  }
});

Deno.test("on the JSON tier every plain API round-trips exactly, but for documented limits", async () => {
  await using dir = await tempDir();
  const runner = await RunnerProcess.start({ python: testPython() });
  try {
    const mismatches: string[] = [];
    for (const [kind, value] of TYPED_TIER) {
      const [, jsonPath] = await writeKind(dir.path, kind, value);
      const loaded = await runner.request<LoadedReply>(
        { type: "load", path: jsonPath, limit: null },
        TIMEOUT_SECONDS,
      );
      assert.equal(loaded.tier, "json");
      for (const competitor of COMPETITORS) {
        const got = await roundTrip(runner, competitor);
        const expected = jsonTierOutcome(kind, competitor);
        if (got !== expected) mismatches.push(`${kind}/${competitor}: ${got}, not ${expected}`);
      }
    }
    assert.deepEqual(mismatches, []);
  } finally {
    await runner.close();
  }
});

Deno.test("hello describes each competitor's call per tier and the documentation it follows", async () => {
  const runner = await RunnerProcess.start({ python: testPython() });
  try {
    const hello = await runner.request<HelloReply>({ type: "hello", protocol: 1 }, TIMEOUT_SECONDS);
    const descriptions = hello.descriptions ?? {};
    assert.deepEqual(descriptions.json, {
      typed: "json.dumps(x, default=encode) / json.loads(s)",
      json: "json.dumps(x) / json.loads(s)",
      docs: "https://docs.python.org/3/library/json.html#json.dump",
    });
    assert.equal(descriptions.pickle.typed, "pickle.dumps(x) / pickle.loads(b)");
    assert.equal(descriptions.pickle.typed, descriptions.pickle.json);
    assert.equal(
      descriptions.datason.typed,
      "json.dumps(datason.serialize(x)) / datason.deserialize(json.loads(s))",
    );
    assert.equal(descriptions.datason.json, descriptions.datason.typed);
    for (const competitor of COMPETITORS) {
      assert.match(descriptions[competitor].docs ?? "", /^https:\/\//, competitor);
    }
  } finally {
    await runner.close();
  }
});

Deno.test("README's table of competitors shows the calls the runner makes", async () => {
  const readme = await Deno.readTextFile(join(REPO_ROOT, "README.md"));
  const table = readme.slice(readme.indexOf("## Competitors"), readme.indexOf("Choices, each"));
  const rows = new Map<string, [string, string]>();
  for (const line of table.split("\n")) {
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    const id = /^`([a-z0-9-]+)`$/.exec(cells[0] ?? "")?.[1];
    if (id === undefined) continue;
    const call = (cell: string) => cell.replace(/^`|`$/g, "").replaceAll("\\|", "|");
    rows.set(id, [call(cells[1]), cells[2] === "the same" ? call(cells[1]) : call(cells[2])]);
  }
  const runner = await RunnerProcess.start({ python: testPython() });
  try {
    const hello = await runner.request<HelloReply>({ type: "hello", protocol: 1 }, TIMEOUT_SECONDS);
    const descriptions = hello.descriptions ?? {};
    for (const id of ["datason", "datason-str", ...COMPETITORS]) {
      assert.deepEqual(rows.get(id), [descriptions[id].typed, descriptions[id].json], id);
    }
  } finally {
    await runner.close();
  }
});
