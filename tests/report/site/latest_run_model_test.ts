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
  // DataSON is lossy, json and orjson exact: both round-trip, so the ratios stand with both
  // fidelities next to them.
  assert.equal(json.ratioNote, "exact vs lossy");
  assert.equal(
    scenario.headline,
    "datason (lossy) — Serializes in 4.00 µs per record: 4.00× slower than json (lossy vs " +
      "exact); 8.00× slower than orjson (lossy vs exact), the fastest competitor with fidelity at " +
      "least DataSON's (lossy). Deserializes in 2.00 µs per record: 2.00× slower than json (lossy " +
      "vs exact); 8.00× slower than orjson (lossy vs exact), the fastest competitor with fidelity " +
      "at least DataSON's (lossy).",
  );
});

/**
 * large_data as DataSON 0.13 measures it: DataSON replaces the large arrays with a marker string
 * (mismatch) and so looks faster than pickle, which round-trips exactly.
 */
function largeData(): MeasuredRunRecord {
  return makeRunRecord({
    rounds: 8,
    sigma: 0,
    withinSigma: 0,
    cells: [
      { target: "datason", scenario: "large_data", baseNs: 1000, fidelity: "mismatch" },
      {
        target: "datason",
        scenario: "large_data",
        baseNs: 500,
        operation: "deserialize",
        fidelity: "mismatch",
      },
      { target: "pickle", scenario: "large_data", baseNs: 6820 },
      { target: "pickle", scenario: "large_data", baseNs: 3000, operation: "deserialize" },
      { target: "json", scenario: "large_data", baseNs: 90_000, fidelity: "lossy" },
      {
        target: "json",
        scenario: "large_data",
        baseNs: 60_000,
        operation: "deserialize",
        fidelity: "lossy",
      },
    ],
  });
}

Deno.test("a DataSON cell that does not round-trip is never presented as faster", () => {
  const model = buildLatestRunModel(largeData(), "competitive");
  const [scenario] = model.scenarios;
  assert.equal(
    scenario.headline,
    "datason (mismatch) — Serializes in 1.00 µs per record: no ratio to json: mismatch vs lossy; " +
      "pickle (exact) is the fastest competitor with fidelity at least DataSON's (mismatch); no " +
      "ratio: DataSON's output does not round-trip (mismatch vs exact). Deserializes in 500 ns " +
      "per record: no ratio to json: mismatch vs lossy; pickle (exact) is the fastest competitor " +
      "with fidelity at least DataSON's (mismatch); no ratio: DataSON's output does not " +
      "round-trip (mismatch vs exact).",
  );
  assert.doesNotMatch(scenario.headline!, /faster/);
  const pickle = scenario.rows.find((r) => r.target === "pickle")!.serialize;
  assert.ok(pickle.ok);
  assert.equal(pickle.ratio, "—");
  assert.equal(pickle.ratioNote, "not compared: exact vs mismatch");
  const html = renderReportHtml(buildReportModel({
    listing: {
      dir: "/results",
      records: [{ path: "/results/a.json", record: largeData() }],
      problems: [],
      others: [],
    },
    trends: reportTrends([largeData()], defaults.trends, 1),
    comparison: null,
    title: "Test",
  }));
  assert.doesNotMatch(html, /\d×? faster than pickle/);
  assert.doesNotMatch(html, /6\.82×/);
});

Deno.test("the competitive suite gets a table per scenario and tier, with each target's call", () => {
  const adapters = {
    datason: {
      typed: "json.dumps(datason.serialize(x)) / datason.deserialize(json.loads(s))",
      json: "json.dumps(datason.serialize(x)) / datason.deserialize(json.loads(s))",
    },
    orjson: {
      typed: "orjson.dumps(x, default=encode, option=OPT_SERIALIZE_NUMPY) / orjson.loads(b)",
      json: "orjson.dumps(x) / orjson.loads(b)",
      docs: "https://github.com/ijl/orjson#serialize",
    },
  };
  const cells = (tier: "typed" | "json") =>
    (["serialize", "deserialize"] as const).flatMap((operation) => [
      { target: "datason", scenario: "edge_cases", tier, operation, baseNs: 3000 },
      tier === "json"
        ? {
          target: "orjson",
          scenario: "edge_cases",
          tier,
          operation,
          status: "unsupported" as const,
        }
        : { target: "orjson", scenario: "edge_cases", tier, operation, baseNs: 1000 },
    ]);
  const record = makeRunRecord({
    rounds: 8,
    sigma: 0,
    cells: [...cells("typed"), ...cells("json")],
    environments: { default: { adapters } },
  });
  const model = buildLatestRunModel(record, "competitive");
  assert.deepEqual(
    model.scenarios.map((s) => [s.title, s.anchor]),
    [
      ["edge_cases · typed tier", "latest-competitive-edge_cases"],
      ["edge_cases · JSON tier", "latest-competitive-edge_cases-json"],
    ],
  );
  const [typed, json] = model.scenarios;
  const orjson = (s: typeof typed) => s.rows.find((r) => r.target === "orjson")!;
  assert.equal(orjson(typed).call, adapters.orjson.typed);
  assert.equal(orjson(typed).docs, adapters.orjson.docs);
  assert.equal(orjson(json).call, "orjson.dumps(x) / orjson.loads(b)");
  assert.equal(orjson(json).docs, "", "the JSON tier calls the plain API: no adapter to document");
  const failed = orjson(json).serialize;
  assert.ok(!failed.ok && failed.exception !== null);
  assert.match(failed.exception!.docs, /orjson#int/);
  assert.deepEqual(json.exceptions.map((e) => e.target), ["orjson"]);
  assert.deepEqual(typed.exceptions.map((e) => e.target), ["orjson"]);
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
