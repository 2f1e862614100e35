/** `weekly --run FILE`: the weekly pipeline on a run measured elsewhere (CI's merged shards). */

import assert from "node:assert/strict";
import { join } from "node:path";
import { fixtureCell, fixtureRunRecord } from "../helpers/run_record_fixture.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";

Deno.test("weekly --run stores, compares, analyses and publishes a run measured elsewhere", async () => {
  await using dir = await tempDir();
  const first = join(dir.path, "first.json");
  const second = join(dir.path, "second.json");
  await Deno.writeTextFile(first, JSON.stringify(fixtureRunRecord()));
  await Deno.writeTextFile(
    second,
    JSON.stringify(fixtureRunRecord({
      startedAt: "2026-11-30T02:00:00.000Z",
      finishedAt: "2026-11-30T02:20:00.000Z",
      cells: [fixtureCell({ nsPerRecord: [[1100, 1110, 1090], [1105, 1095, 1101]] })],
    })),
  );

  const one = await runCliProcess(["weekly", "--run", "first.json"], { cwd: dir.path });
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stderr, /weekly \[1\/7\] setup: skipped .*measured elsewhere/);
  assert.match(one.stderr, /weekly \[2\/7\] generate: skipped/);
  assert.match(one.stderr, /weekly \[3\/7\] run: ok .*1 cell\(s\), 1 ok, measured elsewhere/);
  assert.match(one.stderr, /compare: skipped .*nothing to compare with yet/);
  assert.match(await Deno.readTextFile(join(dir.path, "site/index.html")), /<svg/);

  const two = await runCliProcess(["weekly", "--run", "second.json", "--json"], { cwd: dir.path });
  assert.equal(two.code, 0, two.stderr);
  const doc = JSON.parse(two.stdout);
  assert.equal(doc.ok, true);
  assert.equal(doc.steps.find((s: { name: string }) => s.name === "compare").status, "ok");
  const pointer = JSON.parse(await Deno.readTextFile(join(dir.path, "data/baselines/weekly.json")));
  assert.equal(pointer.runId, doc.runId);
  const check = await runCliProcess(["check"], { cwd: dir.path });
  assert.equal(check.code, 0, check.stdout);
});

Deno.test("weekly --run refuses flags that would change a run measured elsewhere", async () => {
  await using dir = await tempDir();
  const result = await runCliProcess(["weekly", "--run", "x.json", "--profile", "quick"], {
    cwd: dir.path,
  });
  assert.equal(result.code, 2, result.stderr);
  assert.match(
    result.stderr,
    /--run publishes a run measured elsewhere: --profile cannot change it/,
  );
});
