import { median } from "./median.ts";

/**
 * Factor that turns a MAD into a consistent estimate of the standard deviation for normal data:
 * 1 / Φ⁻¹(3/4) ≈ 1.4826 (R's `mad()` constant).
 */
export const MAD_TO_SD = 1.4826;

/**
 * Median absolute deviation from the median, unscaled: median(|xᵢ − median(x)|). Equals R's
 * `mad(x, constant = 1)`; multiply by `MAD_TO_SD` for a robust standard deviation.
 */
export function mad(values: readonly number[]): number {
  const center = median(values);
  return median(values.map((x) => Math.abs(x - center)));
}
