import { regularizedIncompleteBeta } from "./incomplete_beta.ts";
import { logBeta } from "./log_gamma.ts";

/**
 * The x in [0, 1] with I_x(a, b) = p: the p-quantile of Beta(a, b) (R's `qbeta(p, a, b)`).
 * Newton's method on the CDF, kept inside a shrinking bracket and replaced by bisection whenever a
 * step would leave it, so it converges for any p, a, b (in at most a few dozen steps).
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`inverse beta: need a, b > 0 (got ${a}, ${b})`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`inverse beta: p must lie in [0, 1] (got ${p})`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  const lnB = logBeta(a, b);
  let lo = 0;
  let hi = 1;
  // Start from the leading term of the series near whichever end p is closest to.
  let x = p < 0.5
    ? Math.min(0.5, Math.exp((Math.log(p) + Math.log(a) + lnB) / a))
    : Math.max(0.5, 1 - Math.exp((Math.log(1 - p) + Math.log(b) + lnB) / b));
  if (!(x > 0 && x < 1)) x = a / (a + b);
  for (let iteration = 0; iteration < 400; iteration++) {
    const f = regularizedIncompleteBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB);
    let next = x - f / density;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || hi - lo <= 1e-16 * hi) return next;
    x = next;
  }
  return x;
}
