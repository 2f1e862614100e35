/**
 * Two `generate`s into one folder at once keep every manifest entry (the second waits for the
 * folder's lock), and `generate --verify` names dataset files the manifest does not list.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { readManifest } from "../../lib/generate/read_manifest.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";
import { runInProcess } from "./helpers.ts";

Deno.test("two generates into one folder at once keep both manifest entries", async () => {
  await using dir = await tempDir();
  const [first, second] = await Promise.all([
    runCliProcess(["generate", "--out", "d", "--scenario", "api_fast", "--count", "1500"], {
      cwd: dir.path,
    }),
    runCliProcess(["generate", "--out", "d", "--scenario", "secure_storage", "--count", "300"], {
      cwd: dir.path,
    }),
  ]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(second.code, 0, second.stderr);
  const manifest = await readManifest(join(dir.path, "d"));
  assert.deepEqual(Object.keys(manifest.files), ["api_fast", "secure_storage"]);
  assert.match(
    first.stderr + second.stderr,
    /waiting for pid \d+ on host .* \(generate, since .*\), which is writing datasets in /,
  );
  const verify = await runInProcess(["generate", "--out", "d", "--verify"], dir.path);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  const names = [...Deno.readDirSync(join(dir.path, "d"))].map((e) => e.name).sort();
  assert.deepEqual(names, ["api_fast.jsonl", "manifest.json", "secure_storage.jsonl"]);
});

Deno.test("generate --verify exits 2 naming a .jsonl file the manifest does not list", async () => {
  await using dir = await tempDir();
  const made = await runInProcess(
    ["generate", "--out", "d", "--scenario", "api_fast", "--count", "5", "--quiet"],
    dir.path,
  );
  assert.equal(made.code, 0, made.stderr);
  const d = join(dir.path, "d");
  await Deno.copyFile(join(d, "api_fast.jsonl"), join(d, "edge_cases.jsonl"));
  await Deno.writeTextFile(join(d, "mine.jsonl"), "{}\n");
  const text = await runInProcess(["generate", "--out", "d", "--verify"], dir.path);
  assert.equal(text.code, 2);
  assert.match(text.stdout, /edge_cases\.jsonl\s+NOT LISTED/);
  assert.match(text.stdout, /mine\.jsonl\s+NOT LISTED/);
  assert.match(
    text.stderr,
    /error: 2 dataset file\(s\) in d are not listed in manifest\.json: edge_cases\.jsonl, mine\.jsonl/,
  );
  assert.match(text.stderr, /hint: run `datason-bench generate --scenario edge_cases`/);
  const json = await runInProcess(["generate", "--out", "d", "--verify", "--json"], dir.path);
  assert.equal(json.code, 2);
  const report = JSON.parse(json.stdout);
  assert.equal(report.ok, false);
  assert.deepEqual(report.unlistedFiles, ["edge_cases.jsonl", "mine.jsonl"]);
});
