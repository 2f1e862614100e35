import { mannWhitneyCdf } from "./mann_whitney_distribution.ts";
import { normalCdf, normalSurvival } from "./normal.ts";
import { rank, tieSum } from "./rank.ts";

/** Sizes below which (both samples) the exact distribution is used when there are no ties. */
export const MANN_WHITNEY_EXACT_LIMIT = 50;

export interface MannWhitneyOptions {
  /**
   * `auto` uses the exact distribution when both samples have fewer than 50 values and no value
   * is tied (R's `wilcox.test` rule), else the normal approximation. `true` forces exact (an error
   * with ties), `false` forces the approximation. @default "auto"
   */
  exact?: boolean | "auto";
}

export interface MannWhitneyResult {
  /** U of the first sample: #{(i, j): xᵢ > yⱼ} + ½·#{xᵢ = yⱼ} (R reports it as W). */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  method: "exact" | "normal";
  n1: number;
  n2: number;
  /** Whether the pooled sample has ties. */
  ties: boolean;
  /** Continuity-corrected z score of the normal approximation; null when exact. */
  z: number | null;
}

/**
 * Two-sided Mann–Whitney U (Wilcoxon rank-sum) test of x against y. Exact: the p-value doubles
 * the smaller tail of the counted null distribution (capped at 1). Normal approximation:
 * z = (U − n₁n₂/2 ∓ ½) / σ with σ² = n₁n₂/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1))), the tie-corrected
 * variance, and the ½ continuity correction toward the mean. Both match R's
 * `wilcox.test(x, y, exact = …, correct = TRUE)`.
 */
export function mannWhitney(
  x: readonly number[],
  y: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("mannWhitney(): both samples need values");
  const { ranks, ties } = rank([...x, ...y]);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i];
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const hasTies = ties.length > 0;
  const mode = options.exact ?? "auto";
  const exact = mode === "auto"
    ? !hasTies && n1 < MANN_WHITNEY_EXACT_LIMIT && n2 < MANN_WHITNEY_EXACT_LIMIT
    : mode;
  if (exact) {
    if (hasTies) throw new RangeError("mannWhitney(): the exact distribution needs untied values");
    // The null distribution is symmetric: P(U ≥ u) = P(U ≤ n₁n₂ − u), summed without cancellation.
    const tail = mannWhitneyCdf(Math.min(u, n1 * n2 - u), n1, n2);
    return { u, pValue: Math.min(1, 2 * tail), method: "exact", n1, n2, ties: false, z: null };
  }
  const total = n1 + n2;
  const variance = ((n1 * n2) / 12) * (total + 1 - tieSum(ties) / (total * (total - 1)));
  const centered = u - (n1 * n2) / 2;
  if (variance <= 0) return { u, pValue: 1, method: "normal", n1, n2, ties: hasTies, z: 0 };
  const z = (centered - 0.5 * Math.sign(centered)) / Math.sqrt(variance);
  const pValue = Math.min(1, 2 * Math.min(normalCdf(z), normalSurvival(z)));
  return { u, pValue, method: "normal", n1, n2, ties: hasTies, z };
}
