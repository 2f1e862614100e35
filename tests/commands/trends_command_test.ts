import assert from "node:assert/strict";
import { join } from "node:path";
import { saveRunRecord } from "../../lib/results/store.ts";
import { createRng, measuredRecord, normal, weekly } from "../trends/trend_fixtures.ts";
import { runCliProcess } from "../helpers/run_cli.ts";

/** 20 weekly runs with a DataSON regression from week 12, plus bad files of every kind. */
async function resultsFolder(dir: string): Promise<void> {
  const rng = createRng(3, "cli");
  for (let week = 0; week < 20; week++) {
    await saveRunRecord(
      dir,
      measuredRecord({
        startedAt: weekly("2026-01-05T02:00:00.000Z", week),
        datason: week >= 12 ? "0.13.1" : "0.13.0",
        cells: [
          {
            scenario: "api_fast",
            target: "datason",
            value: 3000 * (week >= 12 ? 1.25 : 1) * Math.exp(0.02 * normal(rng)),
          },
          { scenario: "api_fast", target: "orjson", value: 400 * Math.exp(0.02 * normal(rng)) },
        ],
      }),
    );
  }
  const bad = join(dir, "bad");
  await Deno.mkdir(bad);
  const good = JSON.stringify(measuredRecord({
    startedAt: "2026-02-01T00:00:00.000Z",
    cells: [{ scenario: "api_fast", target: "datason", value: 1 }],
  }));
  await Deno.writeTextFile(join(bad, "truncated.json"), good.slice(0, 200));
  await Deno.writeTextFile(join(bad, "empty.json"), "");
  await Deno.writeFile(join(bad, "binary.json"), new Uint8Array([0, 159, 146, 150, 0, 1]));
  await Deno.writeTextFile(
    join(bad, "future.json"),
    good.replace('"schema":"datason-bench/run@1"', '"schema":"datason-bench/run@2"'),
  );
}

Deno.test("`trends` uses every good file, lists every bad one on stderr and exits 0", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    await resultsFolder(join(cwd, "results"));
    const result = await runCliProcess([
      "trends",
      "--results",
      "results",
      "--days",
      "all",
      "--json",
    ], { cwd });
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.schema, "datason-bench/trends@1");
    assert.equal(doc.counts.runs, 20);
    assert.equal(doc.series.length, 2);
    assert.deepEqual(
      doc.skippedFiles.map((
        f: { path: string; kind: string },
      ) => [f.path.split(/[\\/]/).pop(), f.kind]),
      [["binary.json", "invalid"], ["empty.json", "invalid"], ["future.json", "future-schema"], [
        "truncated.json",
        "invalid",
      ]],
    );
    for (const name of ["truncated.json", "empty.json", "binary.json", "future.json"]) {
      assert.match(
        result.stderr,
        new RegExp(`warning: skipped results/bad/${name.replace(".", "\\.")}`),
      );
    }
    const regression = doc.findings.regressions[0];
    assert.equal(regression.label, "datason · api_fast · serialize");
    assert.equal(regression.date, weekly("2026-01-05T02:00:00.000Z", 12));
    assert.equal(regression.attribution.summary, "DataSON 0.13.0 → 0.13.1");
    assert.ok(Array.isArray(doc.runs) && Array.isArray(doc.environmentShifts));
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("`trends --format markdown` renders the embedded template with a Mermaid chart", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    await resultsFolder(join(cwd, "results"));
    const md = await runCliProcess(
      ["trends", "--results", "results", "--format", "markdown", "-q"],
      { cwd },
    );
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Performance trends\n/);
    assert.match(md.stdout, /```mermaid\nxychart-beta\n/);
    const text = await runCliProcess(
      ["trends", "--results", "results", "--metric", "orjson", "-q"],
      { cwd },
    );
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /, 1 series matching "orjson"\n/);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("`trends` rejects a bad --days and a missing results folder with exit 2", async () => {
  const cwd = await Deno.makeTempDir();
  try {
    const days = await runCliProcess(["trends", "--results", ".", "--days", "0"], { cwd });
    assert.equal(days.code, 2);
    assert.match(days.stderr, /--days must be a positive number of days or 'all' \(got "0"\)/);
    const missing = await runCliProcess(["trends", "--results", "nowhere"], { cwd });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read results folder ".*nowhere": no such folder/);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
