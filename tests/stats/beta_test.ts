import assert from "node:assert/strict";
import { binomialCdf } from "../../lib/stats/binomial_cdf.ts";
import { clopperPearson } from "../../lib/stats/clopper_pearson.ts";
import { regularizedIncompleteBeta } from "../../lib/stats/incomplete_beta.ts";
import { inverseRegularizedIncompleteBeta } from "../../lib/stats/inverse_incomplete_beta.ts";
import { logGamma } from "../../lib/stats/log_gamma.ts";
import { assertClose } from "../helpers/assert_close.ts";

// Reference values: R 4.2.2 `lgamma`, `pbeta`, `qbeta`, `pbinom`, `binom.test` (digits = 17).

Deno.test("logGamma() matches R's lgamma", () => {
  assertClose(logGamma(0.5), 0.57236494292470008, 1e-14); // ln √π
  assertClose(logGamma(3.7), 1.42807232666538808, 1e-14);
  assertClose(logGamma(10), 12.80182748008146909, 1e-15); // ln 9!
  assertClose(logGamma(100), 359.13420536957539753, 1e-15);
  assertClose(logGamma(1e-3), 6.90717888538385338, 1e-14);
  assert.ok(Math.abs(logGamma(1)) < 1e-14);
});

Deno.test("regularizedIncompleteBeta() matches R's pbeta", () => {
  assertClose(regularizedIncompleteBeta(0.4, 2, 3), 0.5248, 1e-13);
  assertClose(regularizedIncompleteBeta(0.3, 0.5, 0.5), 0.36901011956554525, 1e-13);
  assertClose(regularizedIncompleteBeta(0.9, 10, 2), 0.69735688019999997, 1e-13);
  assertClose(regularizedIncompleteBeta(0.2, 50, 60), 1.0328973362230147e-9, 1e-11);
  // Closed forms: I_x(1, b) = 1 − (1 − x)^b, I_x(a, 1) = x^a, I_½(a, a) = ½.
  assertClose(regularizedIncompleteBeta(0.3, 1, 4), 1 - Math.pow(0.7, 4), 1e-14);
  assertClose(regularizedIncompleteBeta(0.3, 6, 1), Math.pow(0.3, 6), 1e-13);
  assertClose(regularizedIncompleteBeta(0.5, 37, 37), 0.5, 1e-13);
});

Deno.test("inverseRegularizedIncompleteBeta() matches R's qbeta", () => {
  assertClose(inverseRegularizedIncompleteBeta(0.05, 2, 3), 0.097611462886414355, 1e-12);
  assertClose(inverseRegularizedIncompleteBeta(0.975, 8, 13), 0.59218853453282816, 1e-12);
  assertClose(inverseRegularizedIncompleteBeta(0.01, 0.5, 0.5), 0.00024671981713422151, 1e-10);
  for (const [p, a, b] of [[0.3, 3, 700], [0.999, 250, 2], [1e-6, 4, 5]]) {
    const x = inverseRegularizedIncompleteBeta(p, a, b);
    assertClose(regularizedIncompleteBeta(x, a, b), p, 1e-10, `round trip ${p}, ${a}, ${b}`);
  }
});

Deno.test("binomialCdf() matches exact sums", () => {
  // P(B ≤ 3), B ~ Bin(16, ½) = (1 + 16 + 120 + 560)/65536 = 697/65536.
  assertClose(binomialCdf(3, 16, 0.5), 697 / 65536, 1e-13);
  assertClose(binomialCdf(0, 300, 0.01), Math.pow(0.99, 300), 1e-12);
  assert.equal(binomialCdf(-1, 5, 0.3), 0);
  assert.equal(binomialCdf(5, 5, 0.3), 1);
});

Deno.test("clopperPearson() matches R's binom.test intervals", () => {
  // 0 false alarms in 300: one-sided 95% upper bound 1 − 0.05^(1/300) = 0.0099360819444577198.
  const none = clopperPearson(0, 300, { sided: "upper" });
  assertClose(none.upper, 0.0099360819444577198, 1e-12);
  assertClose(none.upper, 1 - Math.pow(0.05, 1 / 300), 1e-12);
  assert.equal(none.lower, 0);
  // binom.test(7, 20)$conf.int = 0.15390920478454115 0.59218853453282816
  const seven = clopperPearson(7, 20);
  assertClose(seven.lower, 0.15390920478454115, 1e-12);
  assertClose(seven.upper, 0.59218853453282816, 1e-12);
  // binom.test(3, 100)$conf.int = 0.0062299715383063994 0.0851760529742799921
  const three = clopperPearson(3, 100);
  assertClose(three.lower, 0.0062299715383063994, 1e-11);
  assertClose(three.upper, 0.0851760529742799921, 1e-12);
  // binom.test(0, 10) → [0, 0.30849710781876083]; binom.test(10, 10) → [0.69150289218123917, 1]
  assertClose(clopperPearson(0, 10).upper, 0.30849710781876083, 1e-12);
  assertClose(clopperPearson(10, 10).lower, 0.69150289218123917, 1e-12);
  assert.throws(() => clopperPearson(4, 3), RangeError);
});
