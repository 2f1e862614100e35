/** `weekly` end to end on a tiny config: first run says there is nothing to compare with, the second compares. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { testPython } from "../bench/fixtures.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";

async function workspace(dir: string, python = testPython()): Promise<void> {
  await Deno.writeTextFile(
    join(dir, "datason-bench.json"),
    JSON.stringify({
      environments: { default: { python, requirements: [] } },
      scenarios: { api_fast: { count: 12 }, edge_cases: { count: 10 } },
      profiles: {
        tiny: {
          processes: 2,
          values: 2,
          warmups: 0,
          minValueSeconds: 0.001,
          records: 5,
          timeoutSeconds: 60,
        },
      },
      suites: {
        smoke: {
          environments: ["default"],
          targets: ["datason", "pickle", "noop"],
          scenarios: ["api_fast", "edge_cases"],
          operations: ["serialize", "deserialize"],
        },
      },
      weekly: { profile: "tiny", suites: ["smoke"] },
    }),
  );
}

Deno.test("weekly runs every step, stores the run, the site and the pointer, and compares on the second run", async () => {
  await using dir = await tempDir();
  await workspace(dir.path);
  const first = await runCliProcess(["weekly"], { cwd: dir.path });
  assert.equal(first.code, 0, first.stderr);
  for (const step of ["setup", "generate", "run", "compare", "trends", "report", "baseline"]) {
    assert.match(first.stderr, new RegExp(`weekly \\[\\d/7\\] ${step}: (ok|skipped) in`), step);
  }
  assert.match(
    first.stderr,
    /compare: skipped .*no previous weekly run: nothing to compare with yet/,
  );
  assert.match(first.stdout, /^weekly: ok in /);
  const pointer = JSON.parse(await Deno.readTextFile(join(dir.path, "data/baselines/weekly.json")));
  assert.equal(pointer.schema, "datason-bench/baseline@1");
  const html = await Deno.readTextFile(join(dir.path, "site/index.html"));
  assert.match(html, /<svg[^>]*role="img"/);

  const summaryFile = join(dir.path, "summary.md");
  const second = await runCliProcess(["weekly", "--json"], {
    cwd: dir.path,
    env: { GITHUB_STEP_SUMMARY: summaryFile },
  });
  assert.equal(second.code, 0, second.stderr);
  const doc = JSON.parse(second.stdout);
  assert.equal(doc.schema, "datason-bench/weekly@1");
  assert.equal(doc.ok, true);
  const compare = doc.steps.find((s: { name: string }) => s.name === "compare");
  assert.equal(compare.status, "ok", compare.detail);
  assert.equal(doc.comparison.path.includes("comparisons"), true);
  assert.notEqual(doc.runId, pointer.runId);
  const moved = JSON.parse(await Deno.readTextFile(join(dir.path, "data/baselines/weekly.json")));
  assert.equal(moved.runId, doc.runId);
  assert.match(await Deno.readTextFile(summaryFile), /## Weekly benchmark: ok/);
  const check = await runCliProcess(["check"], { cwd: dir.path });
  assert.equal(check.code, 0, check.stdout);
});

Deno.test("weekly reports a failed step, keeps going, and exits 3", async () => {
  await using dir = await tempDir();
  await workspace(dir.path, "/nonexistent/python3");
  const result = await runCliProcess(["weekly"], { cwd: dir.path });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /weekly \[1\/7\] setup: failed/);
  assert.match(result.stderr, /weekly \[2\/7\] generate: ok/);
  assert.match(result.stderr, /weekly \[6\/7\] report: ok/, "the report still runs on the history");
  assert.match(result.stdout, /^weekly: FAILED/);
});
