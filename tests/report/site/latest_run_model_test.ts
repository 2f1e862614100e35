import assert from "node:assert/strict";
import { buildLatestRunModel } from "../../../lib/report/site/build_latest_run_model.ts";
import { buildReportModel } from "../../../lib/report/site/build_report_model.ts";
import { renderReportHtml } from "../../../lib/report/site/render_report.ts";
import { reportTrends } from "../../../lib/report/site/report_trends.ts";
import type { MeasuredRunRecord } from "../../../lib/results/run_record.ts";
import defaults from "../../../lib/config/defaults.json" with { type: "json" };
import { makeRunRecord } from "../../helpers/make_run_record.ts";

/** api_fast with exact values (σ = 0): datason 4 µs, json 1 µs, orjson 0.5 µs, msgpack fails. */
function run(): MeasuredRunRecord {
  return makeRunRecord({
    rounds: 8,
    sigma: 0,
    withinSigma: 0,
    cells: [
      { target: "datason", baseNs: 4000, fidelity: "lossy" },
      { target: "datason", baseNs: 2000, operation: "deserialize", fidelity: "lossy" },
      { target: "json", baseNs: 1000, outputBytes: 40_000 },
      { target: "json", baseNs: 1000, operation: "deserialize" },
      { target: "orjson", baseNs: 500 },
      { target: "orjson", baseNs: 250, operation: "deserialize" },
      { target: "msgpack", status: "unsupported" },
      { target: "msgpack", status: "unsupported", operation: "deserialize" },
      { target: "noop", baseNs: 40, outputBytes: null },
      { target: "noop", baseNs: 40, operation: "deserialize", outputBytes: null },
    ],
  });
}

Deno.test("buildLatestRunModel() gives ratios to DataSON, throughput of wire bytes and CIs", () => {
  const model = buildLatestRunModel(run(), "competitive");
  assert.equal(model.reference, "datason");
  const [scenario] = model.scenarios;
  assert.equal(scenario.records, "200 of 200 records per value (dataset 97.7 KiB)");
  const row = (target: string) => scenario.rows.find((r) => r.target === target)!;
  const datason = row("datason").serialize;
  const json = row("json").serialize;
  assert.ok(datason.ok && json.ok);
  assert.equal(datason.ratio, "1.00×");
  assert.equal(json.ratio, "0.250×");
  // 40,000 bytes over 200 records = 200 B per record, in 1 µs: 200 MB/s.
  assert.equal(json.throughput, "200 MB/s");
  assert.equal(datason.time, "4.00 µs");
  assert.equal(datason.ci, "4.00 µs – 4.00 µs");
  assert.ok(row("json").deserialize.ok);
  const orjson = row("orjson").deserialize;
  assert.equal(orjson.ok && orjson.ratio, "0.125×");
  assert.equal(row("datason").fidelity.verdict, "lossy");
  assert.equal(
    scenario.headline,
    "datason — Serializes in 4.00 µs per record: 4.00× slower than json, 8.00× slower than " +
      "orjson (the fastest competitor). Deserializes in 2.00 µs per record: 2.00× slower than " +
      "json, 8.00× slower than orjson (the fastest competitor).",
  );
});

Deno.test("buildLatestRunModel() shows a failed cell's status and error, never a number", () => {
  const model = buildLatestRunModel(run(), "competitive");
  const msgpack = model.scenarios[0].rows.find((r) => r.target === "msgpack")!;
  for (const op of [msgpack.serialize, msgpack.deserialize]) {
    assert.equal(op.ok, false);
    if (!op.ok) {
      assert.equal(op.status, "unsupported");
      assert.equal(op.error, "RuntimeError: fixture unsupported");
    }
  }
  assert.equal(msgpack.outputBytes, "—");
  assert.equal(msgpack.fidelity.verdict, "unsupported");
  const svg = model.scenarios[0].chart.svg;
  assert.match(svg, />unsupported \(serialize and deserialize\)</);
  assert.doesNotMatch(svg, /<title>msgpack /, "no bar for the failed target");
  assert.doesNotMatch(svg, />noop</, "the loop-overhead target is not charted");
  const noop = model.scenarios[0].rows.find((r) => r.target === "noop")!;
  assert.ok(noop.serialize.ok && noop.serialize.ratio === "—");
  assert.equal(noop.fidelity.verdict, "n/a");
});

Deno.test("the rendered page never shows a number in a failed target's row", () => {
  const record = run();
  const listing = {
    dir: "/results",
    records: [{ path: "/results/a.json", record }],
    problems: [],
    others: [],
  };
  const html = renderReportHtml(buildReportModel({
    listing,
    trends: reportTrends([record], defaults.trends, 1),
    comparison: null,
    title: "Test",
  }));
  const rows = html.split("<tr").filter((r) => r.includes(">msgpack <span"));
  assert.equal(rows.length, 1);
  assert.match(rows[0], /unsupported/);
  assert.match(rows[0], /RuntimeError: fixture unsupported/);
  assert.doesNotMatch(rows[0], /\d\s*(ns|µs|ms|B|KiB|MB\/s|×)</);
});

Deno.test("buildLatestRunModel() notes runs without CIs and runs that stopped early", () => {
  const record = { ...makeRunRecord({ rounds: 3, sigma: 0.01, cells: [{ target: "datason" }] }) };
  record.complete = false;
  const model = buildLatestRunModel(record, "competitive");
  assert.ok(model.notes.some((n) => /3 processes per cell/.test(n)));
  assert.ok(model.notes.some((n) => /stopped early/.test(n)));
  assert.ok(model.notes.some((n) => /pr profile/.test(n)));
  const op = model.scenarios[0].rows[0].serialize;
  assert.ok(op.ok && op.ci === "no CI (n = 3)");
});
