/**
 * Function names and file paths in the function-level diffs come from the code under test (a
 * pull request's): a file named `<img src=x onerror=alert(1)>.py`, a function whose name carries
 * terminal escapes, bidirectional controls, mentions or table pipes must reach the PR comment, the
 * site and the terminal as text, never as markup or control characters.
 */

import assert from "node:assert/strict";
import defaults from "../../lib/config/defaults.json" with { type: "json" };
import { diffPythonProfiles } from "../../lib/regression/attribute_python.ts";
import { withComparisonId } from "../../lib/regression/build_comparison.ts";
import { compareWithinRun } from "../../lib/regression/compare_within_run.ts";
import type { CompareResult } from "../../lib/regression/types.ts";
import { renderCompareText } from "../../lib/report/render_compare_text.ts";
import { renderPrComment } from "../../lib/report/render_pr_comment.ts";
import { buildReportModel } from "../../lib/report/site/build_report_model.ts";
import { renderReportHtml } from "../../lib/report/site/render_report.ts";
import { reportTrends } from "../../lib/report/site/report_trends.ts";
import { buildRunRecord } from "../../lib/results/build_run_record.ts";
import { profileHash } from "../../lib/results/profile_store.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";
import {
  instructionProfile,
  memoryLookup,
  pythonProfile,
  withProfiles,
} from "../helpers/profile_fixtures.ts";
import { fixtureInstrumentation, withCounts } from "../helpers/run_record_fixture.ts";

const IMG = "<img src=x onerror=alert(1)>";
const HOSTILE_FILE = `src/${IMG}.py`;
const HOSTILE_NAME = `evil\u001b]0;pwned\u0007\u202e|@octocat #1 ${IMG}`;

function hostileComparison(): CompareResult {
  const base = [100_000, 100_100, 99_900];
  const head = base.map((n) => n * 1.1);
  const profile = (perRecord: number, hostile: number) =>
    instructionProfile({
      total: perRecord * 10,
      functions: [
        ["/lib/libpython3.11.so", "Python/ceval.c", "_PyEval_EvalFrameDefault", 5 * perRecord, 0],
        [`/site-packages/${IMG}.so`, HOSTILE_FILE, HOSTILE_NAME, hostile * 10, hostile * 10],
      ],
    });
  const baseProfiles = base.map((n) => profile(n, 1_000));
  const headProfiles = head.map((n, i) => profile(n, 1_000 + (n - base[i])));
  const record = makeRunRecord({
    noise: "balanced",
    rounds: 4,
    sigma: 0.02,
    environments: { base: {}, head: {} },
    cells: [
      { target: "datason", environment: "base" },
      { target: "datason", environment: "head" },
    ],
  });
  const counted = buildRunRecord({
    ...record,
    cells: record.cells.map((cell) => {
      const isBase = cell.environment === "base";
      return withProfiles(
        withCounts(cell, isBase ? base : head),
        isBase ? baseProfiles : headProfiles,
      );
    }),
    instrumentation: fixtureInstrumentation(),
  });
  const result = compareWithinRun(
    counted,
    { axis: "environment", a: "base", b: "head" },
    {},
    "run.json",
    memoryLookup([...baseProfiles, ...headProfiles]),
  );
  const python = (lines: number) =>
    pythonProfile({ functions: [[HOSTILE_FILE, HOSTILE_NAME, 3, 10, lines]] });
  const [pb, ph] = [python(10), python(50)];
  const { id: _id, schema: _schema, ...content } = result;
  return withComparisonId({
    ...content,
    rows: result.rows.map((row) =>
      row.attribution === undefined ? row : {
        ...row,
        attribution: {
          ...row.attribution,
          python: diffPythonProfiles(
            { profile: pb, hash: profileHash(pb) },
            { profile: ph, hash: profileHash(ph) },
          ),
        },
      }
    ),
  });
}

function assertNoRawControls(text: string, where: string): void {
  assert.ok(!text.includes("\u001b"), `${where}: raw ESC`);
  assert.ok(!text.includes("\u0007"), `${where}: raw BEL`);
  assert.ok(!text.includes("\u202e"), `${where}: raw bidirectional override`);
}

Deno.test("hostile function and file names are text in the PR comment", () => {
  const result = hostileComparison();
  const attributed = result.rows.find((r) => r.attribution !== undefined);
  assert.equal(attributed?.attribution?.callgrind.status, "ok");
  assert.equal(
    attributed?.attribution?.callgrind.status === "ok" &&
      attributed.attribution.callgrind.functions[0].name,
    HOSTILE_NAME,
    "the JSON keeps the name as it is",
  );
  const comment = renderPrComment(result);
  assert.ok(!comment.includes("<img"), "no HTML from a name");
  assert.ok(comment.includes("&lt;img src\\=x onerror\\=alert\\(1\\)&gt;"));
  assert.ok(!/(^|[^;])@octocat/.test(comment), "nobody is mentioned");
  assertNoRawControls(comment, "comment");
  // Each table row of the diff keeps its columns: the name's pipe is escaped.
  const rows = comment.split("\n").filter((l) => l.startsWith("| evil"));
  assert.equal(rows.length, 2, "one C-level and one Python-level row");
  for (const row of rows) {
    const cells = row.replace(/\\\|/g, "").split("|").length - 2;
    assert.equal(cells, 7, row);
  }
  // The collapsed section's summary is HTML: the cell is HTML-escaped code.
  assert.match(
    comment,
    /<summary><code>competitive\/api_fast\/datason\/base→head\/serialize<\/code>/,
  );
});

Deno.test("hostile function and file names are text on the site and in the terminal", () => {
  const result = hostileComparison();
  const record = makeRunRecord({ rounds: 3, sigma: 0.01, cells: [{ target: "datason" }] });
  const html = renderReportHtml(buildReportModel({
    listing: { dir: "/r", records: [{ path: "/r/a.json", record }], problems: [], others: [] },
    trends: reportTrends([record], defaults.trends, 1),
    comparison: { path: "/r/comparisons/c.json", result },
    title: "T",
  }));
  assert.match(html, /Where the instructions went/);
  assert.ok(!html.includes("<img"), "no element from a name");
  assert.ok(html.includes("&lt;img src=x onerror=alert(1)&gt;"));
  assertNoRawControls(html, "site");

  const text = renderCompareText(result);
  assert.match(text, /where the instructions went/);
  assert.ok(text.includes("evil\\x1b]0;pwned\\x07\\u202e|@octocat"), "visible escapes");
  assertNoRawControls(text, "terminal");
});
