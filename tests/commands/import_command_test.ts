import assert from "node:assert/strict";
import { join } from "node:path";
import { LEGACY_FIXTURES, SAMPLE_FILES } from "../results/legacy/legacy_fixtures.ts";
import { runCliProcess } from "../helpers/run_cli.ts";

async function countFiles(dir: string): Promise<number> {
  let count = 0;
  for await (const entry of Deno.readDir(dir)) {
    count += entry.isDirectory ? await countFiles(join(dir, entry.name)) : 1;
  }
  return count;
}

Deno.test("`import` converts the predecessor's samples, reports the counts and is idempotent", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(cwd, "old"));
    for (const name of [...SAMPLE_FILES, "README.md"]) {
      await Deno.copyFile(join(LEGACY_FIXTURES, name), join(cwd, "old", name));
    }
    await Deno.copyFile(
      join(LEGACY_FIXTURES, SAMPLE_FILES[0]),
      join(cwd, "old", "latest_competitive.json"),
    );
    await Deno.writeTextFile(join(cwd, "old", "broken.json"), '{"suite_type": "quick", "metad');

    const first = await runCliProcess(["import", "old", "--out", "results"], { cwd });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^import old → results\n/);
    assert.match(first.stdout, /\n {2}files read {4}10\n/);
    assert.match(
      first.stdout,
      /\n {2}imported {6}8 run\(s\): 8 new, 0 already stored; 582 cells, 56 failed\n/,
    );
    assert.match(
      first.stdout,
      /\n {2}duplicates {4}1\n {2}unrecognised {2}0\n {2}unreadable {4}1\n/,
    );
    assert.match(first.stdout, /latest_competitive\.json: byte-identical copy of ci_20250617_/);
    assert.match(first.stdout, /broken\.json: malformed JSON/);
    assert.match(first.stderr, /warning: 1 unreadable and 0 unrecognised file\(s\) skipped/);
    assert.equal(await countFiles(join(cwd, "results")), 8);

    const again = await runCliProcess(["import", "old", "--out", "results", "--json"], { cwd });
    assert.equal(again.code, 0, again.stderr);
    const doc = JSON.parse(again.stdout);
    assert.equal(doc.schema, "datason-bench/import@1");
    assert.equal(doc.counts.imported, 8);
    assert.equal(doc.counts.newRuns, 0);
    assert.equal(doc.counts.alreadyStored, 8);
    assert.deepEqual(doc.unreadable.map((e: { file: string }) => e.file), ["broken.json"]);
    assert.deepEqual(doc.ignored, [{ file: "README.md", reason: "not a .json file" }]);
    assert.equal(await countFiles(join(cwd, "results")), 8);

    const check = await runCliProcess(["check", "--results", "results", "--json"], { cwd });
    assert.equal(JSON.parse(check.stdout).results.problems, 0, check.stdout);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("`import` of a missing folder exits 2 and says so on stderr", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    const result = await runCliProcess(["import", "nowhere", "--out", "results"], { cwd });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, /^error: cannot import from ".*nowhere": no such folder\n/);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
