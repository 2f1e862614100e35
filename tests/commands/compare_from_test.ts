/**
 * `compare --from FILE` renders a stored comparison again — what the PR comment poster runs with
 * the base repository's tool on the PR job's JSON — after validating it: its size, its schema
 * (closed objects, known labels, bounded strings), its id and its note references. Anything that
 * fails is exit 2 naming the file and the JSON path.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runInProcess } from "../generate/helpers.ts";
import { computeRunId } from "../../lib/results/run_id.ts";
import { type FixtureCell, makeRunRecord } from "../helpers/make_run_record.ts";
import { fixtureInstrumentation, withCounts } from "../helpers/run_record_fixture.ts";
import { tempDir } from "../helpers/run_cli.ts";

async function workspace(dir: string): Promise<void> {
  const write = (name: string, value: unknown) =>
    Deno.writeTextFile(join(dir, name), JSON.stringify(value));
  const cells = (shift: number): FixtureCell[] => [
    { target: "datason", shift },
    { target: "orjson", shift: 0.4 },
  ];
  const record = (label: string, shift: number, startedAt?: string) =>
    makeRunRecord({
      noise: "balanced",
      rounds: 16,
      sigma: 0.02,
      label,
      cells: cells(shift),
      startedAt,
    });
  await write("base.json", record("base", 0));
  await write("fail.json", record("fail", 0.3, "2025-03-02T10:00:00.000Z"));
  await write(
    "pr.json",
    makeRunRecord({
      noise: "balanced",
      rounds: 16,
      sigma: 0.02,
      environments: { base: {}, head: { python: "3.12.1" } },
      cells: [
        { target: "datason", environment: "base" },
        { target: "datason", environment: "head", shift: 0.3 },
      ],
    }),
  );
  // A PR run that also counted instructions: head +3% in every layout.
  const counted = makeRunRecord({
    noise: "balanced",
    rounds: 16,
    sigma: 0.02,
    environments: { base: {}, head: {} },
    cells: [
      { target: "datason", environment: "base" },
      { target: "datason", environment: "head" },
    ],
  });
  counted.instrumentation = fixtureInstrumentation();
  counted.cells = counted.cells.map((cell) =>
    withCounts(
      cell,
      cell.environment === "head" ? [1.03e6, 1.031e6, 1.029e6] : [1e6, 1.001e6, 0.999e6],
    )
  );
  counted.runId = computeRunId(counted);
  await write("counted.json", counted);
}

Deno.test("compare --from renders a stored comparison exactly as compare rendered it", async () => {
  await using dir = await tempDir();
  await workspace(dir.path);
  for (
    const args of [
      ["--baseline", "base.json", "--current", "fail.json"],
      ["pr.json", "--a", "base", "--b", "head"],
      ["counted.json", "--a", "base", "--b", "head"],
    ]
  ) {
    const json = await runInProcess(["compare", ...args, "--json"], dir.path);
    assert.ok(json.code === 0 || json.code === 1, json.stderr);
    await Deno.writeTextFile(join(dir.path, "stored.json"), json.stdout);
    for (const format of [[], ["--format", "markdown"], ["--json"]]) {
      const direct = await runInProcess(["compare", ...args, ...format], dir.path);
      const again = await runInProcess(["compare", "--from", "stored.json", ...format], dir.path);
      assert.equal(again.code, direct.code, again.stderr);
      assert.equal(again.stdout, direct.stdout, `${args.join(" ")} ${format.join(" ")}`);
    }
    if (args[0] === "counted.json") assert.match(json.stdout, /"instructionsPerRecord"/);
  }
});

Deno.test("compare --from refuses a document that fails validation, naming the JSON path (exit 2)", async () => {
  await using dir = await tempDir();
  await workspace(dir.path);
  const json = await runInProcess(
    ["compare", "pr.json", "--a", "base", "--b", "head", "--json"],
    dir.path,
  );
  const good = JSON.parse(json.stdout);
  assert.ok(good.environmentNotes.length > 0, "the fixture has a note (Python differs)");
  // deno-lint-ignore no-explicit-any
  const edit = (change: (doc: Record<string, any>) => void) => {
    const doc = structuredClone(good);
    change(doc);
    return JSON.stringify(doc);
  };
  const cases: [string, string, RegExp][] = [
    ["verdict", edit((d) => (d.rows[0].verdict = "fine")), /rows\[0\]\.verdict: got "fine"/],
    ["extra key", edit((d) => (d.rows[0].link = "x")), /rows\[0\]\.link: unknown key "link"/],
    ["missing", edit((d) => delete d.summary.line), /summary\.line: is required/],
    [
      "long text",
      edit((d) => (d.rows[0].reason = "x".repeat(10_001))),
      /rows\[0\]\.reason: has 10001 characters, at most 10000 allowed/,
    ],
    ["edited", edit((d) => (d.summary.line = "all good")), /id does not match the content/],
    [
      "note",
      edit((d) => (d.rows[0].environmentNotes = ["cpu"])),
      /rows\[0\]\.environmentNotes: note "cpu" is not among environmentNotes/,
    ],
    ["axis", edit((d) => (d.axis = null)), /axis: must be set for a within-run comparison/],
    ["inherited", edit((d) => (d.rows[0].toString = 1)), /rows\[0\]\.toString: unknown key/],
    [
      "proto",
      json.stdout.replace('"rows": [', '"__proto__": {}, "rows": ['),
      /key "__proto__" at __proto__/,
    ],
    ["future", edit((d) => (d.schema = "datason-bench/compare@2")), /is newer than this version/],
    ["not one", JSON.stringify({ schema: "datason-bench/run@1" }), /schema: not a comparison/],
    [
      "duplicate",
      json.stdout.replace('"mode":', '"paired": true, "mode":'),
      /duplicate key "paired"/,
    ],
  ];
  for (const [what, text, pattern] of cases) {
    await Deno.writeTextFile(join(dir.path, "bad.json"), text);
    const result = await runInProcess(
      ["compare", "--from", "bad.json", "--format", "markdown"],
      dir.path,
    );
    assert.equal(result.code, 2, `${what}: ${result.stderr}`);
    assert.equal(result.stdout, "", what);
    assert.match(result.stderr, /cannot read comparison ".*bad\.json": /, what);
    assert.match(result.stderr, pattern, what);
  }

  // Too large: refused from its size, before it is read.
  const big = join(dir.path, "big.json");
  const file = await Deno.open(big, { write: true, create: true });
  await file.truncate(64 * 1024 * 1024 + 1);
  file.close();
  const large = await runInProcess(["compare", "--from", "big.json"], dir.path);
  assert.equal(large.code, 2);
  assert.match(large.stderr, /67108865 bytes, more than the 67108864 a comparison can have/);

  const mixed = await runInProcess(["compare", "--from", "bad.json", "--save"], dir.path);
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /--from renders a stored comparison as it is: drop --save/);
});
