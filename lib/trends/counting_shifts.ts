/**
 * Environment shifts of instruction series: runs at which the environment of the counts changed
 * against the previous run that counted instructions — the Valgrind version, the simulated cache
 * geometry, the CPU model or flags, or the C library (`countingChanges()`). Counts are
 * near-deterministic, so such a run is a shift whether or not the counts moved: it is reported
 * with how many instruction series moved by at least `minChange` (log difference against each
 * series' previous point), and a step of an instruction series there is the environment's, not the
 * code's (`analyzeSeries()` never puts a change point across it). Time series keep their own
 * shifts (`detectEnvironmentShifts()`): a new Valgrind does not change a time.
 */

import { median } from "../stats/median.ts";
import { fingerprintChanges, summarizeChanges } from "./attribute_change.ts";
import type { BuiltSeries } from "./build_series.ts";
import { countingChanges } from "./counting_changes.ts";
import type { EnvironmentShift, TrendRun } from "./types.ts";

/** `runs` in time order; `series`: the instruction series of those runs. */
export function detectCountingShifts(
  series: readonly BuiltSeries[],
  runs: readonly TrendRun[],
  minChange: number,
): EnvironmentShift[] {
  const floor = Math.log1p(minChange);
  const counted = series.filter((s) => s.measureFamily === "instructions");
  const shifts: EnvironmentShift[] = [];
  let previous: TrendRun | null = null;
  for (const run of runs) {
    if (run.counting === undefined || run.counting === null) continue;
    const before = previous;
    previous = run;
    if (before === null || countingChanges(before, run).length === 0) continue;
    const deviations: number[] = [];
    let up = 0;
    let down = 0;
    for (const s of counted) {
      const at = s.points.findIndex((p) => p.runId === run.runId);
      if (at <= 0 || s.points[at].value === null) continue;
      const last = s.points.slice(0, at).reverse().find((p) => p.value !== null);
      if (last === undefined) continue;
      const d = Math.log(s.points[at].value!) - Math.log(last.value!);
      deviations.push(d);
      if (d >= floor) up++;
      else if (d <= -floor) down++;
    }
    if (deviations.length === 0) continue;
    const environment = Object.keys(run.environments)[0] ?? "default";
    const changes = fingerprintChanges(before, run, environment, null, 0, "instructions");
    const moved = Math.max(up, down);
    shifts.push({
      runId: run.runId,
      startedAt: run.startedAt,
      source: run.source,
      file: run.file,
      measureFamily: "instructions",
      direction: moved === 0 ? "unchanged" : down > up ? "faster" : "slower",
      seriesMoved: moved,
      seriesTested: deviations.length,
      fraction: moved / deviations.length,
      medianChange: Math.expm1(median(deviations)),
      attribution: { changes, summary: summarizeChanges(changes) },
    });
  }
  return shifts;
}
