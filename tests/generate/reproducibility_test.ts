/**
 * Same seed ⇒ same bytes, whatever the working folder, time zone or locale; another seed ⇒ other
 * bytes; one scenario's count never changes another scenario's data. Runs the real CLI.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";
import { hashFolder, runInProcess } from "./helpers.ts";

const CONFIG = JSON.stringify({
  scenarios: {
    api_fast: { count: 40 },
    ml_training: { count: 3 },
    secure_storage: { count: 20 },
    large_data: { count: 1 },
    edge_cases: { count: 60 },
  },
});

Deno.test("same seed gives byte-identical files across folders, time zones and locales", async () => {
  await using a = await tempDir();
  await using b = await tempDir();
  await using c = await tempDir();
  for (const dir of [a, b, c]) {
    await Deno.writeTextFile(join(dir.path, "datason-bench.json"), CONFIG);
  }
  const [ra, rb, rc] = await Promise.all([
    runCliProcess(["generate", "--seed", "7", "--out", "out"], {
      cwd: a.path,
      env: { TZ: "UTC", LANG: "C", LC_ALL: "C" },
    }),
    runCliProcess(["generate", "--seed", "7", "--out", join("deeper", "folder")], {
      cwd: b.path,
      env: { TZ: "Asia/Kathmandu", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
    }),
    runCliProcess(["generate", "--seed", "8", "--out", "out"], {
      cwd: c.path,
      env: { TZ: "America/St_Johns", LANG: "ja_JP.UTF-8", LC_ALL: "ja_JP.UTF-8" },
    }),
  ]);
  for (const r of [ra, rb, rc]) assert.equal(r.code, 0, r.stderr);

  const filesA = await hashFolder(join(a.path, "out"));
  const filesB = await hashFolder(join(b.path, "deeper", "folder"));
  assert.deepEqual(Object.keys(filesA), [
    "api_fast.json-tier.jsonl",
    "api_fast.jsonl",
    "edge_cases.json-tier.jsonl",
    "edge_cases.jsonl",
    "large_data.json-tier.jsonl",
    "large_data.jsonl",
    "manifest.json",
    "ml_training.json-tier.jsonl",
    "ml_training.jsonl",
    "secure_storage.json-tier.jsonl",
    "secure_storage.jsonl",
  ]);
  assert.deepEqual(filesB, filesA, "same seed: every file and the manifest identical");

  const filesC = await hashFolder(join(c.path, "out"));
  for (const name of Object.keys(filesA)) {
    assert.notEqual(filesC[name], filesA[name], `another seed changes ${name}`);
  }
  const manifest = JSON.parse(await Deno.readTextFile(join(a.path, "out", "manifest.json")));
  const entries = Object.entries(manifest.files) as [
    string,
    { sha256: string; jsonTier: { sha256: string } },
  ][];
  for (const [name, entry] of entries) {
    assert.equal(entry.sha256, filesA[`${name}.jsonl`]);
    assert.equal(entry.jsonTier.sha256, filesA[`${name}.json-tier.jsonl`]);
  }
});

Deno.test("one scenario's count changes neither other scenarios nor its own first records", async () => {
  await using dir = await tempDir();
  const base = ["generate", "--seed", "3", "--quiet", "--scenario"];
  for (const [out, apiCount] of [["x", "5"], ["y", "9"]]) {
    assert.equal(
      (await runInProcess([...base, "api_fast", "--count", apiCount, "--out", out], dir.path)).code,
      0,
    );
    assert.equal(
      (await runInProcess(
        [...base, "ml_training,edge_cases", "--count", "2", "--out", out],
        dir.path,
      )).code,
      0,
    );
  }
  const x = await hashFolder(join(dir.path, "x"));
  const y = await hashFolder(join(dir.path, "y"));
  assert.equal(x["ml_training.jsonl"], y["ml_training.jsonl"]);
  assert.equal(x["edge_cases.jsonl"], y["edge_cases.jsonl"]);
  assert.notEqual(x["api_fast.jsonl"], y["api_fast.jsonl"]);
  const lines = async (d: string) =>
    (await Deno.readTextFile(join(dir.path, d, "api_fast.jsonl"))).split("\n").slice(1, 6);
  assert.deepEqual(await lines("y"), await lines("x"), "records 0–4 do not depend on the count");
});
