import { regularizedIncompleteBeta } from "./incomplete_beta.ts";

/** P(X ≤ k) for X ~ Binomial(n, p), via P(X ≤ k) = I_{1−p}(n − k, k + 1) (R's `pbinom`). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`binomialCdf(): n must be a count (got ${n})`);
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialCdf(): p must lie in [0, 1] (got ${p})`);
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return regularizedIncompleteBeta(1 - p, n - kk, kk + 1);
}
