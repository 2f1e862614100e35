import assert from "node:assert/strict";
import { join } from "node:path";
import { loadRunRecord } from "../../lib/results/store.ts";
import { ONE, TWO } from "../results/shard_fixtures.ts";
import { runCliProcess as runMain } from "../helpers/run_cli.ts";

async function shards(two = TWO()) {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "shard-1.json"), JSON.stringify(ONE()));
  await Deno.writeTextFile(join(dir, "shard-2.json"), JSON.stringify(two));
  return dir;
}

Deno.test("merge writes one record that check accepts, and --json prints it", async () => {
  const dir = await shards();
  try {
    const result = await runMain(
      ["merge", "shard-1.json", "shard-2.json", "--out", "merged.json"],
      {
        cwd: dir,
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /merged 2 shard file\(s\) into merged\.json: 15 cells, complete/);
    const merged = await loadRunRecord(join(dir, "merged.json"));
    assert.equal(merged.source === "datason-bench" && merged.shard, null);

    await Deno.mkdir(join(dir, "results"));
    const json = await runMain([
      "merge",
      "shard-2.json",
      "shard-1.json",
      "--out",
      "results",
      "--json",
    ], {
      cwd: dir,
    });
    assert.equal(json.code, 0, json.stderr);
    const printed = JSON.parse(json.stdout);
    assert.equal(printed.schema, "datason-bench/run@1");
    assert.equal(printed.runId, merged.runId, "the order of the files does not matter");
    const stored = join(dir, "results", "2025-03-03", `${merged.runId}.json`);
    assert.equal((await loadRunRecord(stored)).runId, merged.runId);

    const check = await runMain(["check", "--results", "results"], { cwd: dir });
    assert.equal(check.code, 0, check.stdout + check.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("merge refuses shards of different configs with exit 2 naming the field", async () => {
  const dir = await shards(TWO({ configHash: "deadbeef" }));
  try {
    const result = await runMain(["merge", "shard-1.json", "shard-2.json", "--out", "m.json"], {
      cwd: dir,
    });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /config\.hash differs \("c0ffee" in "shard-1\.json", "deadbeef" in "shard-2\.json"\)/,
    );
    assert.equal(await Deno.stat(join(dir, "m.json")).then(() => true, () => false), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("merge without --out or --json is a usage error", async () => {
  const dir = await shards();
  try {
    const result = await runMain(["merge", "shard-1.json", "shard-2.json"], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--out is required/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
