import assert from "node:assert/strict";
import { erfc, normalCdf, normalQuantile, normalSurvival } from "../../lib/stats/normal.ts";
import { assertClose } from "../helpers/assert_close.ts";

// Reference values: R 4.x `pnorm`/`qnorm` and Abramowitz & Stegun table 7.1 (erfc), 16 digits.
Deno.test("normalCdf() matches R's pnorm in the body and the tails", () => {
  assertClose(normalCdf(0), 0.5, 1e-15);
  assertClose(normalCdf(1.959963984540054), 0.975, 1e-14);
  assertClose(normalCdf(-1), 0.15865525393145707, 1e-14);
  assertClose(normalCdf(-3), 0.0013498980316301035, 1e-13);
  assertClose(normalCdf(-8), 6.22096057427178e-16, 1e-12);
  assertClose(normalCdf(2.5), 0.9937903346742238, 1e-14);
  assertClose(normalSurvival(5), 2.866515718791939e-7, 1e-12);
});

Deno.test("erfc() matches tabulated values on both sides of the series/fraction switch", () => {
  assertClose(erfc(0.5), 0.4795001221869535, 1e-14);
  assertClose(erfc(2.4), 6.885138966450786e-4, 1e-13);
  assertClose(erfc(2.6), 2.360344165293492e-4, 1e-13);
  assertClose(erfc(-1), 1.8427007929497148, 1e-14);
});

Deno.test("normalQuantile() matches R's qnorm", () => {
  assertClose(normalQuantile(0.975), 1.959963984540054, 1e-14);
  assertClose(normalQuantile(0.8), 0.8416212335729143, 1e-14);
  assertClose(normalQuantile(0.995), 2.5758293035489004, 1e-14);
  assertClose(normalQuantile(0.01), -2.3263478740408408, 1e-14);
  assertClose(normalQuantile(1e-10), -6.361340902404056, 1e-13);
  assert.equal(normalQuantile(0.5), 0);
});
