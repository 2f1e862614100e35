import assert from "node:assert/strict";
import { compareWithinRun } from "../../lib/regression/compare_within_run.ts";
import { renderPrComment, renderStepSummary } from "../../lib/report/render_pr_comment.ts";
import { PR_COMMENT_MARKER } from "../../lib/report/pr_comment_model.ts";
import type { FixtureCell } from "../helpers/make_run_record.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";

Deno.test("the PR comment leads with one verdict and escapes untrusted names", () => {
  const run = makeRunRecord({
    noise: "balanced",
    rounds: 16,
    sigma: 0.02,
    environments: { base: {}, "<b>head@x</b>": {} },
    cells: [
      { target: "datason", environment: "base" },
      { target: "datason", environment: "<b>head@x</b>", shift: 0.12 },
      { target: "datason-str", environment: "base" },
      { target: "datason-str", environment: "<b>head@x</b>", fidelity: "mismatch" },
    ],
  });
  const text = renderPrComment(
    compareWithinRun(run, { axis: "environment", a: "base", b: "<b>head@x</b>" }),
  );
  const lines = text.split("\n");
  assert.equal(lines[0], PR_COMMENT_MARKER);
  assert.equal(
    lines[1],
    "## 🔴 Performance: fail — the gate fails on a status or fidelity break (fails on fail)",
  );
  assert.match(lines[3], /^\*\*1 broken, 1 regressed \\\(1 warn\\\)/);
  assert.ok(!text.includes("<b>"), "raw HTML from a label reached the comment");
  assert.ok(!/@x/.test(text), "a mention reached the comment");
  assert.match(text, /### Fidelity and status breaks[\s\S]*fidelity exact → mismatch/);
  assert.match(text, /### Regressions[\s\S]*\*\*\+12\.0%\*\*/);
  assert.match(text, /<details>\n<summary>All 4 rows<\/summary>/);
  assert.ok(!text.includes("Trimmed"));
});

Deno.test("the PR comment of a 2,000-cell comparison stays under 65,536 characters and says what was cut", () => {
  const cells: FixtureCell[] = [];
  for (let i = 0; i < 2000; i++) {
    const scenario = `scenario_${String(i).padStart(4, "0")}`;
    const target = i % 2 === 0 ? "datason" : "orjson";
    // Every 7th cell regresses, every 11th improves, every 13th is underpowered (3 rounds).
    const shift = i % 7 === 0 ? 0.3 : i % 11 === 0 ? -0.2 : 0;
    const rounds = i % 13 === 0 ? 3 : undefined;
    cells.push({ target, scenario, environment: "base", rounds });
    cells.push({ target, scenario, environment: "head", rounds, shift });
  }
  const run = makeRunRecord({
    noise: "balanced",
    rounds: 8,
    values: 3,
    sigma: 0.02,
    environments: { base: {}, head: {} },
    cells,
  });
  const result = compareWithinRun(run, { axis: "environment", a: "base", b: "head" });
  assert.equal(result.rows.length, 6000);
  const text = renderPrComment(result);
  assert.ok(text.length < 65_536, `${text.length} characters`);
  assert.ok(text.startsWith(PR_COMMENT_MARKER));
  assert.match(
    text,
    /> Trimmed to fit GitHub.s size limit\. .*All 6000 rows: 0 of 6000 rows shown/,
  );
  assert.match(text, /The complete comparison is in the JSON output/);
  // Regressions come before the full table, so they survive the cut.
  assert.match(text, /### Regressions/);
  const summary = renderStepSummary(result);
  assert.ok(new TextEncoder().encode(summary).length < 1024 * 1024);
  assert.ok(summary.length > text.length);
});
