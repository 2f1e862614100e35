import { ownValue } from "../_common/own_key.ts";
import { targetKind, targetLibrary } from "../_common/targets.ts";
import { type DataTier, tieredScenario } from "../_common/vocabulary.ts";
import { isNotReached } from "../results/not_reached.ts";
import type { EnvironmentInfo, MeasuredCell, MeasuredRunRecord } from "../results/run_record.ts";
import { instrumentationNoteApplies } from "./instrumentation_notes.ts";
import type { EnvironmentNote } from "./types.ts";

/**
 * The library whose version matters for a target's timings, when that library is a competitor:
 * DataSON's own targets return null (a DataSON version difference is what is being measured),
 * `noop` has none, `json`/`pickle` are covered by the Python version (the runner reports their
 * version as the Python version, so a Python change is noted once, as a Python note).
 */
export function competitorLibrary(target: string): string | null {
  return targetKind(target) === "datason" ? null : targetLibrary(target);
}

function libraryVersion(info: EnvironmentInfo, name: string): string | null {
  return ownValue(info.libraries, name)?.version ?? ownValue(info.freeze, name) ?? null;
}

/**
 * Differences between two environments' fingerprints: the Python version and each competitor
 * library's version. `label` names the pair in note ids (`python:<label>`,
 * `library:<label>:<name>`).
 */
export function environmentPairNotes(
  label: string,
  baseline: EnvironmentInfo | undefined,
  current: EnvironmentInfo | undefined,
): EnvironmentNote[] {
  if (!baseline || !current) return [];
  const notes: EnvironmentNote[] = [];
  if (baseline.python !== current.python) {
    notes.push({
      id: `python:${label}`,
      kind: "python",
      baseline: baseline.python,
      current: current.python,
      message: `Python differs in ${label}: ${baseline.python} → ${current.python}`,
    });
  }
  const names = new Set([...Object.keys(baseline.libraries), ...Object.keys(current.libraries)]);
  for (const name of [...names].sort()) {
    if (competitorLibrary(name) === null) continue;
    const before = libraryVersion(baseline, name);
    const after = libraryVersion(current, name);
    if (before !== after) {
      notes.push({
        id: `library:${label}:${name}`,
        kind: "library",
        baseline: before,
        current: after,
        message: `${name} differs in ${label}: ${before ?? "absent"} → ${after ?? "absent"}`,
      });
    }
  }
  return notes;
}

/**
 * Fingerprint differences between two runs: CPU model, environments, datasets (each scenario's
 * typed file, `dataset:<scenario>`, and its JSON-tier file when both runs measured it,
 * `dataset:<scenario>@json`).
 */
export function runNotes(
  baseline: MeasuredRunRecord,
  current: MeasuredRunRecord,
): EnvironmentNote[] {
  const notes: EnvironmentNote[] = [];
  const cpuBefore = baseline.machine?.cpuModel ?? null;
  const cpuAfter = current.machine?.cpuModel ?? null;
  if (cpuBefore !== null && cpuAfter !== null && cpuBefore !== cpuAfter) {
    notes.push({
      id: "cpu",
      kind: "cpu",
      baseline: cpuBefore,
      current: cpuAfter,
      message: `CPU model differs: ${cpuBefore} → ${cpuAfter}${
        baseline.instrumentation && current.instrumentation
          ? ": times and instruction counts across them are not comparable"
          : ""
      }`,
    });
  }
  for (const label of Object.keys(current.environments).sort()) {
    notes.push(
      ...environmentPairNotes(
        label,
        ownValue(baseline.environments, label),
        current.environments[label],
      ),
    );
  }
  for (const scenario of Object.keys(current.datasets).sort()) {
    const before = ownValue(baseline.datasets, scenario);
    const after = ownValue(current.datasets, scenario);
    if (before && after && before.sha256 !== after.sha256) {
      notes.push({
        id: `dataset:${scenario}`,
        kind: "dataset",
        baseline: before.sha256.slice(0, 12),
        current: after.sha256.slice(0, 12),
        message: `dataset ${scenario} differs (sha256 ${before.sha256.slice(0, 12)} → ${
          after.sha256.slice(0, 12)
        }): times are per record of different data`,
      });
    }
    const jsonBefore = before?.jsonTier;
    const jsonAfter = after?.jsonTier;
    if (jsonBefore && jsonAfter && jsonBefore.sha256 !== jsonAfter.sha256) {
      const label = tieredScenario(scenario, "json");
      notes.push({
        id: `dataset:${label}`,
        kind: "dataset",
        baseline: jsonBefore.sha256.slice(0, 12),
        current: jsonAfter.sha256.slice(0, 12),
        message: `dataset ${label} (the JSON tier) differs (sha256 ${
          jsonBefore.sha256.slice(0, 12)
        } → ${jsonAfter.sha256.slice(0, 12)}): times are per record of different data`,
      });
    }
  }
  return notes;
}

/**
 * Ids of the notes that affect a row of (target, environment label, scenario, tier). A JSON-tier
 * row is affected by its own file and by the typed file it is projected from.
 */
export function notesForRow(
  notes: readonly EnvironmentNote[],
  row: { target: string; environmentLabel: string; scenario: string; tier: DataTier },
): string[] {
  const library = competitorLibrary(row.target);
  return notes.filter((note) => {
    switch (note.kind) {
      case "cpu":
        return true;
      case "python":
        return note.id === `python:${row.environmentLabel}`;
      case "library":
        return library !== null && note.id === `library:${row.environmentLabel}:${library}`;
      case "dataset":
        return note.id === `dataset:${row.scenario}` ||
          note.id === `dataset:${tieredScenario(row.scenario, row.tier)}`;
      case "incomplete":
        return false; // Attached by `incompleteNoteIds()`, from the cells themselves.
      case "instructions":
        return instrumentationNoteApplies(note, row.environmentLabel);
    }
  }).map((note) => note.id);
}

/**
 * The "incomplete run" note of a record that stopped early (`side` names it in the comparison:
 * `baseline`, `current`, or `run` for a comparison within one run); none for a complete record.
 */
export function incompleteRunNote(
  record: MeasuredRunRecord,
  side: "baseline" | "current" | "run",
): EnvironmentNote[] {
  if (record.complete) return [];
  const who = side === "run" ? "the run" : `the ${side} run`;
  const detail = record.incomplete
    ? `stopped at its time limit after ${record.incomplete.processesDone} of ${record.incomplete.processesPlanned} process(es); ${record.incomplete.cellsNotReached} cell(s) it never reached show as missing rows, and measured cells may have fewer processes than planned`
    : "is marked incomplete; cells it did not measure show as missing rows";
  return [{
    id: `incomplete:${side}`,
    kind: "incomplete",
    baseline: null,
    current: null,
    message: `incomplete run: ${who} (${record.runId.slice(0, 12)}) ${detail}`,
  }];
}

/** Ids of the incomplete-run notes that explain a row: a side's cell was never reached. */
export function incompleteNoteIds(
  notes: readonly EnvironmentNote[],
  cells: { baseline: MeasuredCell | null; current: MeasuredCell | null },
  sides: { baseline: string; current: string },
): string[] {
  const ids: string[] = [];
  for (const key of ["baseline", "current"] as const) {
    const cell = cells[key];
    const id = `incomplete:${sides[key]}`;
    if (cell && isNotReached(cell) && notes.some((n) => n.id === id) && !ids.includes(id)) {
      ids.push(id);
    }
  }
  return ids;
}
