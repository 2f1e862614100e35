import { mad, MAD_TO_SD } from "./mad.ts";
import { median } from "./median.ts";

/**
 * Robust coefficient of variation: 1.4826 · MAD / median. For normal data it estimates σ/μ; one
 * wild value barely moves it. NaN when the median is 0.
 */
export function robustCv(values: readonly number[]): number {
  const center = median(values);
  if (center === 0) return NaN;
  return (MAD_TO_SD * mad(values)) / Math.abs(center);
}
