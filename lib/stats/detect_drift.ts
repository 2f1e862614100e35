import { median } from "./median.ts";
import { normalSurvival } from "./normal.ts";

export interface DriftOptions {
  /** Processes with fewer values are not examined. @default 4 */
  minValues?: number;
  /** Two-sided significance of the pooled Mann–Kendall test. @default 0.001 */
  alpha?: number;
  /** Smallest typical change across a process worth a warning (fraction). @default 0.02 */
  minRelativeChange?: number;
}

export interface DriftResult {
  /** True when values drift the same way within processes, significantly and by enough. */
  drifting: boolean;
  direction: "up" | "down" | null;
  /** Two-sided p-value of the pooled Mann–Kendall test; null when no process was examined. */
  pValue: number | null;
  /**
   * Median over processes of the Theil–Sen slope × (values − 1) / the process median: the typical
   * relative change from a process's first value to its last (0.05 = 5% slower by the end).
   */
  relativeChange: number | null;
  /** Number of processes examined. */
  processes: number;
}

/**
 * Detects values that drift monotonically within processes (warm-up not finished, thermal
 * throttling, a cache or heap that grows): for each process with at least `minValues` values the
 * Mann–Kendall statistic S = Σ_{j<k} sign(x_k − x_j) (variance m(m−1)(2m+5)/18 under no trend)
 * is summed over processes; z = (S − sign S)/√ΣVar. The warning fires when p < `alpha` (0.001)
 * AND the typical relative change across a process is at least `minRelativeChange` (2%): a tiny
 * but consistent trend is not worth a warning, nor is one process's random run. Values are
 * assumed to be in measurement order.
 */
export function detectDrift(
  nsPerRecord: readonly (readonly number[])[],
  options: DriftOptions = {},
): DriftResult {
  const minValues = options.minValues ?? 4;
  const alpha = options.alpha ?? 0.001;
  const minRelativeChange = options.minRelativeChange ?? 0.02;
  let s = 0;
  let variance = 0;
  const changes: number[] = [];
  for (const values of nsPerRecord) {
    const m = values.length;
    if (m < minValues) continue;
    const slopes: number[] = [];
    for (let j = 0; j < m; j++) {
      for (let k = j + 1; k < m; k++) {
        s += Math.sign(values[k] - values[j]);
        slopes.push((values[k] - values[j]) / (k - j));
      }
    }
    variance += (m * (m - 1) * (2 * m + 5)) / 18;
    const center = median(values);
    if (center > 0) changes.push((median(slopes) * (m - 1)) / center);
  }
  if (variance === 0) {
    return { drifting: false, direction: null, pValue: null, relativeChange: null, processes: 0 };
  }
  const z = (s - Math.sign(s)) / Math.sqrt(variance);
  const pValue = Math.min(1, 2 * normalSurvival(Math.abs(z)));
  const relativeChange = changes.length > 0 ? median(changes) : null;
  const direction = s > 0 ? "up" : s < 0 ? "down" : null;
  const drifting = pValue < alpha && relativeChange !== null &&
    Math.abs(relativeChange) >= minRelativeChange &&
    Math.sign(relativeChange) === Math.sign(s);
  return {
    drifting,
    direction,
    pValue,
    relativeChange,
    processes: nsPerRecord.filter((v) => v.length >= minValues).length,
  };
}
