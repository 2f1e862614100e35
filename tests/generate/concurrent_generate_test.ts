/**
 * Two `generate`s into one folder at once keep every manifest entry (the second waits for the
 * folder's lock), and `generate --verify` names dataset files the manifest does not list.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { readManifest } from "../../lib/generate/read_manifest.ts";
import { lockDatasetFolder } from "../../lib/generate/folder_lock.ts";
import { type CliResult, COMPILE_FLAGS, MAIN_TS, REPO_ROOT, tempDir } from "../helpers/run_cli.ts";
import { runInProcess } from "./helpers.ts";

Deno.test("two generates into one folder at once keep both manifest entries", async () => {
  await using dir = await tempDir();
  const d = join(dir.path, "d");
  await Deno.mkdir(d);
  // The test holds the folder's lock until both generates wait for it, so they contend however
  // slowly each starts; then each must start from the manifest the other wrote.
  const held = await lockDatasetFolder(d);
  const children = [
    ["--scenario", "api_fast", "--count", "1500"],
    ["--scenario", "secure_storage", "--count", "300"],
  ].map((args) =>
    new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        ...COMPILE_FLAGS,
        `--deny-read=${REPO_ROOT}`,
        MAIN_TS,
        "generate",
        "--out",
        "d",
        ...args,
      ],
      cwd: dir.path,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).spawn()
  );
  let outputs: CliResult[];
  try {
    const stderrs = await Promise.all(
      children.map((child) => readUntil(child.stderr, /waiting for pid \d+/, 120_000)),
    );
    for (const text of stderrs) {
      assert.match(
        text.seen,
        /waiting for pid \d+ on host .* \(generate, since .*\), which is writing datasets in /,
      );
    }
    await held.release();
    outputs = await Promise.all(children.map(async (child, i) => {
      const status = await child.status;
      const rest = await stderrs[i].rest;
      const stdout = new TextDecoder().decode(
        new Uint8Array(await new Response(child.stdout).arrayBuffer()),
      );
      return { code: status.code, stdout, stderr: stderrs[i].seen + rest };
    }));
  } finally {
    await held.release().catch(() => {});
    for (const child of children) {
      try {
        child.kill("SIGKILL");
      } catch {
        // exited
      }
    }
  }
  for (const output of outputs) assert.equal(output.code, 0, output.stderr);
  const manifest = await readManifest(d);
  assert.deepEqual(Object.keys(manifest.files).sort(), ["api_fast", "secure_storage"]);
  const verify = await runInProcess(["generate", "--out", "d", "--verify"], dir.path);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  const names = [...Deno.readDirSync(d)].map((e) => e.name).sort();
  assert.deepEqual(names, [
    "api_fast.json-tier.jsonl",
    "api_fast.jsonl",
    "manifest.json",
    "secure_storage.json-tier.jsonl",
    "secure_storage.jsonl",
  ]);
  assert.ok(manifest.files.api_fast.jsonTier && manifest.files.secure_storage.jsonTier);
});

/**
 * Reads a stream until its text matches `pattern` (or fails after `timeoutMs`); `rest` resolves to
 * what follows once the stream ends.
 */
async function readUntil(
  stream: ReadableStream<Uint8Array>,
  pattern: RegExp,
  timeoutMs: number,
): Promise<{ seen: string; rest: Promise<string> }> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(seen)) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms: ${seen}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before ${pattern}: ${seen}`);
    seen += value;
  }
  const rest = (async () => {
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += value;
    }
  })();
  return { seen, rest };
}

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
