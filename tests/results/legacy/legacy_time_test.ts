import assert from "node:assert/strict";
import {
  parseLegacyTimestamp,
  timestampFromFileName,
} from "../../../lib/results/legacy/legacy_time.ts";

Deno.test("parseLegacyTimestamp() reads the predecessor's three forms as UTC with Z", () => {
  // Naive ISO (schema A `metadata.timestamp`): taken as UTC.
  assert.equal(parseLegacyTimestamp("2025-08-28T14:19:43.244977"), "2025-08-28T14:19:43.244Z");
  // ISO with an offset (schema C).
  assert.equal(
    parseLegacyTimestamp("2025-06-17T11:24:30.897058+00:00"),
    "2025-06-17T11:24:30.897Z",
  );
  assert.equal(parseLegacyTimestamp("2025-06-17T13:24:30+02:00"), "2025-06-17T11:24:30.000Z");
  // Epoch float (schema B `metadata.timestamp` 1786935916.3997495).
  assert.equal(parseLegacyTimestamp(1786935916.3997495), "2026-08-17T03:05:16.399Z");
  assert.equal(parseLegacyTimestamp("1786935916"), "2026-08-17T03:05:16.000Z");
});

Deno.test("parseLegacyTimestamp() rejects what is not a timestamp", () => {
  for (
    const value of [
      null,
      "",
      "yesterday",
      "2025-02-31T00:00:00",
      12,
      9.9e12,
      {},
      "2025-13-01T00:00:00",
    ]
  ) {
    assert.equal(parseLegacyTimestamp(value), null, JSON.stringify(value));
  }
});

Deno.test("timestampFromFileName() reads YYYYMMDD_HHMMSS first, else a 10-digit epoch", () => {
  assert.equal(
    timestampFromFileName("daily_api_modes_20250828_141943.json"),
    "2025-08-28T14:19:43.000Z",
  );
  // The 11-digit CI run id is not an epoch; the date stamp wins.
  assert.equal(
    timestampFromFileName("ci_20250617_112444_15705893992_quick.json"),
    "2025-06-17T11:24:44.000Z",
  );
  assert.equal(timestampFromFileName("versioning_1786935922.json"), "2026-08-17T03:05:22.000Z");
  assert.equal(timestampFromFileName("results/latest_competitive.json"), null);
  assert.equal(timestampFromFileName("run_15705893992.json"), null);
});
