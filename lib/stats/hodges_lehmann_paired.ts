import { largestRankWithTail, type ShiftEstimate, type ShiftOptions } from "./hodges_lehmann.ts";
import { medianOfSorted } from "./median.ts";
import { normalQuantile } from "./normal.ts";
import { rank, tieSum } from "./rank.ts";
import { SIGNED_RANK_EXACT_LIMIT } from "./wilcoxon_signed_rank.ts";
import { signedRankCdf, signedRankDistribution } from "./signed_rank_distribution.ts";

/**
 * Paired (one-sample) Hodges–Lehmann estimate of the centre of the differences d: the median of
 * the n(n+1)/2 Walsh averages (dᵢ + dⱼ)/2, i ≤ j, with the interval that inverts the two-sided
 * signed-rank test (Hollander & Wolfe §3.2; R's `wilcox.test(d, conf.int = TRUE)` when exact).
 * Exact: with k the largest k ≥ 1 with P(V ≤ k − 1) ≤ α/2, [W₍ₖ₎, W₍ₘ₊₁₋ₖ₎], M = n(n+1)/2;
 * null when even [W₍₁₎, W₍ₘ₎] falls short (n ≤ 5 at 95%). Normal approximation (n ≥ 50 or tied
 * differences): k = round(M/2 − z₁₋α/₂·σ_V).
 *
 * All n differences are used, zeros included: the interval inverts the test at every candidate
 * shift μ, and a difference equal to μ has probability zero for continuous data. (R drops exact
 * zeros first; for data without zeros the two agree.)
 */
export function hodgesLehmannPaired(
  d: readonly number[],
  options: ShiftOptions = {},
): ShiftEstimate {
  const n = d.length;
  if (n === 0) throw new RangeError("hodgesLehmannPaired(): no differences");
  const confidence = options.confidence ?? 0.95;
  const m = (n * (n + 1)) / 2;
  const walsh = new Float64Array(m);
  let index = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh[index++] = (d[i] + d[j]) / 2;
  walsh.sort();
  const estimate = medianOfSorted(walsh);
  const { ties } = rank(d.map(Math.abs));
  const mode = options.exact ?? "auto";
  const exact = mode === "auto" ? ties.length === 0 && n < SIGNED_RANK_EXACT_LIMIT : mode;
  const alpha = 1 - confidence;
  if (exact) {
    const k = largestRankWithTail(signedRankDistribution(n), alpha / 2, m / 2);
    if (k === 0) return { estimate, ci: null, confidence: null, method: "exact" };
    return {
      estimate,
      ci: [walsh[k - 1], walsh[m - k]],
      confidence: 1 - 2 * signedRankCdf(k - 1, n),
      method: "exact",
    };
  }
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum(ties) / 48);
  const k = Math.round(m / 2 - normalQuantile(1 - alpha / 2) * sigma);
  if (k < 1) return { estimate, ci: null, confidence: null, method: "normal" };
  return { estimate, ci: [walsh[k - 1], walsh[m - k]], confidence, method: "normal" };
}
