import assert from "node:assert/strict";
import defaults from "../../../lib/config/defaults.json" with { type: "json" };
import { buildHistoryModel, versionMarkers } from "../../../lib/report/site/build_history_model.ts";
import { reportTrends } from "../../../lib/report/site/report_trends.ts";
import type { RunRecord } from "../../../lib/results/run_record.ts";
import { legacyRecord, measuredRecord, weekly } from "../../trends/trend_fixtures.ts";

/** 12 weekly measured runs (DataSON 0.12.0 → 0.13.0 at week 6, 20% faster) and 3 legacy runs. */
function history(): RunRecord[] {
  const records: RunRecord[] = [];
  for (let week = 0; week < 12; week++) {
    const newer = week >= 6;
    records.push(measuredRecord({
      startedAt: weekly("2026-01-05T02:00:00.000Z", week),
      datason: newer ? "0.13.0" : "0.12.0",
      cells: [
        { scenario: "api_fast", target: "datason", value: (newer ? 4000 : 5000) + week },
        { scenario: "api_fast", target: "orjson", value: 500 + week },
        { scenario: "api_fast", target: "noop", value: 40 },
        { scenario: "api_fast", target: "datason-str", value: 6000 },
        { scenario: "api_fast", target: "msgpack", value: null },
      ],
    }));
  }
  for (let i = 0; i < 3; i++) {
    records.push(legacyRecord({
      startedAt: weekly("2025-06-02T02:00:00.000Z", i),
      datason: i < 2 ? "0.11.0" : "0.11.1",
      cells: [
        { scenario: "api_response_processing", target: "datason", value: 90_000 + i },
        { scenario: "api_response_processing", target: "orjson", value: 9_000 },
        { scenario: "api_response_processing", target: "datason.dump_secure", value: 9_000 },
      ],
    }));
  }
  return records;
}

Deno.test("buildHistoryModel() charts DataSON and the competitors, legacy series apart and dashed", () => {
  const records = history();
  const trends = reportTrends(records, defaults.trends, 7);
  const model = buildHistoryModel(trends.history, trends.window, ["competitive"])!;
  assert.equal(model.charts.length, 1, "one chart: api_fast · serialize");
  const chart = model.charts[0];
  assert.equal(chart.title, "api_fast · serialize");
  assert.deepEqual(chart.rows.map((r) => r.name), [
    "datason · api_fast · serialize",
    "orjson · api_fast · serialize",
  ], "noop, datason-str and the never-working msgpack are not drawn");
  assert.doesNotMatch(chart.chart.svg, /class="line[^"]*dashed/);
  assert.match(chart.chart.svg, /class="line series-0 highlight"/);
  assert.match(
    chart.chart.svg,
    /class="marker marker-version"[^>]*><title>DataSON 0\.12\.0 → 0\.13\.0/,
  );
  // Segment medians 5002.5 (weeks 0–5) and 4008.5 (weeks 6–11): 4008.5 / 5002.5 − 1 = −19.9%.
  assert.match(chart.rows[0].changePoints, /^2026-02-16 −19\.9% \(DataSON 0\.12\.0 → 0\.13\.0\)$/);

  assert.equal(model.legacyCharts.length, 1);
  const legacy = model.legacyCharts[0];
  assert.equal(legacy.title, "api_response_processing · serialize (imported: legacy-api_modes)");
  assert.match(legacy.caption, /^mean per call \(imported\)/);
  assert.equal((legacy.chart.svg.match(/<path class="line series-\d+ dashed/g) ?? []).length, 2);
  assert.match(legacy.chart.svg, /mean time per call as the predecessor stored it/);
  assert.ok(legacy.rows.every((r) => r.legacy));
  assert.match(model.span, /15 runs \(12 measured, 3 imported\)/);
});

Deno.test("versionMarkers() marks each DataSON version change of one source", () => {
  const trends = reportTrends(history(), defaults.trends, 7);
  const measured = versionMarkers(trends.history.runs, "measured", "default");
  assert.deepEqual(measured.map((m) => [new Date(m.t).toISOString().slice(0, 10), m.short]), [
    ["2026-02-16", "0.13.0"],
  ]);
  const legacy = versionMarkers(trends.history.runs, "legacy", "legacy");
  assert.deepEqual(legacy.map((m) => m.label), ["DataSON 0.11.0 → 0.11.1 (2025-06-16)"]);
});

Deno.test("versionMarkers() only compares the runs of one chart when given their ids", () => {
  const records = history();
  const trends = reportTrends(records, defaults.trends, 7);
  const lastLegacy = new Set([records[records.length - 1].runId]);
  assert.deepEqual(versionMarkers(trends.history.runs, "legacy", "legacy", lastLegacy), []);
});
