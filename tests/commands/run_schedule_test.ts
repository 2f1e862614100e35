/**
 * `run` on the interleaved schedule, end to end through the CLI (compile permissions, --deny-read of
 * the repository): interleaving in the stored schedule, dry run, Ctrl-C and resume, --max-minutes,
 * shards, and one measurement shared by two suites.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { parseRunRecord } from "../../lib/results/parse_run_record.ts";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import {
  plainRecords,
  testPython,
  typedRecords,
  writeDataset,
  writeManifest,
} from "../bench/fixtures.ts";
import { COMPILE_FLAGS, MAIN_TS, REPO_ROOT, runCliProcess, tempDir } from "../helpers/run_cli.ts";

const TARGETS = ["json", "pickle", "noop", "simplejson"];

/**
 * Three scenarios; the competitive suite on the typed tier unless `tiers` says otherwise (the
 * default config measures both).
 */
async function workspace(
  dir: string,
  profile: Record<string, unknown> = {},
  tiers: string[] = ["typed"],
): Promise<void> {
  const data = join(dir, "data");
  await Deno.mkdir(data);
  const datasets = [
    await writeDataset(data, "api_fast", plainRecords(8)),
    await writeDataset(data, "secure_storage", plainRecords(6)),
    await writeDataset(data, "edge_cases", typedRecords()),
  ];
  await writeManifest(data, datasets);
  const config = {
    environments: { default: { python: testPython(), requirements: [] } },
    profiles: {
      tiny: {
        processes: 4,
        values: 2,
        warmups: 0,
        minValueSeconds: 0.001,
        records: 5,
        timeoutSeconds: 60,
        ...profile,
      },
    },
    suites: {
      competitive: {
        targets: TARGETS,
        scenarios: ["api_fast", "secure_storage", "edge_cases"],
        tiers,
      },
      subset: {
        environments: ["default"],
        targets: ["json", "noop"],
        scenarios: ["api_fast"],
        operations: ["serialize"],
      },
    },
    data: { dir: "data" },
    results: { dir: "results" },
  };
  await Deno.writeTextFile(join(dir, "datason-bench.json"), JSON.stringify(config, null, 2));
}

async function storedRecords(dir: string): Promise<MeasuredRunRecord[]> {
  const out: MeasuredRunRecord[] = [];
  for await (const day of Deno.readDir(join(dir, "results"))) {
    if (!day.isDirectory) continue;
    for await (const file of Deno.readDir(join(dir, "results", day.name))) {
      const path = join(dir, "results", day.name, file.name);
      out.push(
        parseRunRecord(JSON.parse(await Deno.readTextFile(path)), path) as MeasuredRunRecord,
      );
    }
  }
  return out;
}

async function journals(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(join(dir, "results"))) {
    if (entry.name.endsWith(".journal.jsonl")) out.push(join(dir, "results", entry.name));
  }
  return out;
}

Deno.test("run interleaves: scenario, tier and cell order change from round to round", async () => {
  await using dir = await tempDir();
  // Three rounds, no memory pass: 18 processes on a shared CI machine.
  await workspace(dir.path, { processes: 3, memory: false }, ["typed", "json"]);
  const result = await runCliProcess(["run", "--profile", "tiny", "--json"], { cwd: dir.path });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /estimated duration: ~/);
  const record = parseRunRecord(JSON.parse(result.stdout), "stdout") as MeasuredRunRecord;
  assert.equal(record.complete, true);
  assert.equal(record.schedule.length, 3 * 3 * 2, "one process per round, scenario and tier");
  for (const scenario of ["api_fast", "secure_storage", "edge_cases"]) {
    for (const tier of ["typed", "json"]) {
      const orders = record.schedule.filter((s) => s.scenario === scenario && s.tier === tier)
        .map((s) => s.cells.join());
      assert.equal(orders.length, 3, `${scenario}@${tier}: one process per round`);
      for (let i = 1; i < orders.length; i++) {
        assert.notEqual(
          orders[i],
          orders[i - 1],
          `${scenario}@${tier}: rounds ${i} and ${i + 1} in the same order`,
        );
      }
    }
  }
  const slotOrders = new Set(
    [0, 1, 2].map((r) =>
      record.schedule.filter((s) => s.round === r).map((s) => `${s.scenario}@${s.tier}`).join()
    ),
  );
  assert.ok(slotOrders.size > 1, "the order of scenarios and tiers is permuted across rounds");
  const firstRound = record.schedule.filter((s) => s.round === 0).map((s) => s.tier);
  assert.ok(
    firstRound.some((tier, i) => i > 0 && tier !== firstRound[i - 1]),
    "tiers are interleaved within a round, not run one after the other",
  );
  assert.equal(record.cells.length, 3 * 2 * TARGETS.length * 2);
  for (const scenario of ["api_fast", "secure_storage", "edge_cases"]) {
    assert.ok(record.datasets[scenario].jsonTier, `${scenario}: its JSON-tier file is recorded`);
  }
  for (const cell of record.cells.filter((c) => c.status === "ok")) {
    assert.deepEqual(cell.rounds, [0, 1, 2]);
    assert.equal(cell.summary?.n, 3);
  }
  assert.deepEqual(await journals(dir.path), [], "a finished run removes its journal");
  const check = await runCliProcess(["check", "--results", "results"], { cwd: dir.path });
  assert.equal(check.code, 0, check.stdout);
});

Deno.test("run --dry-run prints the plan and the estimate and measures nothing", async () => {
  await using dir = await tempDir();
  await workspace(dir.path, {}, ["typed", "json"]);
  const result = await runCliProcess(["run", "--profile", "tiny", "--dry-run", "--json"], {
    cwd: dir.path,
  });
  assert.equal(result.code, 0, result.stderr);
  const plan = JSON.parse(result.stdout);
  assert.equal(plan.schema, "datason-bench/run-plan@1");
  assert.deepEqual(plan.tiers, ["typed", "json"]);
  assert.equal(plan.processes, 4 * 3 * 2);
  assert.equal(plan.cells.length, 3 * 2 * TARGETS.length * 2);
  assert.ok(plan.estimate.seconds > 0);
  await assert.rejects(() => Deno.stat(join(dir.path, "results")), "nothing written");
  const text = await runCliProcess(["run", "--profile", "tiny", "--dry-run"], { cwd: dir.path });
  assert.match(text.stdout, /estimated duration: ~/);
  assert.match(text.stdout, /3 scenario\(s\) × tiers typed, json/);
  assert.match(
    text.stdout,
    /^ {4}typed tier: json, pickle, noop, simplejson × serialize, deserialize$/m,
  );
  assert.match(
    text.stdout,
    /^ {4}JSON tier: json, pickle, noop, simplejson × serialize, deserialize$/m,
  );
  assert.match(text.stdout, /first round order:/);
  assert.match(text.stdout, /^ {2}api_fast@json in default: /m);

  // --tier picks among the tiers the suites declare; the estimate shrinks with the work.
  const json = await runCliProcess(
    ["run", "--profile", "tiny", "--dry-run", "--json", "--tier", "json"],
    { cwd: dir.path },
  );
  assert.equal(json.code, 0, json.stderr);
  const jsonPlan = JSON.parse(json.stdout);
  assert.deepEqual(jsonPlan.tiers, ["json"]);
  assert.equal(jsonPlan.processes, 4 * 3);
  assert.ok(jsonPlan.cells.every((c: { tier: string }) => c.tier === "json"));
  assert.ok(jsonPlan.estimate.seconds < plan.estimate.seconds);
  const none = await runCliProcess(
    ["run", "--profile", "tiny", "--dry-run", "--suite", "subset", "--tier", "json"],
    { cwd: dir.path },
  );
  assert.equal(none.code, 2, none.stderr);
  assert.match(none.stderr, /no suite of this run measures the json tier \(subset: typed\)/);
  assert.equal(none.stdout, "");
});

Deno.test("SIGTERM leaves a journal, and --resume finishes the run measuring every cell once", async () => {
  await using dir = await tempDir();
  await workspace(dir.path, { processes: 3 }, ["typed", "json"]);
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...COMPILE_FLAGS,
      `--deny-read=${REPO_ROOT}`,
      MAIN_TS,
      "run",
      "--profile",
      "tiny",
    ],
    cwd: dir.path,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Wait until a few processes are in the journal, then stop the run as CI or Ctrl-C would.
  let journal: string | undefined;
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 100));
    journal = (await journals(dir.path).catch(() => []))[0];
    if (journal && (await Deno.readTextFile(journal)).split('"type":"process"').length > 4) break;
  }
  assert.ok(journal, "the run writes a journal");
  child.kill("SIGTERM");
  const stopped = await child.output();
  const stderr = new TextDecoder().decode(stopped.stderr);
  assert.equal(stopped.code, 130, stderr);
  assert.match(stderr, /run interrupted after \d+ of 18 process\(es\)/);
  assert.match(stderr, /datason-bench run --resume /);
  assert.deepEqual(await storedRecords(dir.path).catch(() => []), [], "no partial RunRecord");

  const resumed = await runCliProcess(["run", "--resume", journal!, "--json"], { cwd: dir.path });
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /resuming .*process\(es\) already done/);
  const record = parseRunRecord(JSON.parse(resumed.stdout), "stdout") as MeasuredRunRecord;
  assert.equal(record.complete, true);
  assert.equal(record.schedule.length, 18, "every planned process once (3 rounds × 3 × 2 tiers)");
  const keys = record.schedule.map((s) => `${s.round}/${s.scenario}@${s.tier}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(record.cells.length, 3 * 2 * TARGETS.length * 2);
  for (const cell of record.cells.filter((c) => c.status === "ok")) {
    assert.deepEqual(
      [...cell.rounds].sort(),
      [0, 1, 2],
      `${cell.scenario}@${cell.tier}/${cell.target}/${cell.operation}`,
    );
  }
  assert.deepEqual(await journals(dir.path), []);
});

Deno.test("run --max-minutes stops after the cell in progress and writes a valid, incomplete record", async () => {
  await using dir = await tempDir();
  await workspace(dir.path, { processes: 50 });
  // 15 s: room for a runner process on a loaded 2-core machine (3–4.5 s each at load 7), far too
  // little for 150 of them.
  const result = await runCliProcess([
    "run",
    "--profile",
    "tiny",
    "--max-minutes",
    "0.25",
    "--json",
  ], {
    cwd: dir.path,
  });
  assert.equal(result.code, 0, result.stderr);
  const record = parseRunRecord(JSON.parse(result.stdout), "stdout") as MeasuredRunRecord;
  assert.equal(record.complete, false);
  assert.ok(record.schedule.length > 0, "the processes that finished are kept");
  assert.ok(record.schedule.length < 150, "stopped early");
  assert.match(result.stderr, /record is marked incomplete/);
});

Deno.test("run --shard splits scenarios deterministically; two suites share one measurement", async () => {
  await using dir = await tempDir();
  await workspace(dir.path, { processes: 2 });
  const shard1 = await runCliProcess([
    "run",
    "--profile",
    "tiny",
    "--shard",
    "1/2",
    "--dry-run",
    "--json",
  ], {
    cwd: dir.path,
  });
  const shard2 = await runCliProcess([
    "run",
    "--profile",
    "tiny",
    "--shard",
    "2/2",
    "--dry-run",
    "--json",
  ], {
    cwd: dir.path,
  });
  assert.deepEqual(JSON.parse(shard1.stdout).scenarios, ["api_fast", "edge_cases"]);
  assert.deepEqual(JSON.parse(shard2.stdout).scenarios, ["secure_storage"]);
  const bad = await runCliProcess(["run", "--profile", "tiny", "--shard", "3/2"], {
    cwd: dir.path,
  });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--shard must be i\/n with 1 ≤ i ≤ n/);

  const both = await runCliProcess(
    [
      "run",
      "--profile",
      "tiny",
      "--suite",
      "competitive,subset",
      "--scenario",
      "api_fast",
      "--json",
    ],
    { cwd: dir.path },
  );
  assert.equal(both.code, 0, both.stderr);
  const record = parseRunRecord(JSON.parse(both.stdout), "stdout") as MeasuredRunRecord;
  assert.deepEqual(record.config.suites, ["competitive", "subset"]);
  const json = record.cells.filter((c) => c.target === "json" && c.operation === "serialize");
  assert.deepEqual(json.map((c) => c.suite).sort(), ["competitive", "subset"]);
  assert.deepEqual(
    json[0].nsPerRecord,
    json[1].nsPerRecord,
    "measured once, recorded for both suites",
  );
  for (const entry of record.schedule) {
    assert.equal(entry.cells.filter((c) => c === "json/serialize").length, 1);
  }
});

Deno.test("run --shard 1/2 + 2/2 + merge gives the same cells and statuses as one unsharded run", async () => {
  await using dir = await tempDir();
  await workspace(dir.path, { processes: 2 });
  const cellsOf = (record: MeasuredRunRecord) =>
    record.cells.map((c) =>
      `${c.suite}/${c.scenario}/${c.target}/${c.environment}/${c.operation}:${c.status}`
    )
      .sort();
  const whole = await runCliProcess(["run", "--profile", "tiny", "--json", "--out", "whole"], {
    cwd: dir.path,
  });
  assert.equal(whole.code, 0, whole.stderr);
  for (const shard of ["1/2", "2/2"]) {
    const result = await runCliProcess(
      ["run", "--profile", "tiny", "--shard", shard, "--out", `shard-${shard[0]}`],
      { cwd: dir.path },
    );
    assert.equal(result.code, 0, result.stderr);
  }
  const shardFiles: string[] = [];
  for (const folder of ["shard-1", "shard-2"]) {
    for await (const day of Deno.readDir(join(dir.path, folder))) {
      if (!day.isDirectory) continue;
      for await (const file of Deno.readDir(join(dir.path, folder, day.name))) {
        shardFiles.push(join(folder, day.name, file.name));
      }
    }
  }
  assert.equal(shardFiles.length, 2);
  const merged = await runCliProcess(["merge", ...shardFiles, "--json"], { cwd: dir.path });
  assert.equal(merged.code, 0, merged.stderr);
  const record = parseRunRecord(JSON.parse(merged.stdout), "merged") as MeasuredRunRecord;
  assert.equal(record.shard, null);
  assert.deepEqual(
    cellsOf(record),
    cellsOf(parseRunRecord(JSON.parse(whole.stdout), "whole") as MeasuredRunRecord),
  );
});
