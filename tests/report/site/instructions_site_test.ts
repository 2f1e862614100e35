import assert from "node:assert/strict";
import defaults from "../../../lib/config/defaults.json" with { type: "json" };
import { buildHistoryModel } from "../../../lib/report/site/build_history_model.ts";
import { buildLatestRunModel } from "../../../lib/report/site/build_latest_run_model.ts";
import { buildOverviewModel } from "../../../lib/report/site/build_overview_model.ts";
import { buildReportModel } from "../../../lib/report/site/build_report_model.ts";
import { buildVersionsModel } from "../../../lib/report/site/build_versions_model.ts";
import { renderReportHtml } from "../../../lib/report/site/render_report.ts";
import { reportTrends } from "../../../lib/report/site/report_trends.ts";
import type { MeasuredRunRecord } from "../../../lib/results/run_record.ts";
import { countedRecord } from "../../trends/counted_fixtures.ts";
import { weekly } from "../../trends/trend_fixtures.ts";

const START = "2026-03-02T02:00:00.000Z";

/** 8 weekly runs: datason counted (1.2 M → 1.236 M instructions at week 4), orjson timed only. */
function history(target = "orjson"): MeasuredRunRecord[] {
  return Array.from({ length: 8 }, (_, week) => {
    const count = week < 4 ? 1.2e6 : 1.236e6;
    return countedRecord({
      startedAt: weekly(START, week),
      valgrind: "3.19.0",
      cells: [
        { target: "datason", ns: 4000, instructions: [count, count, count] },
        { target: "datason", operation: "deserialize", ns: 3000 },
        { target, ns: 500 },
        { target, operation: "deserialize", ns: 400 },
      ],
    });
  });
}

Deno.test("the latest-run table shows instructions per record beside time, — where not counted", () => {
  const record = history().at(-1)!;
  const [scenario] = buildLatestRunModel(record, "competitive").scenarios;
  assert.equal(scenario.hasInstructions, true);
  const row = (target: string) => scenario.rows.find((r) => r.target === target)!;
  assert.deepEqual(row("datason").instructions, { serialize: "1.24 M", deserialize: "—" });
  assert.deepEqual(row("orjson").instructions, { serialize: "—", deserialize: "—" });
  const datason = row("datason").serialize;
  assert.ok(datason.ok && datason.time === "4.00 µs", "time unchanged beside it");
  // A run without counts has no instruction column.
  const timeOnly = countedRecord({
    startedAt: START,
    cells: [{ target: "datason", ns: 4000 }, { target: "orjson", ns: 500 }],
  });
  assert.equal(buildLatestRunModel(timeOnly, "competitive").scenarios[0].hasInstructions, false);
});

Deno.test("the overview and the versions table show instructions per record beside time", () => {
  const trends = reportTrends(history(), defaults.trends, 1);
  const overview = buildOverviewModel(history().at(-1)!, "competitive", trends.window, "")!;
  assert.equal(overview.hasInstructions, true);
  assert.equal(overview.rows[0].serialize, "4.00 µs");
  assert.equal(overview.rows[0].serializeInstructions, "1.24 M");
  assert.equal(overview.rows[0].deserializeInstructions, "—");

  const versions = countedRecord({
    startedAt: START,
    valgrind: "3.19.0",
    cells: [{
      suite: "versions",
      target: "datason",
      ns: 4000,
      instructions: [2.5e6, 2.5e6, 2.5e6],
    }],
  });
  const [scenario] = buildVersionsModel(versions);
  assert.equal(scenario.hasInstructions, true);
  assert.equal(scenario.rows[0].serialize, "4.00 µs");
  assert.equal(scenario.rows[0].serializeInstructions, "2.50 M");
  assert.equal(scenario.rows[0].deserializeInstructions, "—");
});

Deno.test("instruction history is charted apart from time, on its own axis", () => {
  const trends = reportTrends(history(), defaults.trends, 1);
  const model = buildHistoryModel(trends.history, trends.window, ["competitive"])!;
  assert.deepEqual(model.charts.map((c) => c.title), [
    "api_fast · serialize",
    "api_fast · deserialize",
  ]);
  for (const chart of model.charts) {
    assert.ok(chart.rows.every((r) => !r.name.includes("instructions")), "no count in time charts");
  }
  assert.equal(model.instructionCharts.length, 1);
  const [chart] = model.instructionCharts;
  assert.equal(chart.title, "api_fast · serialize · instructions");
  assert.deepEqual(chart.rows.map((r) => r.name), [
    "datason · api_fast · serialize · instructions/record",
  ]);
  assert.equal(chart.rows[0].first, "1.20 M (2026-03-02)");
  assert.equal(chart.rows[0].latest, "1.24 M (2026-04-20)");
  // (1.236 − 1.2) / 1.2 = +3.00%.
  assert.match(chart.rows[0].changePoints, /^2026-03-30 \+3\.00% \(no recorded cause\)$/);
  assert.doesNotMatch(chart.chart.svg, /\d (µs|ns|ms)</, "an axis of counts, not of time");
  assert.match(chart.chart.svg, /1\.2\d* M</);
  assert.match(model.instructionNote, /Valgrind/);
  // The finding says which measure it is about.
  const finding = model.regressions.find((f) => f.series.includes("instructions/record"))!;
  assert.equal(finding.measure, "instructions per record (median of layouts)");
  assert.equal(finding.values, "1.20 M → 1.24 M");
});

Deno.test("the page escapes target names in the instruction columns and charts", () => {
  const records = history("<img src=x onerror=alert(1)>\u001b[2J\u202e").map((r) => ({
    ...r,
    cells: r.cells.map((c) =>
      c.target === "datason" ? c : {
        ...c,
        instructionsPerRecord: [9e5],
        instructions: {
          status: "ok" as const,
          layouts: [0],
          events: [{ Ir: 9e7 }],
          records: 100,
          passes: 1,
        },
      }
    ),
  }));
  const html = renderReportHtml(buildReportModel({
    listing: {
      dir: "/results",
      records: records.map((record, i) => ({ path: `/results/${i}.json`, record })),
      problems: [],
      others: [],
    },
    trends: reportTrends(records, defaults.trends, 1),
    comparison: null,
    title: "Test",
  }));
  assert.match(html, /Instructions<\/abbr>/);
  assert.match(html, /1\.24 M/);
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(html, /[\u001b\u202e]/);
});
