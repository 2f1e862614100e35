import assert from "node:assert/strict";
import { theilSen } from "../../lib/stats/theil_sen.ts";
import { assertClose } from "../helpers/assert_close.ts";
import {
  LAKE_HURON,
  LAKE_HURON_FIRST_YEAR,
  NILE,
  NILE_FIRST_YEAR,
  years,
} from "./reference_series.ts";

// Reference values: scipy 1.17.1 `stats.theilslopes(y, x)` (slope = median of pairwise slopes,
// intercept = median(y) − slope · median(x), Conover 1980); the same slopes come from
// pymannkendall 1.4.3 `sens_slope`.
Deno.test("theilSen() matches scipy's theilslopes on the Nile flow series (slope −2.6 per year)", () => {
  const line = theilSen(years(NILE_FIRST_YEAR, NILE.length), NILE)!;
  assertClose(line.slope, -2.6, 1e-12);
  assertClose(line.intercept, 5886.8, 1e-12);
  assert.equal(line.pairs, (100 * 99) / 2);
});

Deno.test("theilSen() matches scipy's theilslopes on the Lake Huron levels", () => {
  const line = theilSen(years(LAKE_HURON_FIRST_YEAR, LAKE_HURON.length), LAKE_HURON)!;
  assertClose(line.slope, -0.025124999999999887, 1e-9);
  assertClose(line.intercept, 627.4479374999997, 1e-12);
});

Deno.test("theilSen() on a five-point example: slope 17/24, intercept 1.875", () => {
  // Pairwise slopes of (1,2) (2,4) (3,5) (4,4) (5,5): −1, 0, 0, 1/3, 2/3, 3/4, 1, 1, 3/2, 2 —
  // median (2/3 + 3/4) / 2 = 17/24; intercept median(y) − slope · median(x) = 4 − 3 · 17/24.
  // scipy 1.17.1 theilslopes gives 0.7083333333333333 and 1.875.
  const line = theilSen([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])!;
  assertClose(line.slope, 17 / 24, 1e-15);
  assertClose(line.intercept, 1.875, 1e-15);
});

Deno.test("theilSen() ignores an outlier that drags least squares", () => {
  const x = Array.from({ length: 10 }, (_, i) => i);
  const y = x.map((v) => 2 * v + 1);
  y[9] = 1000; // 9 of the 45 pairwise slopes involve it: the median is still exactly 2
  const line = theilSen(x, y)!;
  assert.equal(line.slope, 2);
  assert.equal(line.intercept, 10 - 2 * 4.5);
});

Deno.test("theilSen() skips pairs with equal x and returns null without two distinct x", () => {
  assert.equal(theilSen([3, 3, 3], [1, 2, 3]), null);
  const line = theilSen([0, 0, 1], [0, 10, 1])!;
  // Pairs with distinct x: (0,0)-(1,1) slope 1 and (0,10)-(1,1) slope −9 → median −4.
  assert.equal(line.slope, -4);
  assert.throws(() => theilSen([1, 2], [1]), RangeError);
});
