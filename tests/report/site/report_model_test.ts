import assert from "node:assert/strict";
import defaults from "../../../lib/config/defaults.json" with { type: "json" };
import { buildReportModel } from "../../../lib/report/site/build_report_model.ts";
import { reportTrends } from "../../../lib/report/site/report_trends.ts";
import type { RunRecord } from "../../../lib/results/run_record.ts";
import { legacyRecord, weekly } from "../../trends/trend_fixtures.ts";
import { fixtureRunRecord } from "../../helpers/run_record_fixture.ts";

function model(records: RunRecord[], now?: Date) {
  return buildReportModel({
    listing: {
      dir: "/data/results",
      records: records.map((record, i) => ({ path: `/data/results/${i}.json`, record })),
      problems: [{ path: "/data/results/2026-01-01/bad.json", kind: "invalid", reason: "no" }],
      others: [],
    },
    trends: reportTrends(records, defaults.trends, 1),
    comparison: null,
    title: "T",
    now,
  });
}

Deno.test("buildReportModel() with imported runs only shows their history and says why the rest is missing", () => {
  const records = [0, 1, 2].map((i) =>
    legacyRecord({
      startedAt: weekly("2025-06-02T02:00:00.000Z", i),
      datason: "0.11.0",
      cells: [{ scenario: "api_response_processing", target: "datason", value: 9000 + i }],
    })
  );
  const m = model(records);
  assert.deepEqual(m.latest, []);
  assert.equal(m.fidelity, null);
  assert.equal(m.choices, null);
  assert.equal(m.fingerprint, null);
  assert.equal(m.history!.charts.length, 0);
  assert.equal(m.history!.legacyCharts.length, 1);
  assert.match(m.notices[0], /No run measured by datason-bench yet/);
  assert.deepEqual(
    m.problems.map((p) => p.path),
    ["2026-01-01/bad.json"],
    "relative to the folder",
  );
  assert.deepEqual(m.nav.map((n) => n.id), ["problems", "history"]);
});

Deno.test("buildReportModel() warns when the newest run is older than a week and a day", () => {
  const record = fixtureRunRecord({ startedAt: "2026-11-23T02:00:00.000Z" });
  assert.deepEqual(model([record], new Date("2026-11-30T12:00:00Z")).notices, []);
  const stale = model([record], new Date("2026-12-12T12:00:00Z"));
  assert.match(stale.notices[0], /^The newest run is 19 days old \(2026-11-23\)/);
  assert.equal(stale.generated, "2026-12-12 12:00 UTC");
  assert.equal(model([]).empty?.steps[2].command, "datason-bench run");
});
