/**
 * A run with two sides and `pairing: "lockstep"`, end to end through the CLI: both environments'
 * cells record the pairing and one value series per round, the comparison pairs them value by
 * value, and the pairing needs the scenario process scope.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { parseRunRecord } from "../../lib/results/parse_run_record.ts";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { plainRecords, testPython, writeDataset, writeManifest } from "../bench/fixtures.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";

async function workspace(dir: string, profile: Record<string, unknown>): Promise<void> {
  const data = join(dir, "data");
  await Deno.mkdir(data);
  await writeManifest(data, [await writeDataset(data, "api_fast", plainRecords(6))]);
  const env = { python: testPython(), requirements: [] };
  await Deno.writeTextFile(
    join(dir, "datason-bench.json"),
    JSON.stringify({
      environments: { default: env, other: env },
      profiles: {
        tiny: {
          processes: 3,
          values: 3,
          warmups: 1,
          minValueSeconds: 0.001,
          records: 5,
          timeoutSeconds: 60,
          memory: false,
          ...profile,
        },
      },
      suites: {
        ab: {
          environments: ["default", "other"],
          targets: ["json", "pickle"],
          scenarios: ["api_fast"],
          operations: ["serialize", "deserialize"],
        },
      },
      data: { dir: "data" },
      results: { dir: "results" },
    }),
  );
}

Deno.test("a lockstep run records the pairing and compares its sides value by value", async () => {
  await using dir = await tempDir();
  await workspace(dir.path, { pairing: "lockstep" });
  const result = await runCliProcess(["run", "--profile", "tiny", "--suite", "ab", "--json"], {
    cwd: dir.path,
  });
  assert.equal(result.code, 0, result.stderr);
  const record = parseRunRecord(JSON.parse(result.stdout), "stdout") as MeasuredRunRecord;
  assert.equal(record.cells.length, 2 * 2 * 2, "environments × targets × operations");
  for (const cell of record.cells) {
    assert.equal(cell.status, "ok", `${cell.environment}/${cell.target}/${cell.operation}`);
    assert.equal(cell.pairing, "lockstep");
    assert.deepEqual(cell.rounds, [0, 1, 2]);
    for (const values of cell.nsPerRecord) assert.equal(values.length, 3);
  }
  // One schedule entry per side and round; the sides of a round share the pair's time.
  assert.equal(record.schedule.length, 2 * 3);
  const compare = await runCliProcess(
    ["compare", "results", "--a", "default", "--b", "other", "--json"],
    { cwd: dir.path },
  );
  assert.equal(compare.code, 0, compare.stderr);
  const rows = JSON.parse(compare.stdout).rows.filter((r: { metric: string }) =>
    r.metric === "nsPerRecord"
  );
  assert.equal(rows.length, 4);
  for (const row of rows) assert.equal(row.pairs, 3);
});

Deno.test("pairing lockstep with the environment process scope is refused with exit 2", async () => {
  await using dir = await tempDir();
  await workspace(dir.path, { pairing: "lockstep", processScope: "environment" });
  const result = await runCliProcess(["run", "--profile", "tiny", "--suite", "ab"], {
    cwd: dir.path,
  });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /pairing "lockstep" needs processScope "scenario"/);
  assert.match(result.stderr, /profiles\.tiny\.processScope/);
});
