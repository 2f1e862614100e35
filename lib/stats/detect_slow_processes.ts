import { mad, MAD_TO_SD } from "./mad.ts";
import { median } from "./median.ts";

export interface SlowProcessOptions {
  /** Modified z-score above which a process is an outlier (Iglewicz & Hoaglin 1993). @default 3.5 */
  zThreshold?: number;
  /** …and it must also be at least this much slower than the median process. @default 0.10 */
  minSlowdown?: number;
  /** Fewer processes than this are not examined. @default 3 */
  minProcesses?: number;
}

export interface SlowProcess {
  /** Index into `nsPerRecord`. */
  index: number;
  medianNs: number;
  /** This process's median / the median of the process medians. */
  ratio: number;
  /** (mᵢ − median) / (1.4826·MAD); Infinity when the other processes agree exactly. */
  robustZ: number;
}

/**
 * Finds processes much slower than the others (another program ran, the CPU was throttled, the
 * process landed on a busy core): a process is flagged when its median is an outlier by the
 * modified z-score (mᵢ − median)/(1.4826·MAD) > 3.5 — Iglewicz & Hoaglin's rule — AND at least 10%
 * slower than the median process, so a 1% outlier among very quiet processes is left alone.
 */
export function detectSlowProcesses(
  nsPerRecord: readonly (readonly number[])[],
  options: SlowProcessOptions = {},
): SlowProcess[] {
  const zThreshold = options.zThreshold ?? 3.5;
  const minSlowdown = options.minSlowdown ?? 0.10;
  const minProcesses = options.minProcesses ?? 3;
  const medians = nsPerRecord.map((values) => (values.length > 0 ? median(values) : NaN));
  const present = medians.filter((m) => !Number.isNaN(m));
  if (present.length < minProcesses) return [];
  const center = median(present);
  const spread = MAD_TO_SD * mad(present);
  const slow: SlowProcess[] = [];
  medians.forEach((m, index) => {
    if (Number.isNaN(m) || center <= 0) return;
    const ratio = m / center;
    const robustZ = spread > 0 ? (m - center) / spread : m > center ? Infinity : 0;
    if (robustZ > zThreshold && ratio >= 1 + minSlowdown) {
      slow.push({ index, medianNs: m, ratio, robustZ });
    }
  });
  return slow;
}
