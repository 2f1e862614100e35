/**
 * Reads every generated dataset file back and checks it the way `run` and the Python runner rely
 * on it: header, record count, each record's size, every typed value, the content each scenario
 * promises, and the manifest.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import defaults from "../../lib/config/defaults.json" with { type: "json" };
import { GENERATOR_VERSION } from "../../lib/generate/generator_version.ts";
import { inspectTypedValues } from "./inspect_typed_values.ts";
import { DATASET_SCHEMA } from "../../lib/generate/manifest.ts";
import { openDataset } from "./read_dataset.ts";
import { readManifest } from "../../lib/generate/read_manifest.ts";
import { TYPED_VALUE_TYPES, type TypedValueType } from "../../lib/generate/typed_values.ts";
import { checkDatasets } from "../../lib/generate/verify_datasets.ts";
import { utf8ByteLength } from "../../lib/generate/utf8_byte_length.ts";
import { MAX_NESTING_DEPTH } from "../../scenarios/edge_cases.ts";
import { SCENARIOS } from "../../scenarios/mod.ts";
import { generateSmall, SMALL_COUNTS } from "./helpers.ts";

const SEED = 42;

/** Every string in a value, keys included. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) { for (const v of value) strings(v, out); }
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

Deno.test("scenario modules declare the defaults of lib/config/defaults.json", () => {
  assert.deepEqual(SCENARIOS.map((s) => s.name), Object.keys(defaults.scenarios));
  for (const s of SCENARIOS) {
    assert.equal(s.defaultCount, defaults.scenarios[s.name].count, s.name);
    assert.ok(s.sizeRange[0] >= 1 && s.sizeRange[0] < s.sizeRange[1], s.name);
  }
});

Deno.test("every generated dataset file reads back valid and complete", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "datason-bench-datasets-" });
  try {
    await generateSmall(dir, SEED);
    const manifest = await readManifest(dir);
    const seen = new Map<string, Record<TypedValueType, number>>();
    const strs = new Map<string, string[]>();
    const depths = new Map<string, number[]>();
    const sizes = new Map<string, number[]>();

    for (const scenario of SCENARIOS) {
      await t.step(`${scenario.name}: header, records, sizes, typed values`, async () => {
        const path = join(dir, `${scenario.name}.jsonl`);
        const { header, records } = await openDataset(path);
        assert.deepEqual(header, {
          schema: DATASET_SCHEMA,
          scenario: scenario.name,
          seed: SEED,
          generatorVersion: GENERATOR_VERSION,
          count: SMALL_COUNTS[scenario.name],
          sizeRange: [...scenario.sizeRange],
          referenceDate: defaults.referenceDate,
        });
        const counts = Object.fromEntries(TYPED_VALUE_TYPES.map((x) => [x, 0])) as Record<
          TypedValueType,
          number
        >;
        const allStrings: string[] = [];
        const recordDepths: number[] = [];
        const recordSizes: number[] = [];
        let n = 0;
        for await (const record of records) {
          const where = `${scenario.name} record ${record.i}`;
          const [min, max] = scenario.sizeRange;
          assert.ok(record.bytes >= min && record.bytes <= max, `${where}: ${record.bytes} B`);
          assert.ok(record.targetBytes >= min && record.targetBytes <= max, where);
          const inspection = inspectTypedValues(record.data);
          assert.deepEqual(inspection.problems, [], where);
          assert.ok(inspection.maxDepth <= MAX_NESTING_DEPTH, `${where}: depth`);
          for (const x of TYPED_VALUE_TYPES) counts[x] += inspection.counts[x];
          if (scenario.name !== "large_data") strings(record.data, allStrings);
          recordDepths.push(inspection.maxDepth);
          recordSizes.push(record.bytes);
          n++;
        }
        assert.equal(n, SMALL_COUNTS[scenario.name]);
        assert.equal(manifest.files[scenario.name].records, n);
        seen.set(scenario.name, counts);
        strs.set(scenario.name, allStrings);
        depths.set(scenario.name, recordDepths);
        sizes.set(scenario.name, recordSizes);
      });
    }

    await t.step("each line's data is exactly JSON.stringify of the parsed data", async () => {
      for (const scenario of SCENARIOS) {
        const text = await Deno.readTextFile(join(dir, `${scenario.name}.jsonl`));
        const lines = text.split("\n");
        assert.equal(lines.pop(), "", "the file ends with a newline");
        for (const line of lines.slice(1)) {
          const parsed = JSON.parse(line);
          const prefix = `{"i":${parsed.i},"targetBytes":${parsed.targetBytes},"data":`;
          assert.ok(line.startsWith(prefix) && line.endsWith("}"));
          const raw = line.slice(prefix.length, -1);
          assert.equal(raw, JSON.stringify(parsed.data), `${scenario.name} record ${parsed.i}`);
          assert.ok(utf8ByteLength(raw) >= scenario.sizeRange[0]);
        }
      }
    });

    await t.step("every typed value type appears, and each tier keeps to its types", () => {
      for (const type of TYPED_VALUE_TYPES) {
        const where = [...seen].filter(([, c]) => c[type] > 0).map(([name]) => name);
        assert.ok(where.length > 0, `typed value "${type}" appears in no scenario`);
      }
      for (const scenario of SCENARIOS) {
        const counts = seen.get(scenario.name)!;
        const used = TYPED_VALUE_TYPES.filter((x) => counts[x] > 0);
        if (scenario.tier === "json_safe") assert.deepEqual(used.sort(), ["float", "int"]);
        if (scenario.tier === "object_enhanced") {
          assert.ok(!used.includes("ndarray") && !used.includes("dataframe"), scenario.name);
        }
        if (scenario.tier === "ml_complex") assert.ok(used.includes("ndarray"), scenario.name);
      }
      const api = seen.get("api_fast")!;
      for (const x of ["datetime", "uuid", "decimal"] as const) assert.ok(api[x] > 0, x);
    });

    await t.step("edge_cases holds every promised edge", () => {
      const s = strs.get("edge_cases")!;
      const has = (test: (x: string) => boolean, what: string) =>
        assert.ok(s.some(test), `edge_cases has no ${what}`);
      has((x) => x === "", "empty string");
      has((x) => x.length > 0 && x.trim() === "", "whitespace-only string");
      const isControl = (c: number) =>
        (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
      has((x) => [...x].some((ch) => isControl(ch.codePointAt(0)!)), "control character");
      has((x) => /\p{Extended_Pictographic}/u.test(x), "emoji");
      has((x) => x.includes("\u200d"), "ZWJ emoji sequence");
      has((x) => /\p{Script=Han}/u.test(x), "CJK");
      has((x) => /[\u{20000}-\u{2FFFF}]/u.test(x), "supplementary-plane CJK");
      has((x) => /\p{Script=Arabic}|\p{Script=Hebrew}/u.test(x), "RTL text");
      has((x) => /\p{M}/u.test(x), "combining mark");
      has((x) => x.includes("\u200b"), "zero-width space");
      has((x) => x === "$ref", "circular reference by id");
      const counts = seen.get("edge_cases")!;
      assert.ok(counts.float >= 3 && counts.int > 0);
      const all = JSON.stringify([...s]);
      for (const special of ["nan", "inf", "-inf"]) assert.ok(all.includes(`"${special}"`));
      assert.equal(Math.max(...depths.get("edge_cases")!), MAX_NESTING_DEPTH);
      const edgeSizes = sizes.get("edge_cases")!;
      assert.ok(Math.min(...edgeSizes) < 30, "a record near the 10 B floor");
      assert.ok(Math.max(...edgeSizes) > 30_000, "a record near the 100 KB ceiling");
    });

    await t.step("secure_storage carries the PII dump_secure redacts", () => {
      const s = strs.get("secure_storage")!;
      for (
        const [what, pattern] of [
          ["email", /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/],
          ["card number with dashes", /^\d{4}-\d{4}-\d{4}-\d{4}$/],
          ["card number without dashes", /^\d{16}$/],
          ["SSN", /^\d{3}-\d{2}-\d{4}$/],
          ["phone number", /^\+1-\d{3}-\d{3}-\d{4}$/],
        ] as const
      ) assert.ok(s.some((x) => pattern.test(x)), what);
      for (const key of ["password", "api_key", "secret", "token", "ssn", "credit_card"]) {
        assert.ok(s.includes(key), `field "${key}"`);
      }
    });

    await t.step("the manifest matches the files", async () => {
      await checkDatasets(dir, SCENARIOS.map((s) => s.name));
      assert.equal(manifest.seed, SEED);
      assert.deepEqual(Object.keys(manifest.files), SCENARIOS.map((s) => s.name));
      for (const s of SCENARIOS) assert.equal(manifest.files[s.name].tier, s.tier);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
