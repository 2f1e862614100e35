/**
 * Holm's step-down adjusted p-values (Holm 1979; R's `p.adjust(p, "holm")`): with the m p-values
 * sorted ascending, p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎). Rejecting every hypothesis with
 * p̃ ≤ α controls the family-wise error rate at α. Returned in the input order.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = holmOrder(pValues);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, position) => {
    running = Math.max(running, Math.min(1, (m - position) * pValues[index]));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * The threshold each hypothesis faces in Holm's procedure at family-wise level α: α/(m − i + 1)
 * for the i-th smallest p-value (ties keep the input order). Returned in the input order.
 */
export function holmThresholds(pValues: readonly number[], alpha: number): number[] {
  const m = pValues.length;
  const thresholds = new Array<number>(m);
  holmOrder(pValues).forEach((index, position) => {
    thresholds[index] = alpha / (m - position);
  });
  return thresholds;
}

function holmOrder(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`holm(): p-values must lie in [0, 1] (got ${p})`);
  }
  return pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
}
