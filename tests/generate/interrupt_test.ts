/**
 * A generate stopped mid-file — killed outright or asked to stop — never leaves a file that
 * manifest.json claims: finished scenarios stay listed and intact, the interrupted one keeps its
 * previous file and entry (or has none), and the next run cleans up.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { readManifest } from "../../lib/generate/read_manifest.ts";
import { checkDatasets } from "../../lib/generate/verify_datasets.ts";
import { COMPILE_FLAGS, MAIN_TS, REPO_ROOT, tempDir } from "../helpers/run_cli.ts";
import { hashFolder, runInProcess } from "./helpers.ts";

/** Starts the real CLI and returns it once a temporary dataset file is being written. */
async function startAndWaitForTempFile(
  cwd: string,
  args: string[],
  tempName: string,
): Promise<Deno.ChildProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...COMPILE_FLAGS, `--deny-read=${REPO_ROOT}`, MAIN_TS, ...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const out = join(cwd, "d");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const temp = [...safeReadDir(out)].find((name) => name.startsWith(`.tmp-${tempName}.`));
    if (temp !== undefined && Deno.statSync(join(out, temp)).size > 0) return child;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill("SIGKILL");
  await child.output();
  throw new Error(`no temporary ${tempName} file appeared within 30 s`);
}

function* safeReadDir(dir: string): Generator<string> {
  try {
    for (const entry of Deno.readDirSync(dir)) yield entry.name;
  } catch {
    // not created yet
  }
}

const CONFIG = JSON.stringify({
  scenarios: { api_fast: { count: 15 }, edge_cases: { count: 1_000_000 } },
});

Deno.test("a killed generate keeps finished scenarios listed and claims no partial file", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(join(dir.path, "datason-bench.json"), CONFIG);
  // An earlier complete dataset of edge_cases, which the interrupted run was replacing.
  const earlier = await runInProcess(
    ["generate", "--out", "d", "--scenario", "edge_cases", "--count", "5", "--quiet"],
    dir.path,
  );
  assert.equal(earlier.code, 0, earlier.stderr);
  const earlierEdge = (await hashFolder(join(dir.path, "d")))["edge_cases.jsonl"];

  const child = await startAndWaitForTempFile(
    dir.path,
    ["generate", "--out", "d", "--scenario", "api_fast,edge_cases"],
    "edge_cases.jsonl",
  );
  child.kill("SIGKILL");
  await child.output();

  const manifest = await readManifest(join(dir.path, "d"));
  assert.deepEqual(Object.keys(manifest.files), ["api_fast", "edge_cases"]);
  assert.equal(manifest.files.api_fast.records, 15, "the finished scenario is listed");
  assert.equal(manifest.files.edge_cases.records, 5, "the interrupted one keeps its old entry");
  await checkDatasets(join(dir.path, "d"), ["api_fast", "edge_cases"]);
  const files = await hashFolder(join(dir.path, "d"));
  assert.equal(files["edge_cases.jsonl"], earlierEdge);
  assert.ok(Object.keys(files).some((n) => n.startsWith(".tmp-edge_cases.jsonl.")));

  // The next run removes the leftover and says so.
  const next = await runInProcess(
    ["generate", "--out", "d", "--scenario", "edge_cases", "--count", "5"],
    dir.path,
  );
  assert.equal(next.code, 0, next.stderr);
  assert.match(next.stderr, /removed 1 temporary file\(s\) left by an interrupted generate/);
  assert.ok(!Object.keys(await hashFolder(join(dir.path, "d"))).some((n) => n.startsWith(".tmp-")));
});

Deno.test("SIGTERM stops generate with exit 130, removing its temporary file", {
  ignore: Deno.build.os === "windows",
}, async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(join(dir.path, "datason-bench.json"), CONFIG);
  const child = await startAndWaitForTempFile(
    dir.path,
    ["generate", "--out", "d", "--scenario", "api_fast,edge_cases"],
    "edge_cases.jsonl",
  );
  child.kill("SIGTERM");
  const output = await child.output();
  assert.equal(output.code, 130);
  const stderr = new TextDecoder().decode(output.stderr);
  assert.match(
    stderr,
    /error: interrupted: edge_cases\.jsonl was not written; files finished before it are kept/,
  );
  const files = await hashFolder(join(dir.path, "d"));
  assert.deepEqual(Object.keys(files), [
    "api_fast.json-tier.jsonl",
    "api_fast.jsonl",
    "manifest.json",
  ]);
  await checkDatasets(join(dir.path, "d"), ["api_fast"]);
});
