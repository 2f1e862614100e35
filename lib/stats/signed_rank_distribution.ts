/**
 * Exact null distribution of the Wilcoxon signed-rank statistic V (the sum of the ranks of the
 * positive differences) for n non-zero differences without ties: each rank 1 … n is in the sum
 * with probability ½ independently, so the counts are those of subset sums of {1, …, n}, built one
 * rank at a time. Counts stay below 2ⁿ, exact in doubles up to n = 53. Cached per n.
 */

const cache = new Map<number, Float64Array>();

/** P(V = v) for v = 0 … n(n + 1)/2. */
export function signedRankDistribution(n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`signedRankDistribution(${n}): n must be a count`);
  }
  const cached = cache.get(n);
  if (cached) return cached;
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  let reach = 0;
  for (let r = 1; r <= n; r++) {
    reach += r;
    for (let v = reach; v >= r; v--) counts[v] += counts[v - r];
  }
  const total = Math.pow(2, n);
  const probabilities = counts.map((c) => c / total);
  if (cache.size > 256) cache.clear();
  cache.set(n, probabilities);
  return probabilities;
}

/** P(V ≤ v) under the null, without ties or zeros. */
export function signedRankCdf(v: number, n: number): number {
  const p = signedRankDistribution(n);
  const top = Math.min(Math.floor(v), p.length - 1);
  let sum = 0;
  for (let k = 0; k <= top; k++) sum += p[k];
  return Math.min(1, sum);
}
