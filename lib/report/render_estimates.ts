/**
 * "9 min 12 s (estimated ~8 min before the run: −13%; ~9 min after round 1: −2%)": a run's actual
 * duration checked against its estimates, for closing summaries.
 */

import { formatChange, formatDuration } from "../_common/format.ts";

/** A run's estimates (before it, after its round 1) and its actual duration, in seconds. */
export interface EstimateCheck {
  before: number;
  afterFirstRound: number | null;
  actual: number;
}

export function renderEstimates(estimates: EstimateCheck): string {
  const off = (estimate: number) => formatChange(estimate / estimates.actual - 1, 0);
  const parts = [
    `estimated ~${formatDuration(estimates.before)} before the run: ${off(estimates.before)}`,
  ];
  if (estimates.afterFirstRound !== null) {
    parts.push(
      `~${formatDuration(estimates.afterFirstRound)} after round 1: ${
        off(estimates.afterFirstRound)
      }`,
    );
  }
  return `${formatDuration(estimates.actual)} (${parts.join("; ")})`;
}
