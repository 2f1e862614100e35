import assert from "node:assert/strict";
import { join } from "node:path";
import { createRng } from "../../lib/_common/prng.ts";
import { runRecordPath, saveRunRecord } from "../../lib/results/store.ts";
import { writeMixedResults } from "../helpers/mixed_results.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";
import { LEGACY_FIXTURES, SAMPLE_FILES } from "../results/legacy/legacy_fixtures.ts";
import { syntheticRun, weekStart } from "../../scripts/synthetic_history.ts";

/**
 * Nothing on the page may be fetched from elsewhere: no scripts, stylesheets, images or URLs in
 * CSS. Anchors navigate only: in-page, or to a library's documentation over https.
 */
function assertSelfContained(html: string): void {
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(/i);
  assert.doesNotMatch(html, /\ssrc="/, "nothing loaded from a source");
  for (const [, tag, href] of html.matchAll(/<(\w+)[^>]*\shref="([^"]*)"/g)) {
    assert.equal(tag, "a", `href only on anchors (found one on <${tag}>)`);
    assert.match(href, /^(#|https:\/\/)/, `in-page or https documentation links only: ${href}`);
  }
}

Deno.test("`report` on a single quick run writes a self-contained page and a JSON receipt", async () => {
  await using dir = await tempDir();
  const record = syntheticRun({
    startedAt: "2026-11-23T02:00:00.000Z",
    rng: createRng(1, "quick"),
    suites: ["competitive"],
    processes: 3,
    values: 3,
    profile: "quick",
    records: 50,
  });
  await saveRunRecord(join(dir.path, "results"), record);

  const result = await runCliProcess(
    ["report", "--results", "results", "--out", "site", "--json"],
    { cwd: dir.path },
  );
  assert.equal(result.code, 0, result.stderr);
  const doc = JSON.parse(result.stdout);
  assert.equal(doc.schema, "datason-bench/report@1");
  assert.equal(doc.runs, 1);
  assert.deepEqual(doc.skippedFiles, []);
  const html = await Deno.readTextFile(join(dir.path, "site", "index.html"));
  assert.equal(doc.bytes, new TextEncoder().encode(html).length);
  assert.equal(doc.path, join(dir.path, "site", "index.html"));
  assertSelfContained(html);
  assert.match(
    html,
    /<h2 id="latest-competitive-title">Latest results: DataSON and its competitors/,
  );
  assert.match(html, /50 of 1,000 records per value/);
  assert.match(html, /no CI \(n = 3\)/);
  assert.match(html, /Measured with the quick profile/);
  assert.equal(
    (html.match(/<svg [^>]*class="chart bar-chart"/g) ?? []).length,
    5 * 2,
    "a chart per scenario and tier",
  );
  assert.match(html, /<h3 id="latest-competitive-api_fast-json-title">api_fast · JSON tier<\/h3>/);
  assert.match(html, /<code class="call">orjson\.dumps\(x, default=encode, option=/);
  assert.match(html, /<a class="docs" href="https:\/\/github\.com\/ijl\/orjson#serialize">/);
  assert.match(html, /<strong>orjson<\/strong> cannot carry integers beyond 64 bits/);
  assert.match(html, /<section id="fingerprint"/);
  assert.match(html, /9d609a427abc494e7764a81513cfdf8a3f50e1bdd84f2a8bcaaba4142b834b9e/);
  const summary = await Deno.readTextFile(join(dir.path, "site", "summary.md"));
  assert.match(summary, /^## DataSON performance\n/);

  const markdown = await runCliProcess(
    ["report", "--results", "results", "--format", "markdown"],
    { cwd: dir.path },
  );
  assert.equal(markdown.code, 0, markdown.stderr);
  assert.equal(markdown.stdout, summary, "the same summary as site/summary.md");
  assert.match(markdown.stdout, /\| api\\_fast \| \d+\.\d+ µs \| \d\.\d\d× slower \|/);
});

Deno.test("`report` shows the last stored comparison of several runs", async () => {
  await using dir = await tempDir();
  const results = join(dir.path, "data", "results");
  const paths: string[] = [];
  const rng = createRng(2, "several");
  for (let week = 0; week < 3; week++) {
    const record = syntheticRun({
      startedAt: weekStart(250 + week),
      rng,
      suites: ["competitive"],
      processes: 8,
      values: 3,
      datason: week < 2 ? { version: "0.13.0", factor: 1 } : { version: "0.13.1", factor: 1.4 },
    });
    await saveRunRecord(results, record);
    paths.push(runRecordPath(results, record));
  }
  const compare = await runCliProcess(
    ["compare", "--baseline", paths[1], "--current", paths[2], "--save", "--fail-on", "never"],
    { cwd: dir.path },
  );
  assert.equal(compare.code, 0, compare.stderr);

  const result = await runCliProcess(["report"], { cwd: dir.path });
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /^wrote site\/index\.html \(\d+\.\d KiB\) and site\/summary\.md from 3 run\(s\) in data\/results\n$/,
  );
  const html = await Deno.readTextFile(join(dir.path, "site", "index.html"));
  assert.match(html, /<h2 id="comparison-title">Last stored comparison<\/h2>/);
  assert.match(html, /<summary>Regressions \(\d+\)<\/summary>/);
  assert.match(html, /competitive\/api_fast\/datason\/default\/serialize<\/th>/);
  assert.match(html, /Last stored comparison: fail — /);
  assert.doesNotMatch(html, /not the newest run on this page/);
  const summary = await Deno.readTextFile(join(dir.path, "site", "summary.md"));
  assert.match(summary, /### Last comparison\n\n\*\*fail\*\* — /);
});

Deno.test("`report` shows imported legacy history apart from two measured runs", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(join(dir.path, "old"));
  for (const name of SAMPLE_FILES) {
    await Deno.copyFile(join(LEGACY_FIXTURES, name), join(dir.path, "old", name));
  }
  const imported = await runCliProcess(["import", "old", "--out", "results"], { cwd: dir.path });
  assert.equal(imported.code, 0, imported.stderr);
  const rng = createRng(3, "legacy");
  for (const week of [258, 259]) {
    await saveRunRecord(
      join(dir.path, "results"),
      syntheticRun({ startedAt: weekStart(week), rng, processes: 6, values: 3 }),
    );
  }

  const result = await runCliProcess(["report", "--results", "results"], { cwd: dir.path });
  assert.equal(result.code, 0, result.stderr);
  const html = await Deno.readTextFile(join(dir.path, "site", "index.html"));
  assert.match(html, /10 runs \(2 measured, 8 imported\)/);
  assert.match(html, /<h3 id="history-legacy">Imported history \(predecessor\)<\/h3>/);
  assert.match(html, /mean per call \(imported\)/);
  assert.match(html, /class="line series-\d+ dashed highlight"/, "DataSON's legacy line, dashed");
  // Legacy runs never enter the latest results, the fidelity matrix or the fingerprint.
  assert.doesNotMatch(html, /legacy-competitive<\/|api_response<\/th>/);
  assert.match(html, /Which configuration, which version/);
});

Deno.test("`report` on an empty or missing results folder writes a page that says what to do", async () => {
  await using dir = await tempDir();
  await Deno.mkdir(join(dir.path, "results"));
  const result = await runCliProcess(["report", "--results", "results"], { cwd: dir.path });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /from 0 run\(s\) in results\n$/);
  const html = await Deno.readTextFile(join(dir.path, "site", "index.html"));
  assert.match(html, /<h2 id="empty-title">Nothing here yet<\/h2>/);
  assert.match(html, /<code>datason-bench run<\/code>/);
  assert.match(html, /<code>datason-bench import OLD_RESULTS_DIR<\/code>/);
  assert.doesNotMatch(html, /<svg/);

  // The config's results folder not made yet (a --results folder must exist: results_folder_test).
  const missing = await runCliProcess(["report", "--format", "markdown"], { cwd: dir.path });
  assert.equal(missing.code, 0, missing.stderr);
  assert.match(missing.stderr, /no results folder at data[\\/]results yet/);
  assert.match(missing.stdout, /No runs yet: create results with `datason-bench generate`/);
});

Deno.test("`report` lists every unreadable file on the page and on stderr, and renders the rest", async () => {
  await using dir = await tempDir();
  await writeMixedResults(join(dir.path, "results"));
  const result = await runCliProcess(["report", "--results", "results"], { cwd: dir.path });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /from 2 run\(s\) in results; 5 file\(s\) skipped\n$/);
  const html = await Deno.readTextFile(join(dir.path, "site", "index.html"));
  assert.match(html, /<h2 id="problems-title">5 result files could not be used<\/h2>/);
  for (const file of ["truncated", "empty", "future", "binary"]) {
    assert.match(result.stderr, new RegExp(`warning: skipped results/bad/${file}\\.json`));
    assert.match(html, new RegExp(`<li><code>bad/${file}\\.json</code>`));
  }
  assert.match(result.stderr, /warning: skipped results\/comparisons\/c\.json \(invalid\)/);
  assert.match(
    html,
    /<code>comparisons\/c\.json<\/code> \(invalid\): comparison: id: is required/,
  );
  assert.match(html, /<h2 id="latest-competitive-title">/);
  assert.match(html, /2 runs \(2 measured, 0 imported\)/);
});
