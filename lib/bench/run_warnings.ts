/**
 * Warnings about a run's measurements, each with the fix: high variance between processes, values
 * drifting within processes, a process much slower than the others. Cells measured for several
 * suites count once; many cells with the same problem make one warning that lists them.
 */

import { detectDrift } from "../stats/detect_drift.ts";
import { detectSlowProcesses } from "../stats/detect_slow_processes.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { formatPercent } from "../_common/format.ts";
import { tieredScenario } from "../_common/vocabulary.ts";

/** Robust CV of the process medians above which a cell gets a warning. */
export const HIGH_CV = 0.1;
/** Fewer processes than this cannot tell a slow process from noise. */
const SLOW_PROCESS_MIN_PROCESSES = 5;
const LISTED = 6;

function list(items: string[]): string {
  return items.length <= LISTED
    ? items.join(", ")
    : `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more`;
}

export function runWarnings(record: MeasuredRunRecord): string[] {
  const highCv: string[] = [];
  const drifting: string[] = [];
  const slow: string[] = [];
  const seen = new Set<string>();
  const multiEnv = Object.keys(record.environments).length > 1;
  for (const cell of record.cells) {
    if (cell.status !== "ok" || cell.summary === null) continue;
    const scenario = tieredScenario(cell.scenario, cell.tier);
    const key = `${cell.environment}/${scenario}/${cell.target}/${cell.operation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = `${cell.target}/${scenario}/${cell.operation}${
      multiEnv ? ` in ${cell.environment}` : ""
    }`;
    if (cell.summary.n >= 3 && cell.summary.cv > HIGH_CV) {
      highCv.push(`${name} (CV ${formatPercent(cell.summary.cv, 0)})`);
    }
    const drift = detectDrift(cell.nsPerRecord);
    if (drift.drifting && drift.relativeChange !== null) {
      drifting.push(
        `${name} (${drift.direction} ${formatPercent(Math.abs(drift.relativeChange), 0)})`,
      );
    }
    for (
      const process of detectSlowProcesses(cell.nsPerRecord, {
        minProcesses: SLOW_PROCESS_MIN_PROCESSES,
      })
    ) {
      slow.push(
        `${name} (process ${process.index + 1}, +${formatPercent(process.ratio - 1, 0)})`,
      );
    }
  }
  const warnings: string[] = [];
  if (highCv.length > 0) {
    warnings.push(
      `high variance between processes in ${highCv.length} cell(s): ${list(highCv)}; ` +
        "raise the profile's processes or close other programs",
    );
  }
  if (drifting.length > 0) {
    warnings.push(
      `values drift within processes in ${drifting.length} cell(s): ${list(drifting)}; ` +
        "raise the profile's warmups, or check for thermal throttling",
    );
  }
  if (slow.length > 0) {
    warnings.push(
      `a process much slower than the others in ${slow.length} cell(s): ${list(slow)}; ` +
        "another program probably ran meanwhile (the values stay in the record)",
    );
  }
  return warnings;
}
