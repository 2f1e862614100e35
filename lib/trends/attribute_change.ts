/**
 * Attribution: what changed in the recorded fingerprint between two runs — the DataSON version,
 * the version of the series' own library (a competitor), the Python version, the machine (CPU model
 * and runner image). Unknown values (null) are not evidence of a change. When nothing changed at
 * the change point itself, the neighbouring run on each side is examined too (change points are
 * located to ±1 run), and such changes are marked with their offset. Instruction series also
 * compare what counts depend on (`countingChanges()`: Valgrind, cache geometry, CPU, C library).
 */

import { ownValue } from "../_common/own_key.ts";
import { countingChanges } from "./counting_changes.ts";
import type { Attribution, FingerprintChange, MeasureFamily, TrendRun } from "./types.ts";

interface Fingerprint {
  datason: string | null;
  library: string | null;
  python: string | null;
  machine: string | null;
}

function fingerprintOf(run: TrendRun, environment: string, library: string | null): Fingerprint {
  const env = ownValue(run.environments, environment) ?? Object.values(run.environments)[0];
  return {
    datason: env?.libraries.datason ?? null,
    library: library !== null && library !== "datason" ? env?.libraries[library] ?? null : null,
    python: env?.python ?? null,
    machine: run.machine,
  };
}

/** Changes between two runs (offset 0). */
export function fingerprintChanges(
  previous: TrendRun,
  next: TrendRun,
  environment: string,
  library: string | null,
  offsetRuns = 0,
  family: MeasureFamily = "time",
): FingerprintChange[] {
  const a = fingerprintOf(previous, environment, library);
  const b = fingerprintOf(next, environment, library);
  const changes: FingerprintChange[] = [];
  const differs = (x: string | null, y: string | null) => x !== null && y !== null && x !== y;
  if (differs(a.datason, b.datason)) {
    changes.push({ kind: "datason", name: "DataSON", from: a.datason, to: b.datason, offsetRuns });
  }
  if (library !== null && differs(a.library, b.library)) {
    changes.push({ kind: "library", name: library, from: a.library, to: b.library, offsetRuns });
  }
  if (differs(a.python, b.python)) {
    changes.push({ kind: "python", name: "Python", from: a.python, to: b.python, offsetRuns });
  }
  if (differs(a.machine, b.machine)) {
    changes.push({ kind: "machine", name: "machine", from: a.machine, to: b.machine, offsetRuns });
  }
  if (family === "instructions") {
    // The machine already names the CPU model when it changed.
    const machineChanged = changes.some((c) => c.kind === "machine");
    changes.push(
      ...countingChanges(previous, next, offsetRuns).filter((c) =>
        !(machineChanged && c.kind === "cpu")
      ),
    );
  }
  return changes;
}

/**
 * Attributes a change between `runs[before]` and `runs[after]` (indices into the runs of the
 * series' usable points, in time order).
 */
export function attributeChange(
  runs: readonly TrendRun[],
  before: number,
  after: number,
  environment: string,
  library: string | null,
  family: MeasureFamily = "time",
): Attribution {
  let changes = fingerprintChanges(runs[before], runs[after], environment, library, 0, family);
  if (changes.length === 0) {
    const nearby: FingerprintChange[] = [];
    if (before > 0) {
      nearby.push(
        ...fingerprintChanges(runs[before - 1], runs[before], environment, library, -1, family),
      );
    }
    if (after + 1 < runs.length) {
      nearby.push(
        ...fingerprintChanges(runs[after], runs[after + 1], environment, library, 1, family),
      );
    }
    changes = nearby;
  }
  return { changes, summary: summarizeChanges(changes) };
}

export function summarizeChanges(changes: readonly FingerprintChange[]): string {
  if (changes.length === 0) return "no recorded cause";
  return changes.map((c) => {
    const where = c.offsetRuns === 0
      ? ""
      : c.offsetRuns < 0
      ? " (one run earlier)"
      : " (one run later)";
    return c.from === null ? `${c.name} ${c.to}${where}` : `${c.name} ${c.from} → ${c.to}${where}`;
  }).join("; ");
}
