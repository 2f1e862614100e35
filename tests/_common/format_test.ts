import assert from "node:assert/strict";
import {
  formatBytesSi,
  formatChange,
  formatDuration,
  formatPercent,
  formatPerRecord,
  formatPerRecordChange,
  formatPValue,
} from "../../lib/_common/format.ts";

Deno.test("formatPValue() keeps two significant digits, 1.0 from 0.995, scientific below 0.001", () => {
  assert.equal(formatPValue(0), "0");
  assert.equal(formatPValue(0.5), "0.5");
  assert.equal(formatPValue(0.0123), "0.012");
  assert.equal(formatPValue(0.001), "0.001");
  assert.equal(formatPValue(0.996), "1.0");
  assert.equal(formatPValue(1), "1.0");
  assert.equal(formatPValue(0.000321), "3.2e-4");
  assert.equal(formatPValue(null), "—");
  assert.equal(formatPValue(Number.NaN), "—");
});

Deno.test("formatChange() signs with a typographic minus; formatPercent() has no sign", () => {
  assert.equal(formatChange(0.3), "+30.0%");
  assert.equal(formatChange(-0.042), "−4.2%");
  assert.equal(formatChange(0), "+0.0%");
  assert.equal(formatChange(null), "—");
  assert.equal(formatPercent(0.123), "12.3%");
  assert.equal(formatPercent(0.0512, 2), "5.12%");
  assert.equal(formatPercent(0.25, 0), "25%");
});

Deno.test("formatDuration() and formatBytesSi() read like the estimates and size ranges", () => {
  assert.equal(formatDuration(45), "45 s");
  assert.equal(formatDuration(720), "12 min");
  assert.equal(formatDuration(3900), "1 h 05 min");
  assert.equal(formatBytesSi(512), "512 B");
  assert.equal(formatBytesSi(1_234_000), "1.2 MB");
});

Deno.test("formatPerRecord() keeps fractions of a call per record; changes are signed", () => {
  assert.equal(formatPerRecord(0.5), "0.5");
  assert.equal(formatPerRecord(5.6667), "5.67");
  assert.equal(formatPerRecord(412.4), "412");
  assert.equal(formatPerRecord(91_631), "91.6 k");
  assert.equal(formatPerRecord(-12.25), "−12.3");
  assert.equal(formatPerRecord(4e-15), "0", "rounding noise is no count");
  assert.equal(formatPerRecord(null), "—");
  assert.equal(formatPerRecordChange(1_600), "+1.60 k");
  assert.equal(formatPerRecordChange(-1.1), "−1.1");
  assert.equal(formatPerRecordChange(-5.3e-15), "0");
});
