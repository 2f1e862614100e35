/**
 * Config and result files whose keys are names every JavaScript object inherits (`__proto__`,
 * `toString`, `constructor`, `valueOf`, `hasOwnProperty`), that name a key twice, or that start
 * with a UTF-8 byte order mark. A config is an input error (exit 2) naming the key's JSON path; a
 * result file is one skipped file in `check`, `trends`, `report` and `compare`, never the end of
 * the command; a BOM is accepted.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../../lib/_common/errors.ts";
import { parseConfigText } from "../../lib/config/load_config.ts";
import { listRunRecords, saveRunRecord } from "../../lib/results/store.ts";
import { runInProcess } from "../generate/helpers.ts";
import { fixtureCell, fixtureRunRecord } from "../helpers/run_record_fixture.ts";
import { withRunId } from "../../lib/results/run_id.ts";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { tempDir } from "../helpers/run_cli.ts";

const INHERITED = ["toString", "constructor", "valueOf", "hasOwnProperty"];
const ENV = '"environments": {"default": {"python": "python3", "requirements": []}}';

function configError(text: string): InputError {
  try {
    parseConfigText(text, "/tmp/c.json");
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${error}`);
    return error;
  }
  assert.fail(`expected an InputError for ${text}`);
}

Deno.test("a config with a __proto__ key is an input error naming its JSON path", () => {
  for (
    const [text, path] of [
      ['{"__proto__": {}}', "__proto__"],
      [`{${ENV}, "profiles": {"__proto__": {"processes": 2}}}`, "profiles.__proto__"],
      [`{${ENV}, "profiles": {"quick": {"\\u005f_proto__": 1}}}`, "profiles.quick.__proto__"],
    ]
  ) {
    const error = configError(text);
    assert.match(error.message, /key "__proto__" at (\S+) \(line 1, column \d+\) is not allowed/);
    assert.equal(/ at (\S+) \(line/.exec(error.message)![1], path, error.message);
    assert.match(error.hint ?? "", /rename or remove/);
  }
});

Deno.test("toString, constructor, valueOf and hasOwnProperty are unknown keys in a config", () => {
  for (const key of INHERITED) {
    assert.match(configError(`{"${key}": 1}`).message, new RegExp(`${key}: unknown key "${key}"`));
    assert.match(
      configError(`{${ENV}, "profiles": {"quick": {"${key}": 1}}}`).message,
      new RegExp(`profiles\\.quick\\.${key}: unknown key "${key}"`),
    );
  }
});

Deno.test("a profile, suite or environment named like an inherited property is unknown (exit 2)", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(join(dir.path, "datason-bench.json"), `{${ENV}}`);
  for (
    const [args, pattern] of [
      [["run", "--profile", "toString", "--dry-run"], /unknown profile "toString"/],
      [["run", "--suite", "constructor", "--dry-run"], /unknown suite "constructor"/],
      [["setup", "--env", "valueOf"], /unknown environment "valueOf"/],
    ] as const
  ) {
    const result = await runInProcess([...args], dir.path);
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, pattern);
    assert.doesNotMatch(result.stderr, /internal error/);
  }
  await Deno.writeTextFile(join(dir.path, "p.json"), `{${ENV}, "profile": "constructor"}`);
  const profile = await runInProcess(["--config", "p.json", "check"], dir.path);
  assert.equal(profile.code, 2, profile.stdout + profile.stderr);
  assert.match(profile.stdout, /profile: unknown profile "constructor"/);
});

/** A good record's text with `insert` added after its first `{`. */
function recordTextWith(insert: string, startedAt: string): string {
  const text = JSON.stringify(fixtureRunRecord({ startedAt }), null, 1);
  return `{${insert},${text.slice(1)}`;
}

Deno.test("a result file with an inherited key is skipped by check, trends, report and compare", async () => {
  await using dir = await tempDir();
  const results = join(dir.path, "data", "results");
  await saveRunRecord(results, fixtureRunRecord({ startedAt: "2026-11-16T02:00:00.000Z" }));
  await saveRunRecord(results, fixtureRunRecord({ startedAt: "2026-11-23T02:00:00.000Z" }));
  // Valid, but its names are inherited ones: an environment "constructor", and a failed cell of
  // an environment "toString" the record has no entry for (as when an environment cannot be set
  // up). Readers look such names up as own keys, so it is a run like any other.
  const odd = fixtureRunRecord({ startedAt: "2026-11-20T02:00:00.000Z" });
  const { runId: _, ...content } = {
    ...odd,
    environments: { ...odd.environments, constructor: odd.environments.default },
    cells: [
      ...odd.cells,
      fixtureCell({
        environment: "toString",
        status: "error",
        nsPerRecord: [],
        rounds: [],
        summary: null,
        fidelity: null,
        error: { type: "EnvironmentSetupError", message: "\nsetup failed" },
      }),
    ],
  };
  await saveRunRecord(results, withRunId<MeasuredRunRecord>(content));
  const bad = join(results, "bad");
  await Deno.mkdir(bad);
  await Deno.writeTextFile(
    join(bad, "proto.json"),
    recordTextWith('"__proto__": {"schema": 1}', "2026-11-24T02:00:00.000Z"),
  );
  await Deno.writeTextFile(
    join(bad, "tostring.json"),
    recordTextWith('"toString": 1', "2026-11-25T02:00:00.000Z"),
  );
  const cellProto = JSON.stringify(fixtureRunRecord({ startedAt: "2026-11-26T02:00:00.000Z" }))
    .replace('"cells":[{', '"cells":[{"__proto__":null,');
  await Deno.writeTextFile(join(bad, "cell.json"), cellProto);
  await Deno.writeTextFile(
    join(bad, "nullcell.json"),
    JSON.stringify(fixtureRunRecord({ startedAt: "2026-11-27T02:00:00.000Z" }))
      .replace('"cells":[{', '"cells":[null,{'),
  );

  const listing = await listRunRecords(results);
  assert.equal(listing.records.length, 3);
  const reasons = Object.fromEntries(
    listing.problems.map((p) => [p.path.split(/[\\/]/).pop(), p.reason]),
  );
  assert.deepEqual(Object.keys(reasons).sort(), [
    "cell.json",
    "nullcell.json",
    "proto.json",
    "tostring.json",
  ]);
  assert.match(reasons["proto.json"], /key "__proto__" at __proto__/);
  assert.match(reasons["cell.json"], /key "__proto__" at cells\[0\]\.__proto__/);
  assert.match(reasons["nullcell.json"], /cells\[0\]: got null/);

  const check = await runInProcess(["check"], dir.path);
  assert.equal(check.code, 2, check.stderr);
  assert.match(check.stdout, /3 run\(s\) readable, 4 problem\(s\)/);
  assert.doesNotMatch(check.stderr, /internal error/);

  const trends = await runInProcess(["trends", "--json", "--days", "all"], dir.path);
  assert.equal(trends.code, 0, trends.stderr);
  const doc = JSON.parse(trends.stdout);
  assert.equal(doc.counts.runs, 3);
  assert.equal(doc.skippedFiles.length, 4);

  const report = await runInProcess(["report", "--format", "markdown"], dir.path);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stderr, /skipped .*proto\.json/);

  const compare = await runInProcess(
    ["compare", "--baseline", join(results, "2026-11-20"), "--current", results],
    dir.path,
  );
  assert.equal(compare.code, 0, compare.stderr);
  assert.match(compare.stderr, /skipped .*tostring\.json/);
});

Deno.test("a key named twice in a config or a result file is an input error naming its JSON path", async () => {
  const error = configError(
    `{${ENV},\n "profiles": {"quick": {"processes": 3,\n   "processes": 5}}}`,
  );
  assert.match(
    error.message,
    /duplicate key "processes" at profiles\.quick\.processes \(line 3, column 4\)/,
  );
  assert.match(
    configError(`{"seed": 1, ${ENV}, "seed": 2}`).message,
    /duplicate key "seed" at seed/,
  );

  await using dir = await tempDir();
  const results = join(dir.path, "results");
  await saveRunRecord(results, fixtureRunRecord());
  const text = JSON.stringify(fixtureRunRecord({ startedAt: "2026-11-24T02:00:00.000Z" }));
  await Deno.writeTextFile(
    join(results, "twice.json"),
    text.replace('"cells":[{', '"cells":[{"loops":7,'),
  );
  const listing = await listRunRecords(results);
  assert.equal(listing.records.length, 1);
  assert.equal(listing.problems.length, 1);
  assert.match(listing.problems[0].reason, /duplicate key "loops" at cells\[0\]\.loops/);
});

Deno.test("a UTF-8 byte order mark at the start of a config or a result file is accepted", async () => {
  const loaded = parseConfigText(`\ufeff{${ENV}, "seed": 7}`, "/tmp/c.json");
  assert.equal(loaded.config.seed, 7);
  await using dir = await tempDir();
  const record = fixtureRunRecord();
  await Deno.writeTextFile(join(dir.path, "bom.json"), `\ufeff${JSON.stringify(record)}`);
  const listing = await listRunRecords(dir.path);
  assert.deepEqual(listing.problems, []);
  assert.equal(listing.records[0].record.runId, record.runId);
});
