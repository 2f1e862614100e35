/**
 * Exact null distribution of the Mann–Whitney statistic U (the number of pairs (xᵢ, yⱼ) with
 * xᵢ > yⱼ) for samples of sizes n₁ and n₂ without ties, by counting: with f(i, j, u) the number of
 * orderings of i x's and j y's with U = u, the largest observation is either an x, which exceeds
 * all j y's, or a y: f(i, j, u) = f(i − 1, j, u − j) + f(i, j − 1, u). Additions only, so the
 * counts stay exact (or, beyond 2⁵³, accurate to rounding) and no tail probability is lost to
 * cancellation. Results are cached per (n₁, n₂).
 */

const cache = new Map<string, Float64Array>();

/** P(U = u) for u = 0 … n₁·n₂. */
export function mannWhitneyDistribution(n1: number, n2: number): Float64Array {
  if (!Number.isInteger(n1) || !Number.isInteger(n2) || n1 < 0 || n2 < 0) {
    throw new RangeError(`mannWhitneyDistribution(${n1}, ${n2}): sizes must be counts`);
  }
  const key = `${n1},${n2}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // row[j] holds f(i, j, ·) for the current i.
  let row: Float64Array[] = [];
  for (let j = 0; j <= n2; j++) row.push(Float64Array.of(1)); // i = 0: U = 0 in one way
  for (let i = 1; i <= n1; i++) {
    const next: Float64Array[] = [Float64Array.of(1)]; // j = 0: U = 0 in one way
    for (let j = 1; j <= n2; j++) {
      const counts = new Float64Array(i * j + 1);
      const fromX = row[j]; // f(i − 1, j, ·), shifted by j
      for (let u = 0; u < fromX.length; u++) counts[u + j] += fromX[u];
      const fromY = next[j - 1]; // f(i, j − 1, ·)
      for (let u = 0; u < fromY.length; u++) counts[u] += fromY[u];
      next.push(counts);
    }
    row = next;
  }
  const counts = row[n2];
  let total = 0;
  for (const c of counts) total += c;
  const probabilities = counts.map((c) => c / total);
  if (cache.size > 256) cache.clear();
  cache.set(key, probabilities);
  return probabilities;
}

/** P(U ≤ u) under the null, without ties. */
export function mannWhitneyCdf(u: number, n1: number, n2: number): number {
  const p = mannWhitneyDistribution(n1, n2);
  const top = Math.min(Math.floor(u), p.length - 1);
  let sum = 0;
  for (let k = 0; k <= top; k++) sum += p[k];
  return Math.min(1, sum);
}
