import { MANN_WHITNEY_EXACT_LIMIT } from "./mann_whitney.ts";
import { mannWhitneyCdf, mannWhitneyDistribution } from "./mann_whitney_distribution.ts";
import { medianOfSorted } from "./median.ts";
import { normalQuantile } from "./normal.ts";
import { rank, tieSum } from "./rank.ts";

/** A location-shift estimate with the confidence interval that inverts its rank test. */
export interface ShiftEstimate {
  estimate: number;
  /** [lower, upper], or null when no interval reaches the requested confidence at this n. */
  ci: [number, number] | null;
  /** Coverage of `ci`: exact when `method` is exact, the nominal level otherwise; null with no CI. */
  confidence: number | null;
  method: "exact" | "normal";
}

export interface ShiftOptions {
  /** @default 0.95 */
  confidence?: number;
  /** As for the tests: `auto` is exact for small samples without ties. @default "auto" */
  exact?: boolean | "auto";
}

/**
 * Two-sample Hodges–Lehmann shift of x relative to y: the median of the n₁·n₂ differences
 * xᵢ − yⱼ, with the confidence interval that inverts the two-sided Mann–Whitney test
 * (Hollander & Wolfe §4.3; R's `wilcox.test(x, y, conf.int = TRUE)` when exact). Exact: with
 * D₍₁₎ ≤ … ≤ D₍ₘₙ₎ the sorted differences and k the largest k ≥ 1 with P(U ≤ k − 1) ≤ α/2, the
 * interval is [D₍ₖ₎, D₍ₘₙ₊₁₋ₖ₎] with coverage 1 − 2·P(U ≤ k − 1); null when even [D₍₁₎, D₍ₘₙ₎]
 * falls short (3 vs 3 reaches 90%). Normal approximation (large samples or ties): k = round(mn/2 −
 * z₁₋α/₂·σ_U) with the tie-corrected σ_U.
 */
export function hodgesLehmann(
  x: readonly number[],
  y: readonly number[],
  options: ShiftOptions = {},
): ShiftEstimate {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("hodgesLehmann(): both samples need values");
  const confidence = options.confidence ?? 0.95;
  const differences = new Float64Array(n1 * n2);
  let index = 0;
  for (const xi of x) for (const yj of y) differences[index++] = xi - yj;
  differences.sort();
  const estimate = medianOfSorted(differences);
  const { ties } = rank([...x, ...y]);
  const mode = options.exact ?? "auto";
  const exact = mode === "auto"
    ? ties.length === 0 && n1 < MANN_WHITNEY_EXACT_LIMIT && n2 < MANN_WHITNEY_EXACT_LIMIT
    : mode;
  const alpha = 1 - confidence;
  const m = n1 * n2;
  if (exact) {
    const k = largestRankWithTail(mannWhitneyDistribution(n1, n2), alpha / 2, m / 2);
    if (k === 0) return { estimate, ci: null, confidence: null, method: "exact" };
    return {
      estimate,
      ci: [differences[k - 1], differences[m - k]],
      confidence: 1 - 2 * mannWhitneyCdf(k - 1, n1, n2),
      method: "exact",
    };
  }
  const total = n1 + n2;
  const sigma = Math.sqrt((m / 12) * (total + 1 - tieSum(ties) / (total * (total - 1))));
  const k = Math.round(m / 2 - normalQuantile(1 - alpha / 2) * sigma);
  if (k < 1) return { estimate, ci: null, confidence: null, method: "normal" };
  return { estimate, ci: [differences[k - 1], differences[m - k]], confidence, method: "normal" };
}

/**
 * The largest k ≥ 1 (at most `maxK`) with P(S ≤ k − 1) ≤ tail for the null probabilities `p`,
 * or 0 when P(S ≤ 0) already exceeds it. Equality counts as reached (with a 1e-12 allowance for
 * rounding), so the coverage is at least 1 − 2·tail.
 */
export function largestRankWithTail(p: ArrayLike<number>, tail: number, maxK: number): number {
  let k = 0;
  let cdf = 0;
  while (k + 1 <= maxK) {
    cdf += p[k];
    if (cdf > tail + 1e-12) break;
    k++;
  }
  return k;
}
