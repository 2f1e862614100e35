/**
 * `generate` writes each scenario's JSON-tier file next to its typed file and lists it in the
 * manifest; `--verify` checks it; manifests from before the JSON tier still read, and the next
 * `generate` adds only the projections.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { ManifestError, parseManifest } from "../../lib/generate/parse_manifest.ts";
import { readManifest } from "../../lib/generate/read_manifest.ts";
import { sha256File } from "../../lib/_common/sha256.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { hashFolder, runInProcess } from "./helpers.ts";

const small = ["--scenario", "api_fast,edge_cases", "--count", "40", "--seed", "9"];

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

Deno.test("generate writes each scenario's JSON tier next to its typed file and lists it", async () => {
  await using dir = await tempDir();
  const result = await runInProcess(["generate", "--out", "d", ...small], dir.path);
  assert.equal(result.code, 0, result.stderr);
  const out = join(dir.path, "d");
  const manifest = await readManifest(out);
  for (const scenario of ["api_fast", "edge_cases"]) {
    const entry = manifest.files[scenario];
    assert.ok(entry.jsonTier !== undefined, `${scenario} lists its JSON tier`);
    const path = join(out, `${scenario}.json-tier.jsonl`);
    assert.deepEqual(entry.jsonTier, {
      file: `${scenario}.json-tier.jsonl`,
      sha256: await sha256File(path),
      bytes: (await Deno.stat(path)).size,
      records: 40,
    });
    const typed = lines(await Deno.readTextFile(join(out, entry.file)));
    const json = lines(await Deno.readTextFile(path));
    assert.equal(json.length, typed.length);
    assert.deepEqual(JSON.parse(json[0]), { ...JSON.parse(typed[0]), tier: "json" });
    for (let k = 1; k < typed.length; k++) {
      const [a, b] = [JSON.parse(typed[k]), JSON.parse(json[k])];
      assert.deepEqual([b.i, b.targetBytes], [a.i, a.targetBytes]);
    }
    assert.ok(!json.slice(1).some((line) => line.includes('"__type__"')), "no typed values left");
  }
  // Big integers keep every digit, as JSON integers.
  const typedEdge = await Deno.readTextFile(join(out, "edge_cases.jsonl"));
  const jsonEdge = await Deno.readTextFile(join(out, "edge_cases.json-tier.jsonl"));
  const bigInts = [...typedEdge.matchAll(/\{"__type__":"int","v":"(-?\d+)"\}/g)].map((m) => m[1]);
  assert.ok(bigInts.length > 0, "the sample holds big integers");
  for (const digits of bigInts) {
    assert.match(jsonEdge, new RegExp(`[\\[,:]${digits}[,\\]}]`), digits);
  }
});

Deno.test("a manifest from before the JSON tier still reads, and generate adds only the projections", async () => {
  await using dir = await tempDir();
  assert.equal((await runInProcess(["generate", "--out", "d", ...small], dir.path)).code, 0);
  const out = join(dir.path, "d");
  const before = await hashFolder(out);
  const typedInode = (await Deno.stat(join(out, "api_fast.jsonl"))).ino;

  // What an older datason-bench wrote: no jsonTier entries, no JSON-tier files.
  const manifestPath = join(out, "manifest.json");
  const manifest = JSON.parse(await Deno.readTextFile(manifestPath));
  for (const entry of Object.values(manifest.files) as Record<string, unknown>[]) {
    delete entry.jsonTier;
  }
  await Deno.writeTextFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  await Deno.remove(join(out, "api_fast.json-tier.jsonl"));
  await Deno.remove(join(out, "edge_cases.json-tier.jsonl"));
  assert.equal((await readManifest(out)).files.api_fast.jsonTier, undefined);
  const verify = await runInProcess(["generate", "--out", "d", "--verify"], dir.path);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stderr, /all 2 dataset file\(s\) in d match manifest\.json/);

  const again = await runInProcess(["generate", "--out", "d", ...small], dir.path);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^api_fast\s+projected\s+40 /m);
  assert.match(again.stdout, /^edge_cases\s+projected\s+40 /m);
  assert.equal((await Deno.stat(join(out, "api_fast.jsonl"))).ino, typedInode, "typed file kept");
  assert.deepEqual(await hashFolder(out), before, "the same projections and manifest as before");

  // A damaged JSON-tier file is rewritten on its own, too.
  await Deno.writeTextFile(join(out, "edge_cases.json-tier.jsonl"), "damaged\n");
  const repaired = await runInProcess(["generate", "--out", "d", ...small], dir.path);
  assert.match(repaired.stdout, /^api_fast\s+unchanged\s+40 /m);
  assert.match(repaired.stdout, /^edge_cases\s+projected\s+40 /m);
  assert.deepEqual(await hashFolder(out), before);
});

Deno.test("generate removes a JSON-tier temporary file an interrupted run left", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(join(dir.path, "d"));
  await Deno.writeTextFile(join(dir.path, "d", ".tmp-api_fast.json-tier.jsonl.1.abc"), "{");
  const result = await runInProcess(
    ["generate", "--out", "d", "--scenario", "api_fast", "--count", "3"],
    dir.path,
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /removed 1 temporary file\(s\) left by an interrupted generate/);
  assert.ok(!Object.keys(await hashFolder(join(dir.path, "d"))).some((n) => n.startsWith(".tmp-")));
});

Deno.test("parseManifest() checks a jsonTier entry like a file entry", () => {
  const manifest = (jsonTier: unknown) => ({
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
        jsonTier,
      },
    },
  });
  const good = { file: "api_fast.json-tier.jsonl", sha256: "b".repeat(64), bytes: 9, records: 1 };
  assert.deepEqual(parseManifest(manifest(good), "m.json").files.api_fast.jsonTier, good);
  const cases: [unknown, RegExp][] = [
    [{ ...good, sha256: "xyz" }, /files\.api_fast\.jsonTier\.sha256: got "xyz"/],
    [{ ...good, records: undefined }, /files\.api_fast\.jsonTier\.records/],
    [{ ...good, file: "api_fast.jsonl" }, /"api_fast\.jsonl" is also the file of files\.api_fast/],
  ];
  for (const [jsonTier, message] of cases) {
    assert.throws(
      () => parseManifest(JSON.parse(JSON.stringify(manifest(jsonTier))), "m.json"),
      (e: unknown) => e instanceof ManifestError && message.test(e.message),
      String(message),
    );
  }
});
