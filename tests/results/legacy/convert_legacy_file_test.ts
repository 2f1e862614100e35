import assert from "node:assert/strict";
import { convertLegacyDocument } from "../../../lib/results/legacy/convert_legacy_file.ts";
import { parseRunRecord } from "../../../lib/results/parse_run_record.ts";
import type { LegacyCell, LegacyRunRecord } from "../../../lib/results/run_record.ts";
import type { Operation } from "../../../lib/_common/vocabulary.ts";
import { assertClose } from "../../helpers/assert_close.ts";
import { readSample, SAMPLE_FILES } from "./legacy_fixtures.ts";

async function convert(name: string): Promise<LegacyRunRecord> {
  const result = convertLegacyDocument(await readSample(name), name);
  if (result.kind !== "record") throw new Error(`${name}: ${result.reason}`);
  return result.record;
}

function cell(
  record: LegacyRunRecord,
  scenario: string,
  target: string,
  operation: Operation,
  options: { suite?: string; environment?: string } = {},
): LegacyCell {
  const found = record.cells.filter((c) =>
    c.scenario === scenario && c.target === target && c.operation === operation &&
    (options.suite === undefined || c.suite === options.suite) &&
    (options.environment === undefined || c.environment === options.environment)
  );
  assert.equal(found.length, 1, `${scenario}/${target}/${operation}: ${found.length} cells`);
  return found[0];
}

Deno.test("every sample file converts into a RunRecord that passes parseRunRecord", async () => {
  for (const name of SAMPLE_FILES) {
    const record = await convert(name);
    assert.equal(record.source, "legacy");
    assert.equal(parseRunRecord(JSON.parse(JSON.stringify(record)), name).runId, record.runId);
    assert.match(record.startedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const c of record.cells) {
      assert.ok(c.suite.startsWith("legacy-"), `${name}: suite ${c.suite}`);
      assert.equal(c.statistic, "mean");
      if (c.status === "ok") assert.ok(c.nsPerCall! > 0);
      else assert.ok(c.nsPerCall === null && c.error!.message.length > 0);
    }
  }
});

Deno.test("schema C: seconds become ns, failures keep their text, versions and git come along", async () => {
  const record = await convert("ci_20250617_112444_15705893992_competitive.json");
  assert.equal(record.legacy.format, "C");
  // metadata.timestamp "2025-06-17T11:24:30.897058+00:00"
  assert.equal(record.startedAt, "2025-06-17T11:24:30.897Z");
  // metadata.python_version "3.11.12 (main, Apr  8 2025, 21:35:04) [GCC 13.3.0]"
  assert.equal(record.legacy.pythonVersion, "3.11.12");
  // competitor_versions {datason: "0.11.0", orjson: "3.10.18", …, pickle: null}
  assert.equal(record.legacy.datasonVersion, "0.11.0");
  assert.equal(record.environments.legacy.libraries.orjson.version, "3.10.18");
  assert.equal(record.environments.legacy.freeze.pickle, undefined);
  assert.deepEqual(record.git, {
    commit: "abe76505fed09631cec217fe435d4eeb1ba3f561",
    branch: "main",
    dirty: null,
  });
  // $.competitive.api_response.serialization.datason.mean = 0.0009328619999962485 s, 10 runs
  const datason = cell(record, "api_response", "datason", "serialize");
  assert.equal(datason.suite, "legacy-competitive");
  assertClose(datason.nsPerCall!, 932861.9999962485, 1e-12);
  assert.equal(datason.samples, 10);
  // $.competitive.api_response.deserialization.datason.mean = 0.04326638460000822 s
  assertClose(
    cell(record, "api_response", "datason", "deserialize").nsPerCall!,
    43266384.60000822,
    1e-12,
  );
  // orjson {error: "All serialization attempts failed", error_count: 10}: failed, never zero
  const orjson = cell(record, "api_response", "orjson", "serialize");
  assert.equal(orjson.status, "error");
  assert.equal(orjson.nsPerCall, null);
  assert.equal(orjson.error!.message, "All serialization attempts failed");
  // output_size.json {size: 2760, size_type: "utf-8 bytes"}; DataSON's are "string chars"
  assert.equal(cell(record, "api_response", "json", "serialize").outputBytes, 2760);
  assert.equal(datason.outputBytes, undefined);
  assert.ok(!record.cells.some((c) => c.scenario === "summary"));
});

Deno.test("schema D: the metadata timestamp wins over the file name's", async () => {
  const record = await convert("ci_20250617_112444_15705893992_quick.json");
  assert.equal(record.legacy.format, "D");
  // metadata.timestamp "2025-06-17T04:33:09.573892+00:00" (the name says 11:24:44)
  assert.equal(record.startedAt, "2025-06-17T04:33:09.573Z");
  assert.equal(record.legacy.datasonVersion, null);
  assert.equal(record.legacy.pythonVersion, "3.12.0");
  // $.competitive.simple_objects.serialization.datason.mean = 1.8624996300786734e-05 s, 5 runs
  const datason = cell(record, "simple_objects", "datason", "serialize");
  assert.equal(datason.suite, "legacy-quick");
  assertClose(datason.nsPerCall!, 18624.996300786734, 1e-12);
  assert.equal(datason.samples, 5);
  // output_size.orjson {size: 197, size_type: "bytes"}
  assert.equal(cell(record, "simple_objects", "orjson", "serialize").outputBytes, 197);
});

Deno.test("schema A: DataSON methods, competitors and the baseline re-measurement", async () => {
  const record = await convert("daily_api_modes_20250828_141943.json");
  assert.equal(record.legacy.format, "A");
  // metadata.timestamp "2025-08-28T14:19:43.244977" (naive → UTC)
  assert.equal(record.startedAt, "2025-08-28T14:19:43.244Z");
  assert.equal(record.legacy.datasonVersion, "0.13.0");
  assert.equal(record.tool.version, "improved_v1");
  // $.datason_api_comparison.results.api_response_processing.serialize.mean = 0.00019232159999944544
  const serialize = cell(record, "api_response_processing", "datason.serialize", "serialize");
  assert.equal(serialize.suite, "legacy-api_modes");
  assertClose(serialize.nsPerCall!, 192321.59999944544, 1e-12);
  assert.equal(serialize.samples, 5);
  assert.equal(serialize.outputBytes, undefined); // its output_size (3) is a key count
  // load_smart reads, dump_secure writes
  assert.equal(
    cell(record, "api_response_processing", "datason.load_smart", "deserialize").status,
    "ok",
  );
  // dump_json {error: "dump_json() missing 1 required positional argument: 'fp'", error_count: 5}
  const dumpJson = cell(record, "api_response_processing", "datason.dump_json", "serialize");
  assert.equal(dumpJson.status, "error");
  assert.equal(dumpJson.error!.message, "dump_json() missing 1 required positional argument: 'fp'");
  // $.competitive_analysis.results.api_response_processing.serialization.orjson.mean
  // = 2.5407999999060847e-06 s; output_size.orjson {size: 863, size_type: "bytes"}
  const orjson = cell(record, "api_response_processing", "orjson", "serialize");
  assertClose(orjson.nsPerCall!, 2540.7999999060847, 1e-12);
  assert.equal(orjson.outputBytes, 863);
  // $.version_evolution.baseline_performance.api_response_processing.serialize.mean
  // = 0.00013803759999575504 s
  const baseline = cell(record, "api_response_processing", "datason", "serialize", {
    suite: "legacy-api_modes-baseline",
  });
  assertClose(baseline.nsPerCall!, 138037.59999575504, 1e-12);
  assert.equal(record.cells.filter((c) => c.status !== "ok").length, 10);
});

Deno.test("schema A (January 2026): renamed methods map to the right operation", async () => {
  const record = await convert("daily_api_modes_20260125_063014.json");
  // $.datason_api_comparison.results.api_response_processing.loads.mean = 0.00040415419999959565
  const loads = cell(record, "api_response_processing", "datason.loads", "deserialize");
  assertClose(loads.nsPerCall!, 404154.19999959565, 1e-12);
  // dumps.mean = 9.938540000007379e-05
  assertClose(
    cell(record, "api_response_processing", "datason.dumps", "serialize").nsPerCall!,
    99385.40000007379,
    1e-12,
  );
  assert.equal(record.cells.filter((c) => c.status !== "ok").length, 0);
});

Deno.test("schema B: the always-failing datason_perfect deserialization becomes failed cells", async () => {
  const record = await convert("enhanced_competitive_1786935916.json");
  assert.equal(record.legacy.format, "B");
  // metadata.timestamp 1786935916.3997495 (epoch float)
  assert.equal(record.startedAt, "2026-08-17T03:05:16.399Z");
  const perfect = record.cells.filter((c) =>
    c.target === "datason_perfect" && c.operation === "deserialize"
  );
  assert.equal(perfect.length, 5); // one per dataset, in every tier
  for (const c of perfect) {
    assert.equal(c.status, "error");
    assert.equal(c.nsPerCall, null);
    assert.equal(c.error!.message, "All deserialization attempts failed");
    assert.equal(c.samples, null); // {error, error_count: 10, success_rate: 0.0}: no timed call
  }
  assert.equal(record.cells.filter((c) => c.status !== "ok").length, 5);
  // its serialization works: json_safe_simple mean 5.909700000188423e-05 s
  assertClose(
    cell(record, "json_safe_simple", "datason", "serialize").nsPerCall!,
    59097.00000188423,
    1e-12,
  );
  assert.equal(cell(record, "json_safe_simple", "orjson", "serialize").outputBytes, 197);
});

Deno.test("schema E: configurations, with successful_runs taken from one level up", async () => {
  const record = await convert("configurations_1786935917.json");
  assert.equal(record.legacy.format, "E");
  // $.configurations.default.datasets.small_objects.results.serialization.mean
  // = 2.8442899997571657e-05 s; results.successful_runs = 10
  const c = cell(record, "small_objects", "datason[default]", "serialize");
  assert.equal(c.suite, "legacy-configurations");
  assertClose(c.nsPerCall!, 28442.899997571657, 1e-12);
  assert.equal(c.samples, 10);
  assert.equal(record.cells.length, 5 * 3 * 2); // the summary is not a configuration
});

Deno.test("schema G: ms-only versions, 'latest' kept, 0.10.0 never installed → unavailable cells", async () => {
  const record = await convert("versioning_1786935922.json");
  assert.equal(record.legacy.format, "G");
  // latest/basic_types/get_strict_config mean_ms 0.11455740000201331, successful_runs 5
  const latest = cell(record, "basic_types", "datason[get_strict_config]", "serialize", {
    environment: "datason-latest",
  });
  assertClose(latest.nsPerCall!, 114557.40000201331, 1e-12);
  assert.equal(latest.samples, 5);
  assert.equal(record.environments["datason-latest"].libraries.datason.version, "latest");
  // 0.9.0/basic_types/default mean_ms 0.03078520000485696
  assertClose(
    cell(record, "basic_types", "datason[default]", "serialize", {
      environment: "datason-0.9.0",
    }).nsPerCall!,
    30785.20000485696,
    1e-12,
  );
  const missing = record.cells.filter((c) => c.environment === "datason-0.10.0");
  assert.equal(missing.length, 5 * 5);
  for (const c of missing) {
    assert.equal(c.status, "unavailable");
    assert.equal(c.nsPerCall, null);
    assert.match(c.error!.message, /pip', 'install', 'datason==0\.10\.0'/);
  }
  assert.equal(record.environments["datason-0.10.0"].libraries.datason.version, null);
});

Deno.test("schema I: ms rounded to 0.001, status failed and all-zero timings are failures", async () => {
  const record = await convert("datason_baseline.json");
  assert.equal(record.legacy.format, "I");
  // metadata.timestamp "2026-08-17T03:05:15.264032+00:00", execution_time 0.7544841766357422
  assert.equal(record.startedAt, "2026-08-17T03:05:15.264Z");
  assert.equal(record.finishedAt, "2026-08-17T03:05:16.018Z");
  assert.equal(record.legacy.pythonVersion, null);
  // basic/web_api_response serialization mean_ms 1.395, iterations 18
  const basic = cell(record, "web_api_response", "datason[basic]", "serialize");
  assertClose(basic.nsPerCall!, 1395000, 1e-12);
  assert.equal(basic.samples, 18);
  // smart deserialization {error_count: 20, status: "failed"}
  const smart = cell(record, "web_api_response", "datason[smart]", "deserialize");
  assert.equal(smart.status, "error");
  assert.equal(smart.error!.message, "failed (20 errors)");
  // ml_optimized deserialization {mean_ms: 0.0, …}: a zero is not a time
  const zero = cell(record, "web_api_response", "datason[ml_optimized]", "deserialize");
  assert.equal(zero.status, "error");
  assert.equal(zero.nsPerCall, null);
});

Deno.test("conversion is idempotent and ignores key order and formatting", async () => {
  for (const name of SAMPLE_FILES) {
    const first = await convert(name);
    const second = await convert(name);
    assert.equal(first.runId, second.runId);
  }
  const doc = await readSample("configurations_1786935917.json") as Record<string, unknown>;
  const reversed = Object.fromEntries(Object.entries(doc).reverse());
  const a = convertLegacyDocument(doc, "x.json");
  const b = convertLegacyDocument(reversed, "x.json");
  assert.ok(a.kind === "record" && b.kind === "record");
  assert.equal(a.record.runId, b.record.runId);
});

Deno.test("the file name is the timestamp of last resort; without any, the file is unrecognised", async () => {
  const doc = await readSample("ci_20250617_112444_15705893992_quick.json") as {
    metadata: Record<string, unknown>;
  };
  delete doc.metadata.timestamp;
  const named = convertLegacyDocument(doc, "ci_20250617_112444_15705893992_quick.json");
  assert.ok(named.kind === "record");
  assert.equal(named.record.startedAt, "2025-06-17T11:24:44.000Z");
  const unnamed = convertLegacyDocument(doc, "quick.json");
  assert.equal(unnamed.kind, "unrecognised");
  assert.match((unnamed as { reason: string }).reason, /timestamp/);
});

Deno.test("unknown documents are unrecognised with the reason", () => {
  const cases: [unknown, RegExp][] = [
    [[1, 2], /an array/],
    [{ suite_type: "phase4_report", summary: {} }, /no known predecessor schema.*phase4_report/],
    [{ schema: "datason-bench/run@2" }, /newer datason-bench/],
    [{ schema: "datason-bench/run@1" }, /already a datason-bench RunRecord/],
    [{ competitive: { tiers: {} } }, /holds no timing blocks/],
  ];
  for (const [doc, reason] of cases) {
    const result = convertLegacyDocument(doc, "x_20250101_000000.json");
    assert.equal(result.kind, "unrecognised");
    assert.match((result as { reason: string }).reason, reason);
  }
});
