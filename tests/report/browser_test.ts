/**
 * The site in a real browser: headless Chromium renders `index.html` from `file://`; the rendered
 * DOM must hold the charts (`svg[role=img]`) and the tables with captions, and screenshots in light
 * and dark mode are saved for a person to look at (their paths are printed).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import defaults from "../../lib/config/defaults.json" with { type: "json" };
import { createRng } from "../../lib/_common/prng.ts";
import { compareRuns } from "../../lib/regression/compare_runs.ts";
import { buildReportModel } from "../../lib/report/site/build_report_model.ts";
import { renderReportHtml } from "../../lib/report/site/render_report.ts";
import { reportTrends } from "../../lib/report/site/report_trends.ts";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { dumpDom, screenshot } from "../helpers/chromium.ts";
import { syntheticRun, weekStart } from "../../scripts/synthetic_history.ts";

Deno.test({
  name: "the site renders in headless Chromium with its charts and captioned tables",
  async fn() {
    const rng = createRng(4, "browser");
    const records: MeasuredRunRecord[] = [];
    for (let week = 234; week < 260; week++) {
      records.push(syntheticRun({
        startedAt: weekStart(week),
        rng,
        processes: 8,
        values: 3,
        datason: week < 253
          ? { version: "0.13.0", factor: 1 }
          : { version: "0.13.1", factor: 1.12 },
        unavailableEnvironments: ["datason-2"],
      }));
    }
    const [baseline, current] = records.slice(-2);
    const comparison = {
      path: "/results/comparisons/c.json",
      result: compareRuns(baseline, current),
    };
    const model = buildReportModel({
      listing: {
        dir: "/results",
        records: records.map((record) => ({ path: `/results/${record.runId}.json`, record })),
        problems: [{
          path: "/results/bad/truncated.json",
          kind: "invalid",
          reason: "unexpected end of JSON",
        }],
        others: [],
      },
      trends: reportTrends(records, defaults.trends, defaults.seed),
      comparison,
      title: "DataSON performance",
    });
    const dir = await Deno.makeTempDir({ prefix: "datason-bench-site-" });
    const page = join(dir, "index.html");
    await Deno.writeTextFile(page, renderReportHtml(model));

    const dom = await dumpDom(page);
    const charts = dom.match(/<svg[^>]*\brole="img"/g) ?? [];
    assert.equal(
      charts.length,
      5 * 2 + 10 * 2,
      "a bar chart per scenario and tier and a history chart per series (both tiers)",
    );
    const captions = dom.match(/<table[^>]*>\s*<caption>/g) ?? [];
    assert.ok(captions.length >= 5 + 1 + 5 + 5 + 10, `${captions.length} captioned tables`);
    assert.match(dom, /<h2 id="problems-title">1 result file could not be used<\/h2>/);
    assert.match(dom, /<h2 id="comparison-title">Last stored comparison<\/h2>/);
    assert.match(dom, /<th scope="col">Target<\/th>/);

    const shots = join(Deno.env.get("TMPDIR") ?? "/tmp", "datason-bench-report-screenshots");
    await Deno.mkdir(shots, { recursive: true });
    for (const dark of [false, true]) {
      const png = await screenshot(page, join(shots, `site-${dark ? "dark" : "light"}.png`), {
        width: 1280,
        height: 2400,
        dark,
      });
      assert.ok((await Deno.stat(png)).size > 50_000, "a screenshot with content");
      console.log(`screenshot: ${png}`);
    }
    await Deno.remove(dir, { recursive: true });
  },
});
