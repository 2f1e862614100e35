import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../../lib/_common/errors.ts";
import { ManifestError, parseManifest } from "../../lib/generate/parse_manifest.ts";
import { openDataset } from "./read_dataset.ts";
import { readManifest, tryReadManifest } from "../../lib/generate/read_manifest.ts";
import { checkDatasets } from "../../lib/generate/verify_datasets.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { runInProcess } from "./helpers.ts";

function validManifest() {
  return {
    schema: "datason-bench/manifest@1",
    seed: 1,
    generatorVersion: "1",
    referenceDate: "2025-01-01T00:00:00.000Z",
    files: {
      api_fast: {
        file: "api_fast.jsonl",
        sha256: "a".repeat(64),
        bytes: 10,
        records: 1,
        seed: 1,
        generatorVersion: "1",
        sizeRange: [100, 1000],
        tier: "object_enhanced",
        referenceDate: "2025-01-01T00:00:00.000Z",
      },
    },
  };
}

Deno.test("parseManifest() accepts a valid manifest and names file and JSON path otherwise", () => {
  assert.equal(parseManifest(validManifest(), "m.json").files.api_fast.records, 1);
  const cases: [(m: ReturnType<typeof validManifest>) => unknown, RegExp][] = [
    [
      (m) => ((m.files.api_fast.sha256 = "xyz"), m),
      /files\.api_fast\.sha256: got "xyz", which does not match/,
    ],
    [(m) => ((m.files.api_fast.file = "../etc/passwd.jsonl"), m), /files\.api_fast\.file:/],
    [
      (m) => ((m.files.api_fast.sizeRange = [5, 1]), m),
      /files\.api_fast\.sizeRange: must be \[min, max\] with min ≤ max/,
    ],
    [
      (m) => ((m.files.api_fast.tier = "gold" as never), m),
      /files\.api_fast\.tier: got "gold", expected one of/,
    ],
    [(m) => ((m.seed = 2 ** 32), m), /seed: got 4294967296, must be ≤ 4294967295/],
    [(m) => ((m as Record<string, unknown>).extra = 1, m), /extra: unknown key "extra"/],
    [
      (m) => ((m.schema = "datason-bench/run@1" as never), m),
      /schema: expected "datason-bench\/manifest@1"/,
    ],
    [() => [], /the top level is not a JSON object/],
  ];
  for (const [mutate, message] of cases) {
    assert.throws(
      () => parseManifest(mutate(validManifest()), "data/manifest.json"),
      (e: unknown) =>
        e instanceof ManifestError && e.exitCode === 2 &&
        e.message.startsWith('cannot read dataset manifest "data/manifest.json": ') &&
        message.test(e.message) && /generate --force/.test(e.hint ?? ""),
      String(message),
    );
  }
  const future = { ...validManifest(), schema: "datason-bench/manifest@2" };
  assert.throws(
    () => parseManifest(future, "m.json"),
    (e: unknown) =>
      e instanceof ManifestError && /newer datason-bench/.test(e.message) &&
      /upgrade/.test(e.hint ?? ""),
  );
});

Deno.test("readManifest() of a folder without datasets says to run generate", async () => {
  await using dir = await tempDir();
  assert.equal(await tryReadManifest(dir.path), null);
  await assert.rejects(
    readManifest(dir.path),
    (e: unknown) =>
      e instanceof ManifestError && /manifest\.json": no such file/.test(e.message) &&
      /run `datason-bench generate`/.test(e.hint ?? ""),
  );
  await Deno.writeTextFile(join(dir.path, "manifest.json"), '{\n  "seed": 1,\n}');
  await assert.rejects(readManifest(dir.path), /malformed JSON at line 3/);
});

Deno.test("checkDatasets() refuses a missing, changed or unlisted dataset, naming generate", async () => {
  await using dir = await tempDir();
  const out = join(dir.path, "d");
  const gen = await runInProcess(
    ["generate", "--out", "d", "--scenario", "api_fast,edge_cases", "--count", "3", "--quiet"],
    dir.path,
  );
  assert.equal(gen.code, 0, gen.stderr);
  await checkDatasets(out, ["api_fast", "edge_cases"]);
  await assert.rejects(
    checkDatasets(out, ["ml_training"]),
    (e: unknown) =>
      e instanceof InputError && /has no entry for it/.test(e.message) &&
      /generate --scenario ml_training/.test(e.hint ?? ""),
  );
  await Deno.writeTextFile(join(out, "api_fast.jsonl"), "changed\n", { append: true });
  await assert.rejects(
    checkDatasets(out, ["api_fast"]),
    (e: unknown) =>
      e instanceof InputError &&
      /api_fast\.jsonl": \d+ bytes, manifest\.json says \d+/.test(e.message) &&
      /datason-bench generate/.test(e.hint ?? ""),
  );
  await Deno.remove(join(out, "edge_cases.jsonl"));
  await assert.rejects(checkDatasets(out, ["edge_cases"]), /edge_cases\.jsonl": no such file/);
});

Deno.test("openDataset() names the file and line of a damaged record", async () => {
  await using dir = await tempDir();
  const gen = await runInProcess(
    ["generate", "--out", "d", "--scenario", "api_fast", "--count", "3", "--quiet"],
    dir.path,
  );
  assert.equal(gen.code, 0, gen.stderr);
  const path = join(dir.path, "d", "api_fast.jsonl");
  const lines = (await Deno.readTextFile(path)).split("\n");
  lines[2] = lines[2].slice(0, 40);
  await Deno.writeTextFile(path, lines.join("\n"));
  const { header, records } = await openDataset(path);
  assert.equal(header.count, 3);
  await assert.rejects(
    (async () => {
      for await (const _ of records) { /* read all */ }
    })(),
    (e: unknown) =>
      e instanceof InputError && /api_fast\.jsonl": line 3: malformed JSON/.test(e.message),
  );
  await Deno.writeTextFile(path, lines.slice(0, 2).join("\n") + "\n");
  const short = await openDataset(path);
  await assert.rejects(
    (async () => {
      for await (const _ of short.records) { /* read all */ }
    })(),
    /the header announces 3 records, the file has 1/,
  );
});
