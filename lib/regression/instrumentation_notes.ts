/**
 * Environment notes of the counted measures: what makes instruction counts or estimated cycles of
 * two runs incomparable even where their times would compare — the Valgrind version, the simulated
 * cache geometry, the cycle formula, the CPU's feature flags (glibc picks memcpy and friends by
 * them) and the C library. Each note names the measures it affects (`metrics`): the rows of those
 * measures do not gate (unless `--allow-env-mismatch`), and time rows keep gating beside them.
 */

import type { EnvironmentInfo, Instrumentation, MeasuredRunRecord } from "../results/run_record.ts";
import { type MeasureId, MEASURES } from "./measures.ts";
import type { EnvironmentNote, Metric } from "./types.ts";

/** The counted measures (comparison kind `layouts`): instructions and estimated cycles. */
const COUNTED: Metric[] = MEASURES.filter((m) => m.comparison === "layouts").map((m) => m.id);
/** The measure that the cache geometry and the cycle formula change, and instructions do not. */
const CYCLES: Metric[] = COUNTED.filter((id) => id === ("estimatedCyclesPerRecord" as MeasureId));

const NOT_COMPARABLE = "instruction counts across them are not comparable";

/** Notes between two runs' instrumentation; none unless both counted instructions. */
export function instrumentationNotes(
  baseline: MeasuredRunRecord,
  current: MeasuredRunRecord,
): EnvironmentNote[] {
  const before = baseline.instrumentation;
  const after = current.instrumentation;
  if (before === undefined || after === undefined) return [];
  const notes: EnvironmentNote[] = [];
  if (before.valgrind !== after.valgrind) {
    notes.push({
      id: "instructions:valgrind",
      kind: "instructions",
      baseline: before.valgrind,
      current: after.valgrind,
      message: `Valgrind differs: ${before.valgrind} → ${after.valgrind}: ${NOT_COMPARABLE}`,
      metrics: COUNTED,
    });
  }
  const cacheBefore = cacheText(before);
  const cacheAfter = cacheText(after);
  if (cacheBefore !== cacheAfter) {
    notes.push({
      id: "instructions:cache",
      kind: "instructions",
      baseline: cacheBefore,
      current: cacheAfter,
      message: `simulated cache geometry differs (${cacheBefore} → ${cacheAfter}): ` +
        "estimated cycles across them are not comparable",
      metrics: CYCLES,
    });
  }
  if (before.cycleFormula !== after.cycleFormula) {
    notes.push({
      id: "instructions:cycle-formula",
      kind: "instructions",
      baseline: before.cycleFormula,
      current: after.cycleFormula,
      message: `the cycle formula differs ("${before.cycleFormula}" → "${after.cycleFormula}"): ` +
        "estimated cycles across them are not comparable",
      metrics: CYCLES,
    });
  }
  const flagsBefore = baseline.machine?.cpuFlags ?? null;
  const flagsAfter = current.machine?.cpuFlags ?? null;
  if (flagsBefore !== null && flagsAfter !== null && flagsBefore !== flagsAfter) {
    notes.push({
      id: "instructions:cpu-flags",
      kind: "instructions",
      baseline: flagsBefore,
      current: flagsAfter,
      message: `CPU flags differ (${flagsDifference(flagsBefore, flagsAfter)}): the C library ` +
        `picks its routines by them, so ${NOT_COMPARABLE}`,
      metrics: COUNTED,
    });
  }
  for (const label of Object.keys(current.environments).sort()) {
    notes.push(
      ...libcNotes(label, baseline.environments[label], current.environments[label], {
        baseline: baseline.machine?.glibc ?? null,
        current: current.machine?.glibc ?? null,
      }),
    );
  }
  return notes;
}

/**
 * The C library of two environments (their `libc`, else the machine's glibc): a note when they
 * differ. `label` names the pair in the note id (`instructions:libc:<label>`).
 */
export function libcNotes(
  label: string,
  baseline: EnvironmentInfo | undefined,
  current: EnvironmentInfo | undefined,
  machine: { baseline: string | null; current: string | null } = {
    baseline: null,
    current: null,
  },
): EnvironmentNote[] {
  const before = baseline?.libc ?? machine.baseline;
  const after = current?.libc ?? machine.current;
  if (before === null || after === null || before === after) return [];
  return [{
    id: `instructions:libc:${label}`,
    kind: "instructions",
    baseline: before,
    current: after,
    message: `the C library differs in ${label}: ${before} → ${after}: ${NOT_COMPARABLE}`,
    metrics: COUNTED,
  }];
}

/** Whether an instrumentation note concerns a row of the environment label `label`. */
export function instrumentationNoteApplies(note: EnvironmentNote, label: string): boolean {
  return !note.id.startsWith("instructions:libc:") || note.id === `instructions:libc:${label}`;
}

/** The ids among a pair's notes that affect rows of `metric` (a note without `metrics`: all). */
export function notesOfMeasure(
  ids: readonly string[],
  notes: readonly EnvironmentNote[],
  metric: Metric,
): string[] {
  return ids.filter((id) => {
    const note = notes.find((n) => n.id === id);
    return note?.metrics === undefined || note.metrics.includes(metric);
  });
}

function cacheText(instrumentation: Instrumentation): string {
  const { I1, D1, LL } = instrumentation.cache;
  return `I1 ${I1.join(",")} D1 ${D1.join(",")} LL ${LL.join(",")}`;
}

/** `+avx512f −sse4a`: the flags only one side has (at most 6 named). */
function flagsDifference(before: string, after: string): string {
  const a = new Set(before.split(/\s+/).filter((f) => f !== ""));
  const b = new Set(after.split(/\s+/).filter((f) => f !== ""));
  const changes = [
    ...[...b].filter((f) => !a.has(f)).sort().map((f) => `+${f}`),
    ...[...a].filter((f) => !b.has(f)).sort().map((f) => `−${f}`),
  ];
  return changes.length > 6
    ? `${changes.slice(0, 6).join(" ")} and ${changes.length - 6} more`
    : changes.join(" ");
}
