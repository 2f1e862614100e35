import assert from "node:assert/strict";
import defaults from "../../lib/config/defaults.json" with { type: "json" };
import { buildReportModel } from "../../lib/report/site/build_report_model.ts";
import { renderReportHtml } from "../../lib/report/site/render_report.ts";
import { reportTrends } from "../../lib/report/site/report_trends.ts";
import { fiveYearHistory } from "../../scripts/synthetic_history.ts";

/** The size limit of the issue: five years of weekly history under 2 MB. */
const LIMIT_BYTES = 2 * 1024 * 1024;

Deno.test("the site stays under 2 MB with five years of weekly runs of the three suites", () => {
  const records = [...fiveYearHistory({ weeks: 260, processes: 8, values: 3 })];
  assert.equal(records.length, 260);
  assert.equal(
    records[0].cells.length,
    360,
    "100 competitive cells per tier (typed, JSON) + 120 configuration + 40 version cells",
  );
  const trends = reportTrends(records, defaults.trends, defaults.seed);
  const model = buildReportModel({
    listing: {
      dir: "/results",
      records: records.map((record) => ({ path: `/results/${record.runId}.json`, record })),
      problems: [],
      others: [],
    },
    trends,
    comparison: null,
    title: "DataSON performance",
  });
  const bytes = new TextEncoder().encode(renderReportHtml(model)).length;
  console.log(`five-year site: ${(bytes / 1024).toFixed(1)} KiB`);
  assert.ok(bytes < LIMIT_BYTES, `${bytes} bytes`);

  const history = model.history!;
  assert.equal(history.charts.length, 20, "5 scenarios × 2 tiers × 2 operations");
  assert.match(history.span, /^2021-11-29 → 2026-11-16 · 260 runs/);
  // Old points are drawn as weekly, then monthly medians: far fewer than 260 per line.
  const datasonLine = /<path class="line series-0 highlight" d="([^"]+)"/.exec(
    history.charts[0].chart.svg,
  )!;
  const points = datasonLine[1].split(/[ML]/).length - 1;
  assert.ok(points > 100 && points < 160, `${points} points`);
  // Every DataSON version change is marked on the charts.
  for (const version of ["0.10.0", "0.11.2", "0.12.0", "0.13.0", "0.13.1"]) {
    assert.match(
      history.charts[0].chart.svg,
      new RegExp(`>${version.replaceAll(".", "\\.")}</text>`),
    );
  }
  assert.ok(history.regressions.length > 0, "0.13.1 shows up in the findings of the window");
  assert.match(history.regressions[0].cause, /DataSON 0\.13\.0 → 0\.13\.1/);
});
