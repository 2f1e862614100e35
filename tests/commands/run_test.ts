/**
 * `datason-bench run` end to end, as the compiled binary runs (compile permissions, --deny-read of
 * the repository, a temporary working folder), on tiny fixture datasets.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { renderRunTable } from "../../lib/report/render_run_table.ts";
import { parseRunRecord } from "../../lib/results/parse_run_record.ts";
import { loadProfiles } from "../../lib/results/profile_store.ts";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";
import { testToolPath } from "../helpers/test_tools.ts";
import {
  plainRecords,
  testPython,
  typedRecords,
  writeDataset,
  writeFaultModules,
  writeManifest,
} from "../bench/fixtures.ts";

const TINY_PROFILE = {
  processes: 2,
  values: 2,
  warmups: 0,
  minValueSeconds: 0.001,
  records: 5,
  timeoutSeconds: 60,
};

async function writeWorkspace(dir: string, python = testPython()) {
  const data = join(dir, "data");
  const mods = join(dir, "mods");
  await Deno.mkdir(data);
  await Deno.mkdir(mods);
  const datasets = [
    await writeDataset(data, "api_fast", plainRecords(8)),
    await writeDataset(data, "edge_cases", typedRecords()),
  ];
  await writeManifest(data, datasets);
  const specs = await writeFaultModules(mods);
  const config = {
    environments: { default: { python, requirements: [] } },
    profiles: { tiny: TINY_PROFILE },
    targets: [{ ...specs.fault_wrong, id: "mylib", paths: ["mods"] }],
    data: { dir: "data" },
    results: { dir: "results" },
  };
  await Deno.writeTextFile(join(dir, "datason-bench.json"), JSON.stringify(config, null, 2));
  return { data, datasets };
}

Deno.test("run measures every target × operation × scenario × tier and writes a RunRecord that check accepts", async () => {
  await using dir = await tempDir();
  const { datasets } = await writeWorkspace(dir.path);
  const result = await runCliProcess([
    "run",
    "--profile",
    "tiny",
    "--scenario",
    "api_fast,edge_cases",
    "--target",
    "orjson,pickle",
    "--target",
    "noop,mylib",
    "--out",
    "out",
    "--json",
  ], { cwd: dir.path });
  assert.equal(result.code, 0, result.stderr);
  const record = parseRunRecord(JSON.parse(result.stdout), "stdout") as MeasuredRunRecord;
  assert.equal(record.source, "datason-bench");
  assert.equal(record.complete, true);
  assert.equal(record.cells.length, 2 * 2 * 4 * 2, "scenarios × tiers × targets × operations");
  assert.equal(record.config.profile, "tiny");
  assert.deepEqual(record.config.measure.records, { api_fast: 5, edge_cases: 5 });
  assert.equal(record.datasets.api_fast.sha256, datasets[0].sha256);
  assert.equal(record.datasets.edge_cases.records, datasets[1].records);
  // The JSON tier's file is recorded next to the typed one it was projected from.
  assert.equal(record.datasets.api_fast.jsonTier?.sha256, datasets[0].jsonTier.sha256);
  assert.equal(record.datasets.edge_cases.jsonTier?.records, datasets[1].records);
  // How each measured built-in target calls its library on each tier, and nothing else.
  const adapters = record.environments.default.adapters!;
  assert.deepEqual(Object.keys(adapters), ["noop", "orjson", "pickle"]);
  assert.match(adapters.orjson.typed, /^orjson\.dumps\(x, default=encode, option=/);
  assert.equal(adapters.orjson.json, "orjson.dumps(x) / orjson.loads(b)");
  assert.match(adapters.orjson.docs!, /^https:\/\/github\.com\/ijl\/orjson/);
  assert(Object.keys(record.environments.default.freeze).length > 0);
  assert.equal(
    record.environments.default.libraries.json.version,
    record.environments.default.python,
  );
  const cell = (scenario: string, target: string, operation: string, tier = "typed") => {
    const found = record.cells.find((c) =>
      c.scenario === scenario && c.target === target && c.operation === operation &&
      c.tier === tier
    );
    assert(found, `${scenario}@${tier}/${target}/${operation}`);
    return found;
  };
  for (const c of record.cells) {
    assert.notEqual(c.status, undefined);
    if (c.status === "ok") {
      assert.equal(c.nsPerRecord.length, 2, `${c.target}: one array per process`);
      assert.deepEqual(c.rounds, [0, 1]);
      assert(c.nsPerRecord.every((values) => values.length === 2));
      assert(c.loops !== null && c.loops >= 1);
      assert(c.summary !== null && c.summary.n === 2);
      assert(c.peakTracedBytes !== null, `${c.scenario}/${c.target}/${c.operation} memory`);
    }
  }
  assert.equal(cell("api_fast", "orjson", "serialize").fidelity, "exact");
  // A 100-bit integer: orjson's documented limit (lib/config/documented_exceptions.ts).
  assert.equal(cell("edge_cases", "orjson", "serialize").status, "unsupported");
  assert.equal(cell("edge_cases", "pickle", "deserialize").fidelity, "exact");
  assert.equal(cell("api_fast", "mylib", "deserialize").fidelity, "mismatch");
  assert.equal(cell("api_fast", "noop", "serialize").outputBytes, null);
  assert(cell("api_fast", "pickle", "serialize").outputBytes! > 0);
  // The JSON tier: the typed records as JSON-native values, every library on its plain API.
  // The big integer stays an integer on the JSON tier: orjson's documented limit again.
  assert.equal(cell("edge_cases", "orjson", "serialize", "json").status, "unsupported");
  assert.equal(cell("edge_cases", "pickle", "deserialize", "json").fidelity, "exact");
  assert.equal(cell("api_fast", "orjson", "deserialize", "json").fidelity, "exact");
  assert.equal(record.schedule.length, 8, "2 scenarios × 2 tiers × 2 processes");
  assert.deepEqual(
    [...new Set(record.schedule.map((s) => `${s.scenario}/${s.tier}`))].sort(),
    ["api_fast/json", "api_fast/typed", "edge_cases/json", "edge_cases/typed"],
  );
  assert.match(result.stderr, /wrote out[\\/]\d{4}-\d{2}-\d{2}[\\/][0-9a-f]{64}\.json/);

  const check = await runCliProcess(["check", "--results", "out"], { cwd: dir.path });
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /1 run\(s\) readable, 0 problem\(s\)/);

  const table = renderRunTable(record);
  assert.match(table, /^api_fast, typed tier \(5 of 8 records, sha256 [0-9a-f]{12}\)$/m);
  assert.match(
    table,
    new RegExp(
      `^api_fast, JSON tier \\(5 of 8 records, sha256 ${
        datasets[0].jsonTier.sha256.slice(0, 12)
      }\\)$`,
      "m",
    ),
  );
  assert.match(table, /orjson\s+serialize\s+ok\s/);
  assert.match(
    table,
    /orjson serialize: unsupported — TypeError: record 0.*\(documented: https:\/\/github\.com\/ijl\/orjson#int\)/,
  );
});

Deno.test("run exits 2 naming generate when the manifest or a dataset is missing or differs", async () => {
  await using dir = await tempDir();
  const { data, datasets } = await writeWorkspace(dir.path);
  const args = ["run", "--profile", "tiny", "--scenario", "api_fast", "--target", "json"];

  // A manifest written before the JSON tier: the typed tier still runs, the JSON tier names generate.
  await writeManifest(data, datasets, { jsonTier: false });
  const older = await runCliProcess(args, { cwd: dir.path });
  assert.equal(older.code, 2, older.stderr);
  assert.match(older.stderr, /cannot load the JSON tier of "api_fast": .*lists no JSON-tier file/);
  assert.match(older.stderr, /datason-bench generate --scenario api_fast/);
  assert.match(older.stderr, /--tier typed/);
  const typedOnly = await runCliProcess([...args, "--tier", "typed", "--dry-run", "--json"], {
    cwd: dir.path,
  });
  assert.equal(typedOnly.code, 0, typedOnly.stderr);
  assert.deepEqual(JSON.parse(typedOnly.stdout).tiers, ["typed"]);

  await writeManifest(data, datasets);
  const projected = join(data, datasets[0].jsonTier.file);
  const projectedText = await Deno.readTextFile(projected);
  await Deno.writeTextFile(projected, projectedText.replace("user1", "user9"));
  const changedTier = await runCliProcess(args, { cwd: dir.path });
  assert.equal(changedTier.code, 2, changedTier.stderr);
  assert.match(
    changedTier.stderr,
    /api_fast\.json-tier\.jsonl": sha256 differs from manifest\.json/,
  );
  await Deno.writeTextFile(projected, projectedText);

  const original = await Deno.readTextFile(datasets[0].path);
  await Deno.writeTextFile(datasets[0].path, original.replace("user1", "user9"));
  const changed = await runCliProcess(args, { cwd: dir.path });
  assert.equal(changed.code, 2, changed.stderr);
  assert.match(changed.stderr, /api_fast\.jsonl": sha256 differs from manifest\.json/);
  assert.match(changed.stderr, /datason-bench generate/);

  await Deno.writeTextFile(datasets[0].path, "{}\n", { append: true });
  const grown = await runCliProcess(args, { cwd: dir.path });
  assert.equal(grown.code, 2, grown.stderr);
  assert.match(grown.stderr, /api_fast\.jsonl": \d+ bytes, manifest\.json says \d+/);

  await Deno.remove(datasets[0].path);
  const missing = await runCliProcess(args, { cwd: dir.path });
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /cannot load dataset ".*api_fast\.jsonl": no such file/);
  assert.match(missing.stderr, /datason-bench generate/);

  await Deno.remove(join(data, "manifest.json"));
  const noManifest = await runCliProcess(args, { cwd: dir.path });
  assert.equal(noManifest.code, 2, noManifest.stderr);
  assert.match(noManifest.stderr, /cannot read dataset manifest ".*manifest\.json": no such file/);
  assert.match(noManifest.stderr, /datason-bench generate/);
  assert.equal(noManifest.stdout, "");
});

Deno.test("run exits 3 naming the path and setup when there is no Python at the configured path", async () => {
  await using dir = await tempDir();
  const ghost = join(dir.path, "no-venv", "bin", "python");
  await writeWorkspace(dir.path, ghost);
  const result = await runCliProcess(
    ["run", "--profile", "tiny", "--scenario", "api_fast", "--target", "json"],
    { cwd: dir.path },
  );
  assert.equal(result.code, 3, result.stderr);
  assert(result.stderr.includes(`environment "default"`), result.stderr);
  assert(result.stderr.includes(`"${ghost}": not found`), result.stderr);
  assert.match(result.stderr, /datason-bench setup/);
  assert.equal(result.stdout, "");
});

Deno.test("run rejects unknown suites, scenarios and targets with a suggestion (exit 2)", async () => {
  await using dir = await tempDir();
  await writeWorkspace(dir.path);
  const cases: [string[], RegExp][] = [
    [["--suite", "competetive"], /unknown suite "competetive" \(did you mean "competitive"\?\)/],
    [["--scenario", "api_fats"], /unknown scenario "api_fats" \(did you mean "api_fast"\?\)/],
    [["--target", "orjsn"], /unknown target "orjsn" \(did you mean "orjson"\?\)/],
    [["--profile", "quik"], /unknown profile "quik" \(did you mean "quick"\?\)/],
    [["--tier", "jsn"], /unknown tier "jsn" \(did you mean "json"\?\)/],
  ];
  for (const [flags, message] of cases) {
    const result = await runCliProcess(["run", ...flags], { cwd: dir.path });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
  }
});

const COUNTING_PROFILE = {
  ...TINY_PROFILE,
  measures: ["instructions"],
  instructions: {
    layouts: 2,
    passes: 1,
    warmups: 1,
    records: 3,
    timeoutSeconds: 300,
    concurrency: 2,
  },
};

async function writeCountingWorkspace(dir: string) {
  await writeWorkspace(dir);
  const path = join(dir, "datason-bench.json");
  const config = JSON.parse(await Deno.readTextFile(path));
  config.profiles.counting = COUNTING_PROFILE;
  await Deno.writeTextFile(path, JSON.stringify(config, null, 2));
}

Deno.test("run --measures instructions counts each cell in every layout and stores the raw events", async () => {
  await using dir = await tempDir();
  await writeCountingWorkspace(dir.path);
  const result = await runCliProcess([
    "run",
    "--profile",
    "counting",
    "--scenario",
    "api_fast",
    "--target",
    "json,pickle",
    "--out",
    "out",
    "--json",
  ], { cwd: dir.path, env: { DATASON_BENCH_VALGRIND: testToolPath("valgrind") } });
  assert.equal(result.code, 0, result.stderr);
  const record = parseRunRecord(JSON.parse(result.stdout), "stdout") as MeasuredRunRecord;
  assert.equal(record.instrumentation?.tool, "callgrind");
  assert.match(record.instrumentation?.valgrind ?? "", /^\d+\.\d+/);
  assert.deepEqual(record.instrumentation?.cache, {
    I1: [32768, 8, 64],
    D1: [32768, 8, 64],
    LL: [8388608, 16, 64],
  });
  assert.equal(record.instrumentation?.layouts.length, 2);
  assert.match(record.environments.default.libc ?? "", /\d/);
  // json and pickle × serialize and deserialize × the typed and the JSON tier.
  assert.equal(record.cells.length, 8);
  assert.deepEqual([...new Set(record.cells.map((c) => c.tier))].sort(), ["json", "typed"]);
  for (const cell of record.cells) {
    assert.equal(cell.status, "ok", JSON.stringify(cell));
    assert.deepEqual(cell.instructions?.layouts, [0, 1]);
    assert.equal(cell.instructions?.records, 3);
    assert.equal(cell.instructionsPerRecord?.length, 2);
    for (const events of cell.instructions!.events) {
      assert.deepEqual(Object.keys(events).sort(), [
        "D1mr",
        "D1mw",
        "DLmr",
        "DLmw",
        "Dr",
        "Dw",
        "I1mr",
        "ILmr",
        "Ir",
      ]);
      assert.ok(events.Ir > 10_000);
    }
    // Time was not measured: no per-process values.
    assert.deepEqual(cell.nsPerRecord, []);
  }
  const check = await runCliProcess(["check", "--results", "out"], { cwd: dir.path });
  assert.equal(check.code, 0, check.stdout + check.stderr);
  // The schedule lists one Valgrind process per (tier, layout).
  assert.deepEqual(
    record.schedule.filter((p) => p.kind === "instructions").map((p) => `${p.tier}/${p.layout}`)
      .sort(),
    ["json/0", "json/1", "typed/0", "typed/1"],
  );

  // Every counted cell keeps a compact instruction profile per layout, beside the record.
  const lookup = await loadProfiles(
    record.cells.flatMap((c) => c.instructions?.profiles ?? []).filter((h) => h !== null),
    [join(dir.path, "out", "profiles")],
  );
  for (const cell of record.cells) {
    const hashes = cell.instructions?.profiles ?? [];
    assert.equal(hashes.length, 2, `${cell.target}/${cell.operation}: one profile per layout`);
    hashes.forEach((hash, i) => {
      const profile = lookup.instruction(hash!);
      assert.ok(!("unavailable" in profile), JSON.stringify(profile));
      // The profile is the region the count measured: its total is the cell's Ir.
      assert.equal(profile.total, cell.instructions!.events[i].Ir);
      assert.equal(profile.records * profile.passes, 3);
      const listed = profile.functions.reduce((sum, f) => sum + f[3], 0);
      assert.ok(listed >= 0.99 * profile.total && listed + profile.other.self === profile.total);
      // Python's eval loop is named as such (the body runs in a loop callgrind sees start).
      assert.ok(profile.functions.some((f) => f[2] === "_PyEval_EvalFrameDefault"));
    });
  }
  // json costs more than pickle: each flagged instruction row names where the difference went.
  const compared = await runCliProcess([
    "compare",
    "out",
    "--a",
    "pickle",
    "--b",
    "json",
    "--axis",
    "target",
    "--json",
  ], { cwd: dir.path });
  const comparison = JSON.parse(compared.stdout);
  const attributed = comparison.rows.filter((r: { attribution?: unknown }) => r.attribution);
  assert.ok(
    attributed.length > 0,
    compared.stderr + JSON.stringify(
      comparison.rows.map((
        r: { id: string; verdict: string; reason: string },
      ) => [r.id, r.verdict, r.reason]),
    ),
  );
  for (const row of attributed) {
    const a = row.attribution.callgrind;
    assert.equal(a.status, "ok", JSON.stringify(a));
    const sum = a.functions.reduce((s: number, f: { change: number }) => s + f.change, 0) +
      a.everythingElse.change;
    assert.ok(Math.abs(sum - a.change) < 1e-6 * Math.abs(a.change) + 1e-6);
    assert.equal(row.attribution.python, null);
  }
});

Deno.test("instructions.targets counts only the named targets; an instructions-only run leaves the others out", async () => {
  await using dir = await tempDir();
  await writeCountingWorkspace(dir.path);
  const path = join(dir.path, "datason-bench.json");
  const config = JSON.parse(await Deno.readTextFile(path));
  config.profiles.counting.scenarios = { api_fast: { instructions: { targets: ["pickle"] } } };
  await Deno.writeTextFile(path, JSON.stringify(config, null, 2));
  const result = await runCliProcess([
    "run",
    "--profile",
    "counting",
    "--scenario",
    "api_fast",
    "--target",
    "json,pickle",
    "--tier",
    "typed",
    "--out",
    "out",
    "--json",
  ], { cwd: dir.path, env: { DATASON_BENCH_VALGRIND: testToolPath("valgrind") } });
  assert.equal(result.code, 0, result.stderr);
  const record = parseRunRecord(JSON.parse(result.stdout), "stdout") as MeasuredRunRecord;
  assert.deepEqual(record.cells.map((c) => `${c.target}/${c.operation}/${c.status}`).sort(), [
    "pickle/deserialize/ok",
    "pickle/serialize/ok",
  ]);
  for (const cell of record.cells) assert.equal(cell.instructionsPerRecord?.length, 2);
  assert.deepEqual(
    record.config.measure.scenarios?.["default/api_fast"]?.instructions?.targets,
    ["pickle"],
  );
});

Deno.test("counting instructions without Valgrind exits 3 with the install command and --measures time", async () => {
  await using dir = await tempDir();
  await writeCountingWorkspace(dir.path);
  const result = await runCliProcess(
    ["run", "--profile", "counting", "--scenario", "api_fast", "--target", "json", "--out", "out"],
    { cwd: dir.path, env: { DATASON_BENCH_VALGRIND: join(dir.path, "no-valgrind") } },
  );
  assert.equal(result.code, 3, result.stderr);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /instruction counts need Valgrind/);
  assert.match(result.stderr, /apt-get install valgrind/);
  assert.match(result.stderr, /--measures time/);
});

Deno.test("run --seed takes an integer seed and rejects anything else with exit 2", async () => {
  await using dir = await tempDir();
  await writeWorkspace(dir.path);
  const bad = await runCliProcess(["run", "--profile", "tiny", "--seed", "x1", "--dry-run"], {
    cwd: dir.path,
  });
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /--seed takes an integer from 0 to 4294967295/);
  const resumed = await runCliProcess(["run", "--resume", "j.jsonl", "--seed", "3"], {
    cwd: dir.path,
  });
  assert.equal(resumed.code, 2, resumed.stderr);
  assert.match(resumed.stderr, /--seed cannot change it/);
});
