/**
 * The PR gate's Python-level pass on a tiny custom target in two versions (base and head, two
 * folders): the runner counts call and line events per Python function (never times), the same
 * code gives the same counts, and the flagged row's diff names the function the head edited.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { profilePythonInProcess } from "../../lib/bench/profile_python.ts";
import type { ScenarioMeasureSettings } from "../../lib/bench/measure_settings.ts";
import type { CustomTargetSpec } from "../../lib/bench/protocol.ts";
import { slotKey } from "../../lib/bench/run_schedule.ts";
import { drawLayouts } from "../../lib/bench/valgrind/layouts.ts";
import { attributePythonLevel } from "../../lib/pipelines/attribute_python_level.ts";
import { compareWithinRun } from "../../lib/regression/compare_within_run.ts";
import { parseCompareResult } from "../../lib/regression/parse_compare_result.ts";
import type { PythonAttributionOk } from "../../lib/regression/types.ts";
import { renderPrComment } from "../../lib/report/render_pr_comment.ts";
import { buildRunRecord } from "../../lib/results/build_run_record.ts";
import { pythonProfileEntries } from "../../lib/results/python_profile.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";
import { fixtureInstrumentation, withCounts } from "../helpers/run_record_fixture.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { plainRecords, testPython, writeDataset } from "../bench/fixtures.ts";

const TINYLIB = (edited: boolean) => `
import json


def _walk(value):
    if isinstance(value, dict):
        return {k: _walk(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v) for v in value]
    return value


def normalize_name(text):
${
  edited
    ? `    out = []
    for ch in text.strip():
        if ch.isprintable():
            out.append(ch)
    return "".join(out)`
    : `    return text.strip()`
}


def dumps(record):
    fields = _walk(record)
    if "name" in fields:
        fields["name"] = normalize_name(fields["name"])
    return json.dumps(fields)


def loads(text):
    return json.loads(text)
`;

async function tinylib(dir: string): Promise<{ base: CustomTargetSpec; head: CustomTargetSpec }> {
  const specs: Record<string, CustomTargetSpec> = {};
  for (const side of ["base", "head"]) {
    const folder = join(dir, `src-${side}`);
    await Deno.mkdir(folder);
    await Deno.writeTextFile(join(folder, "tinylib.py"), TINYLIB(side === "head"));
    specs[side] = {
      id: "tinylib",
      module: "tinylib",
      serialize: "dumps",
      deserialize: "loads",
      paths: [folder],
    };
  }
  return specs as { base: CustomTargetSpec; head: CustomTargetSpec };
}

const PASS = { passes: 1, warmups: 1, lines: true, timeoutSeconds: 120 };

Deno.test("the Python-level pass counts calls and lines per function, the same on every run", async () => {
  await using dir = await tempDir();
  const { base } = await tinylib(dir.path);
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(6));
  const ref = { scenario: "api_fast", path: dataset.path, sha256: dataset.sha256, limit: null };
  const env = { name: "base", python: testPython(), env: { PYTHONHASHSEED: "7" } };
  const profilesDir = join(dir.path, "profiles");
  const cells = [
    { target: base, operation: "serialize" as const },
    { target: base, operation: "deserialize" as const },
  ];
  const first = await profilePythonInProcess(env, ref, cells, { ...PASS, profilesDir });
  const again = await profilePythonInProcess(env, ref, cells, { ...PASS, profilesDir });
  assert.deepEqual(first.outcomes.map((o) => o.status), ["ok", "ok"]);
  const [serialize, deserialize] = first.outcomes.map((o) => {
    assert.equal(o.status, "ok");
    return o;
  }) as Extract<(typeof first.outcomes)[number], { status: "ok" }>[];
  // Deterministic: the same code over the same records gives the same profile, the same file.
  assert.deepEqual(
    again.outcomes.map((o) => o.status === "ok" ? o.hash : o.status),
    [serialize.hash, deserialize.hash],
  );
  assert.equal(serialize.profile.records, 6);
  assert.equal(serialize.profile.lines, true);
  const entries = pythonProfileEntries(serialize.profile);
  const get = (name: string) => entries.find((e) => e.file === "tinylib.py" && e.name === name);
  // One dumps and one normalize_name per record; _walk once per value of every record.
  assert.equal(get("dumps")?.calls, 6);
  assert.equal(get("normalize_name")?.calls, 6);
  assert.ok((get("_walk")?.calls ?? 0) > 6 * 5);
  assert.equal(get("normalize_name")?.line, 13);
  // Files relative to the sys.path entry they came from: the two folders do not show.
  assert.ok(entries.some((e) => e.file === "json/__init__.py" && e.name === "dumps"));
  assert.ok(entries.every((e) => !e.file.includes(dir.path)), "no absolute path of a folder");
  // deserialize runs json.loads and tinylib.loads only.
  assert.ok(pythonProfileEntries(deserialize.profile).some((e) => e.name === "loads"));
  assert.ok(!pythonProfileEntries(deserialize.profile).some((e) => e.name === "normalize_name"));
});

Deno.test("a flagged row gets the Python-level diff of base and head, naming the edited function", async () => {
  await using dir = await tempDir();
  const specs = await tinylib(dir.path);
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(6));
  const counted = makeRunRecord({
    noise: "balanced",
    rounds: 4,
    sigma: 0.02,
    environments: { base: {}, head: {} },
    cells: [
      { target: "tinylib", environment: "base" },
      { target: "tinylib", environment: "head" },
    ],
  });
  const BASE = [100_000, 100_100, 99_900];
  const record = buildRunRecord({
    ...counted,
    cells: counted.cells.map((cell) =>
      withCounts(cell, cell.environment === "base" ? BASE : BASE.map((n) => n * 1.05))
    ),
    instrumentation: fixtureInstrumentation(),
  });
  const comparison = compareWithinRun(
    record,
    { axis: "environment", a: "base", b: "head" },
    { gate: ["tinylib"] },
  );
  const flagged = comparison.rows.find((r) => r.metric === "instructionsPerRecord");
  assert.equal(flagged?.verdict, "regressed");
  assert.equal(flagged?.gated, true);
  assert.equal(flagged?.attribution?.python, null, "no Python-level pass yet");

  const settings = {
    timeoutSeconds: 120,
    records: 6,
    instructions: { records: 6, passes: 1, warmups: 1, timeoutSeconds: 120 },
  } as unknown as ScenarioMeasureSettings;
  const ref = { scenario: "api_fast", path: dataset.path, sha256: dataset.sha256, limit: null };
  const started: string[] = [];
  const pass = await attributePythonLevel(comparison, {
    environments: ["base", "head"].map((name) => ({ name, python: testPython() })),
    scenarios: Object.fromEntries(
      ["base", "head"].map((
        env,
      ) => [slotKey(env, "api_fast", "typed"), { dataset: ref, settings }]),
    ),
    cells: (["base", "head"] as const).map((environment) => ({
      environment,
      scenario: "api_fast",
      tier: "typed" as const,
      target: specs[environment],
      operation: "serialize" as const,
      suites: ["competitive"],
    })),
  }, {
    profilesDir: join(dir.path, "profiles"),
    layout: drawLayouts(7, 1)[0],
    onStart: (environment) => started.push(environment),
  });
  assert.equal(pass.cells, 1);
  assert.deepEqual(started, ["base", "head"]);
  assert.ok(pass.bytes > 0);
  const row = pass.comparison.rows.find((r) => r.metric === "instructionsPerRecord")!;
  const python = row.attribution?.python as PythonAttributionOk;
  assert.equal(python?.status, "ok", JSON.stringify(row.attribution?.python));
  // The edited function comes first: its own lines went up; everything else did not move.
  const [top] = python.functions;
  assert.equal(top.name, "normalize_name");
  assert.equal(top.file, "tinylib.py");
  assert.equal(top.callChange, 0);
  assert.ok(top.lineChange > 0);
  assert.ok(Math.abs(top.lineShare! - 1) < 1e-9, "the only function whose lines changed");
  assert.deepEqual(python.functions.map((f) => f.name), ["normalize_name"]);
  assert.equal(python.everythingElse.lineChange, 0);
  assert.equal(
    python.functions.reduce((s, f) => s + f.lineChange, 0) + python.everythingElse.lineChange,
    python.lineChange,
  );
  // The stored comparison reads back with its new id; the comment names the function.
  assert.notEqual(pass.comparison.id, comparison.id);
  assert.deepEqual(
    parseCompareResult(JSON.parse(JSON.stringify(pass.comparison)), "c"),
    pass.comparison,
  );
  assert.ok(
    renderPrComment(pass.comparison).includes(
      "| normalize\\_name | tinylib\\.py&#58;13 | 1 → 1 | 0 | 1 → 18 | \\+17 | \\+100\\.0% |",
    ),
  );
});
