/**
 * End to end: the real CLI (`runCliProcess`: the compiled binary's permissions, no read access to
 * the repository) in a temporary folder; stdout, stderr and exit code checked separately.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { type CliResult, runCliProcess } from "../helpers/run_cli.ts";
import { type FixtureCell, makeRunRecord } from "../helpers/make_run_record.ts";

function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCliProcess(args, { cwd, env });
}

function record(label: string, cells: FixtureCell[], startedAt?: string): MeasuredRunRecord {
  return makeRunRecord({ noise: "balanced", rounds: 16, sigma: 0.02, label, cells, startedAt });
}

async function workspace(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "datason-bench-compare-" });
  const write = (name: string, value: unknown) =>
    Deno.writeTextFile(join(dir, name), JSON.stringify(value));
  const cells = (datasonShift: number): FixtureCell[] => [
    { target: "datason", shift: datasonShift },
    { target: "orjson", shift: 0.4 }, // never gates: not a DataSON target
  ];
  await write("base.json", record("base", cells(0)));
  await write("notice.json", record("notice", cells(0.07), "2025-03-02T10:00:00.000Z"));
  await write("warn.json", record("warn", cells(0.12), "2025-03-02T10:00:00.000Z"));
  await write("fail.json", record("fail", cells(0.3), "2025-03-02T10:00:00.000Z"));
  await write(
    "other.json",
    record("other", [{ target: "json", scenario: "large_data" }], "2025-03-02T10:00:00.000Z"),
  );
  await write(
    "pr.json",
    makeRunRecord({
      noise: "balanced",
      rounds: 16,
      sigma: 0.02,
      environments: { base: {}, head: {} },
      cells: [
        { target: "datason", environment: "base" },
        { target: "datason", environment: "head", shift: 0.3 },
      ],
    }),
  );
  return dir;
}

Deno.test("compare exits 1 exactly when a gating verdict reaches --fail-on", async () => {
  const dir = await workspace();
  try {
    // [current, --fail-on, expected exit]: the regression is notice (+7%), warn (+12%) or fail (+30%).
    const cases: [string, string | null, number][] = [
      ["fail.json", null, 1], // default failOn from the config: fail
      ["warn.json", null, 0],
      ["warn.json", "fail", 0],
      ["warn.json", "warn", 1],
      ["warn.json", "notice", 1],
      ["fail.json", "never", 0],
      ["notice.json", "warn", 0],
      ["notice.json", "notice", 1],
    ];
    const results = await Promise.all(cases.map(([current, failOn]) =>
      cli(dir, [
        "compare",
        "--baseline",
        "base.json",
        "--current",
        current,
        ...(failOn ? ["--fail-on", failOn] : []),
      ])
    ));
    results.forEach((result, i) => {
      const [current, failOn, expected] = cases[i];
      assert.equal(result.code, expected, `${current} --fail-on ${failOn}: ${result.stderr}`);
      assert.match(result.stdout, /^compare: run /);
    });
    assert.match(results[0].stdout, /regressed\s+fail\s+FAIL\s+competitive\/api_fast\/datason/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compare --json prints one compare@1 document; bad input exits 2", async () => {
  const dir = await workspace();
  try {
    const [json, nothing, usage, missing] = await Promise.all([
      cli(dir, ["compare", "--baseline", "base.json", "--current", "warn.json", "--json"]),
      cli(dir, ["compare", "--baseline", "base.json", "--current", "other.json"]),
      cli(dir, ["compare", "--baseline", "base.json", "--fail-on", "sometimes"]),
      cli(dir, ["compare", "--baseline", "nope", "--current", "warn.json"]),
    ]);
    assert.equal(json.code, 0, json.stderr);
    const document = JSON.parse(json.stdout);
    assert.equal(document.schema, "datason-bench/compare@1");
    assert.equal(document.summary.status, "warn");
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /error: nothing to compare: base\.json and other\.json/);
    assert.equal(nothing.stdout, "");
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--fail-on must be one of fail, warn, notice, never/);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--baseline "nope": no such file or folder/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compare RUN --a --b writes the PR comment, the step summary, exports and the saved JSON", async () => {
  const dir = await workspace();
  const summaryPath = join(dir, "step_summary.md");
  await Deno.writeTextFile(summaryPath, "# earlier step\n");
  try {
    const result = await cli(dir, [
      "compare",
      "pr.json",
      "--a",
      "base",
      "--b",
      "head",
      "--format",
      "markdown",
      "--comment-out",
      "comment.md",
      "--save",
      "--export",
      "bmf=bencher.json",
      "--export",
      "gab=gab.json",
    ], { GITHUB_STEP_SUMMARY: summaryPath });
    assert.equal(result.code, 1, result.stderr); // +30% on datason fails the default gate
    assert.ok(
      result.stdout.startsWith("<!-- datason-bench:pr-comment -->\n## 🔴 Performance: fail"),
    );
    assert.equal(await Deno.readTextFile(join(dir, "comment.md")), result.stdout);
    const summary = await Deno.readTextFile(summaryPath);
    assert.ok(summary.startsWith("# earlier step\n<!-- datason-bench:pr-comment -->"));
    const bmf = JSON.parse(await Deno.readTextFile(join(dir, "bencher.json")));
    assert.equal(typeof bmf["competitive/api_fast/datason/head/serialize"].latency.value, "number");
    const gab = JSON.parse(await Deno.readTextFile(join(dir, "gab.json")));
    assert.ok(Array.isArray(gab) && gab.length === 4);
    const saved = [...Deno.readDirSync(join(dir, "data/results/comparisons/2025-03-01"))];
    assert.equal(saved.length, 1);
    const stored = JSON.parse(
      await Deno.readTextFile(join(dir, "data/results/comparisons/2025-03-01", saved[0].name)),
    );
    assert.equal(`${stored.id}.json`, saved[0].name);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compare --set-baseline names a run that --baseline NAME then finds", async () => {
  const dir = await workspace();
  try {
    const set = await cli(dir, ["compare", "--set-baseline", "main", "base.json"]);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /baseline "main" → run [0-9a-f]{12}/);
    const pointer = JSON.parse(await Deno.readTextFile(join(dir, "data/baselines/main.json")));
    assert.equal(pointer.schema, "datason-bench/baseline@1");
    const used = await cli(dir, ["compare", "--baseline", "main", "--current", "fail.json"]);
    assert.equal(used.code, 1, used.stderr);
    assert.match(used.stdout, new RegExp(`vs baseline ${pointer.runId.slice(0, 12)}`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
