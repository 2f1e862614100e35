import { normalCdf, normalSurvival } from "./normal.ts";
import { rank, tieSum } from "./rank.ts";
import { signedRankCdf } from "./signed_rank_distribution.ts";

/** Counts below which the exact distribution is used when there are no ties or zeros. */
export const SIGNED_RANK_EXACT_LIMIT = 50;

export interface WilcoxonSignedRankOptions {
  /**
   * `auto` uses the exact distribution for fewer than 50 non-zero differences without ties and
   * without zeros (R's rule), else the normal approximation. @default "auto"
   */
  exact?: boolean | "auto";
}

export interface WilcoxonSignedRankResult {
  /** V: the sum of the ranks of |dᵢ| over the positive differences (zeros dropped). */
  v: number;
  /** Two-sided p-value. */
  pValue: number;
  method: "exact" | "normal";
  /** Number of non-zero differences the test used. */
  n: number;
  /** Number of zero differences dropped. */
  zeros: number;
  ties: boolean;
  z: number | null;
}

/**
 * Two-sided Wilcoxon signed-rank test that the differences `d` are centred on 0 (paired data:
 * d = after − before). Zero differences are dropped before ranking (Wilcoxon's original method,
 * R's default); if any were dropped, or |d| has ties, the normal approximation is used:
 * z = (V − n(n+1)/4 ∓ ½) / σ, σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48. Matches R's
 * `wilcox.test(d, exact = …, correct = TRUE)`. No non-zero difference at all gives p = 1.
 */
export function wilcoxonSignedRank(
  d: readonly number[],
  options: WilcoxonSignedRankOptions = {},
): WilcoxonSignedRankResult {
  const nonZero = d.filter((x) => x !== 0);
  const zeros = d.length - nonZero.length;
  const n = nonZero.length;
  if (n === 0) {
    return { v: 0, pValue: 1, method: "normal", n: 0, zeros, ties: false, z: 0 };
  }
  const { ranks, ties } = rank(nonZero.map(Math.abs));
  let v = 0;
  for (let i = 0; i < n; i++) if (nonZero[i] > 0) v += ranks[i];
  const hasTies = ties.length > 0;
  const mode = options.exact ?? "auto";
  const exact = mode === "auto" ? !hasTies && zeros === 0 && n < SIGNED_RANK_EXACT_LIMIT : mode;
  if (exact) {
    if (hasTies) throw new RangeError("wilcoxonSignedRank(): exact needs untied |differences|");
    // Symmetric null distribution: P(V ≥ v) = P(V ≤ n(n+1)/2 − v).
    const tail = signedRankCdf(Math.min(v, (n * (n + 1)) / 2 - v), n);
    return { v, pValue: Math.min(1, 2 * tail), method: "exact", n, zeros, ties: false, z: null };
  }
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieSum(ties) / 48;
  const centered = v - (n * (n + 1)) / 4;
  if (variance <= 0) return { v, pValue: 1, method: "normal", n, zeros, ties: hasTies, z: 0 };
  const z = (centered - 0.5 * Math.sign(centered)) / Math.sqrt(variance);
  const pValue = Math.min(1, 2 * Math.min(normalCdf(z), normalSurvival(z)));
  return { v, pValue, method: "normal", n, zeros, ties: hasTies, z };
}
