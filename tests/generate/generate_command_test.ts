/** `datason-bench generate` in-process: skipping, --force, --verify, --json, and bad input. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { tempDir } from "../helpers/run_cli.ts";
import { hashFolder, runInProcess } from "./helpers.ts";

const small = ["--scenario", "api_fast,edge_cases", "--count", "20", "--seed", "9"];

Deno.test("generate skips scenarios whose files match the manifest, --force rewrites them", async () => {
  await using dir = await tempDir();
  const first = await runInProcess(["generate", "--out", "d", ...small], dir.path);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^api_fast\s+generated\s+20 /m);
  const out = join(dir.path, "d");
  const before = await hashFolder(out);
  const inode = (await Deno.stat(join(out, "api_fast.jsonl"))).ino;

  const again = await runInProcess(["generate", "--out", "d", ...small], dir.path);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^api_fast\s+unchanged\s+20 /m);
  assert.match(again.stdout, /^edge_cases\s+unchanged\s+20 /m);
  assert.match(
    again.stderr,
    /api_fast: unchanged \(matches manifest\.json; --force regenerates it\)/,
  );
  assert.equal((await Deno.stat(join(out, "api_fast.jsonl"))).ino, inode, "file not rewritten");

  const forced = await runInProcess(["generate", "--out", "d", ...small, "--force"], dir.path);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /^api_fast\s+generated\s+20 /m);
  if (Deno.build.os !== "windows") {
    assert.notEqual((await Deno.stat(join(out, "api_fast.jsonl"))).ino, inode, "file replaced");
  }
  assert.deepEqual(await hashFolder(out), before, "same seed, same bytes");

  // Another count regenerates only that scenario; a damaged file is regenerated without --force.
  await Deno.writeTextFile(join(out, "edge_cases.jsonl"), "damaged\n");
  const changed = await runInProcess(
    ["generate", "--out", "d", "--scenario", "api_fast,edge_cases", "--seed", "9", "--count", "21"],
    dir.path,
  );
  assert.match(changed.stdout, /^api_fast\s+generated\s+21 /m);
  assert.match(changed.stdout, /^edge_cases\s+generated\s+21 /m);
  const rerun = await runInProcess(["generate", "--out", "d", ...small], dir.path);
  assert.match(rerun.stdout, /^edge_cases\s+generated\s+20 /m);
  assert.deepEqual(await hashFolder(out), before);
});

Deno.test("generate --json prints exactly the manifest it wrote", async () => {
  await using dir = await tempDir();
  const result = await runInProcess(["generate", "--out", "d", ...small, "--json"], dir.path);
  assert.equal(result.code, 0, result.stderr);
  const printed = JSON.parse(result.stdout);
  assert.equal(printed.schema, "datason-bench/manifest@1");
  assert.deepEqual(printed, JSON.parse(await Deno.readTextFile(join(dir.path, "d/manifest.json"))));
  assert.deepEqual(Object.keys(printed.files), ["api_fast", "edge_cases"]);
});

Deno.test("generate --verify passes on intact files and exits 2 naming each modified one", async () => {
  await using dir = await tempDir();
  assert.equal((await runInProcess(["generate", "--out", "d", ...small], dir.path)).code, 0);
  const ok = await runInProcess(["generate", "--out", "d", "--verify"], dir.path);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^api_fast\.jsonl\s+ok\s+20 records/m);

  // Same length, one byte changed: only the hash can tell.
  const path = join(dir.path, "d/api_fast.jsonl");
  const bytes = await Deno.readFile(path);
  bytes[bytes.length - 10] ^= 1;
  await Deno.writeFile(path, bytes);
  const bad = await runInProcess(["generate", "--out", "d", "--verify"], dir.path);
  assert.equal(bad.code, 2);
  assert.match(bad.stdout, /^api_fast\.jsonl\s+MODIFIED\s+sha256 differs from manifest\.json/m);
  assert.match(bad.stdout, /^edge_cases\.jsonl\s+ok/m);
  assert.match(bad.stdout, /^edge_cases\.json-tier\.jsonl\s+ok\s+20 records/m);
  assert.match(
    bad.stderr,
    /error: 1 of 4 dataset file\(s\) in d do not match manifest\.json: api_fast\.jsonl/,
  );
  assert.match(bad.stderr, /hint: run `datason-bench generate` to regenerate them/);

  await Deno.remove(join(dir.path, "d/edge_cases.jsonl"));
  await Deno.writeTextFile(join(dir.path, "d/api_fast.json-tier.jsonl"), "shorter\n");
  const json = await runInProcess(["generate", "--out", "d", "--verify", "--json"], dir.path);
  assert.equal(json.code, 2);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.schema, "datason-bench/generate-verify@1");
  assert.equal(doc.ok, false);
  assert.deepEqual(doc.files.map((f: { file: string; status: string }) => [f.file, f.status]), [
    ["api_fast.jsonl", "hash-mismatch"],
    ["api_fast.json-tier.jsonl", "size-mismatch"],
    ["edge_cases.jsonl", "missing"],
    ["edge_cases.json-tier.jsonl", "ok"],
  ]);

  const none = await runInProcess(["generate", "--out", "elsewhere", "--verify"], dir.path);
  assert.equal(none.code, 2);
  assert.match(
    none.stderr,
    /cannot read dataset manifest ".*elsewhere[\\/]manifest\.json": no such file/,
  );
  assert.match(none.stderr, /hint: run `datason-bench generate`/);
});

Deno.test("generate rejects bad input with exit 2, naming the flag and the fix", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(join(dir.path, "a-file"), "");
  const cases: [string[], RegExp, RegExp][] = [
    [
      ["--scenario", "api_fats"],
      /unknown scenario "api_fats" \(did you mean "api_fast"\?\)/,
      /known scenarios: api_fast, ml_training/,
    ],
    [["--scenario", ","], /--scenario needs at least one name/, /known scenarios/],
    [["--count", "0"], /--count must be a whole number ≥ 1 \(got "0"\)/, /--count 100/],
    [
      ["--count", "abc"],
      /--count must be a whole number ≥ 1 \(got "abc"\)/,
      /scenarios\.<name>\.count/,
    ],
    [["--count=-3"], /--count must be a whole number ≥ 1 \(got "-3"\)/, /--count 100/],
    [["--count", "1.5"], /--count must be a whole number ≥ 1/, /--count 100/],
    [
      ["--seed", "4294967296"],
      /--seed must be an integer in 0\.\.4294967295 \(got "4294967296"\)/,
      /--seed 20250101/,
    ],
    [
      ["--seed=-1"],
      /--seed must be an integer in 0\.\.4294967295 \(got "-1"\)/,
      /"seed" in the config/,
    ],
    [["--seed", "x"], /--seed must be an integer/, /--seed 20250101/],
    [
      ["--out", "a-file/sub"],
      /cannot write datasets to ".*a-file[\\/]sub"/,
      /pass a writable folder with --out DIR, or change data\.dir/,
    ],
    [["--out", "a-file"], /cannot write datasets to ".*a-file"/, /--out DIR/],
    [
      ["--verify", "--force"],
      /--verify checks existing files; it cannot be combined with --force/,
      /on its own/,
    ],
  ];
  for (const [args, message, hint] of cases) {
    const result = await runInProcess(["generate", "--count", "2", ...args], dir.path);
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message, args.join(" "));
    assert.match(result.stderr, hint, args.join(" "));
    assert.equal(result.stdout, "", "nothing on stdout");
  }
  // Nothing was generated anywhere.
  assert.deepEqual([...Deno.readDirSync(dir.path)].map((e) => e.name), ["a-file"]);
});

Deno.test("generate with an unwritable folder exits 2 (permissions, when not root)", {
  ignore: Deno.build.os === "windows" || Deno.uid() === 0,
}, async () => {
  await using dir = await tempDir();
  await Deno.mkdir(join(dir.path, "locked"), { mode: 0o555 });
  const result = await runInProcess(["generate", "--out", "locked", "--count", "1"], dir.path);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /cannot write datasets to ".*locked": permission denied/);
});

Deno.test("generate ignores an unreadable manifest and regenerates, saying so", async () => {
  await using dir = await tempDir();
  const out = join(dir.path, "d");
  await Deno.mkdir(out);
  await Deno.writeTextFile(join(out, "manifest.json"), `{"schema": "datason-bench/manifest@1"`);
  const result = await runInProcess(["generate", "--out", "d", ...small], dir.path);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /ignoring the unreadable manifest\.json \(malformed JSON at line 1/);
  const verify = await runInProcess(["generate", "--out", "d", "--verify"], dir.path);
  assert.equal(verify.code, 0, verify.stderr);
});
