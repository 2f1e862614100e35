import assert from "node:assert/strict";
import { formatNs, formatRatio, formatThroughput } from "../../../lib/_common/format.ts";
import { compareVersions } from "../../../lib/report/site/compare_versions.ts";

Deno.test("formatNs() moves to the next unit when rounding reaches 1000", () => {
  assert.equal(formatNs(999.4), "999 ns");
  assert.equal(formatNs(999.96), "1.00 µs");
  assert.equal(formatNs(999_960), "1.00 ms");
  assert.equal(formatNs(12_345_678_900_000), "12,346 s");
});

Deno.test("formatRatio() and formatThroughput() keep three significant digits", () => {
  assert.equal(formatRatio(0.2356), "0.236×");
  assert.equal(formatRatio(4.2345), "4.23×");
  assert.equal(formatRatio(999.7), "1,000×");
  assert.equal(formatRatio(null), "—");
  assert.equal(formatRatio(0), "—");
  assert.equal(formatThroughput(2.5e8), "250 MB/s");
  assert.equal(formatThroughput(999_999), "1.00 MB/s");
  assert.equal(formatThroughput(812), "812 B/s");
  assert.equal(formatThroughput(null), "—");
});

Deno.test("compareVersions() orders releases numerically and pre-releases first", () => {
  const sorted = ["2.0.0", "0.10.0", "2.0.0a1", "0.9.0", "0.13.1", null, "0.13.0"].sort(
    compareVersions,
  );
  assert.deepEqual(sorted, ["0.9.0", "0.10.0", "0.13.0", "0.13.1", "2.0.0a1", "2.0.0", null]);
});
