/**
 * DataSON's versions on each scenario (the `versions` suite: the default target in one environment
 * per released version, interleaved per round): each version's times and the change against the
 * previous version (point estimate of the medians; across fidelity classes "fidelity changed:
 * mismatch → exact" instead of a Δ, lib/regression/speed_ratio.ts), output bytes, peak memory and
 * fidelity. The fastest version is named among those whose output round-trips.
 */

import { ownValue } from "../../_common/own_key.ts";
import type { MeasuredCell, MeasuredRunRecord } from "../../results/run_record.ts";
import { formatBytes, formatNs } from "../../_common/format.ts";
import { canWin, speedRatio } from "../../regression/speed_ratio.ts";
import { changeCell } from "../ratio_text.ts";
import { targetFidelity } from "./headline_ratios.ts";
import { anyInstructions, cellTime, instructionsText, outputBytesOf } from "./cell_values.ts";
import { largerPeak } from "./build_configurations_model.ts";
import { compareVersions } from "./compare_versions.ts";
import { displayStatus, errorText, foldFidelity } from "./fold_fidelity.ts";
import { inSlot, orderSlots, slotLabel } from "./scenario_order.ts";
import type { VersionRow, VersionScenario } from "./types.ts";

function datasonVersion(record: MeasuredRunRecord, environment: string): string | null {
  const env = ownValue(record.environments, environment);
  return env?.libraries.datason?.version ?? env?.freeze.datason ?? null;
}

export function buildVersionsModel(
  record: MeasuredRunRecord,
  suite = "versions",
): VersionScenario[] {
  const cells = record.cells.filter((c) => c.suite === suite);
  const environments = [...new Set(cells.map((c) => c.environment))].sort((a, b) =>
    compareVersions(datasonVersion(record, a), datasonVersion(record, b)) ||
    (a < b ? -1 : a > b ? 1 : 0)
  );
  return orderSlots(cells).map((slot) => {
    const ofSlot = inSlot(cells, slot);
    const find = (environment: string, operation: string) =>
      ofSlot.find((c) => c.environment === environment && c.operation === operation);
    const fidelityOf = (environment: string) => {
      const own = ofSlot.filter((c) => c.environment === environment);
      return own.length === 0 ? null : targetFidelity(own, own[0].target);
    };
    const present = environments.filter((e) => find(e, "serialize") || find(e, "deserialize"));
    let previous: {
      version: string;
      serialize: number | null;
      deserialize: number | null;
      fidelity: MeasuredCell["fidelity"];
    } | null = null;
    const fastest: Record<"serialize" | "deserialize", { version: string; ns: number } | null> = {
      serialize: null,
      deserialize: null,
    };
    // Versions with a time whose output does not round-trip: measured, never the fastest.
    const excluded: string[] = [];
    const rows: VersionRow[] = present.map((environment) => {
      const serialize = find(environment, "serialize");
      const deserialize = find(environment, "deserialize");
      const s = cellTime(serialize)?.median ?? null;
      const d = cellTime(deserialize)?.median ?? null;
      const version = datasonVersion(record, environment) ?? "unknown";
      const fidelity = fidelityOf(environment);
      const change = (now: number | null, before: number | null | undefined) =>
        previous === null ? "first" : changeCell(
          speedRatio({ ns: now, fidelity }, { ns: before ?? null, fidelity: previous.fidelity }),
        );
      // A version whose output does not round-trip is never the fastest.
      if ((s !== null || d !== null) && !canWin(fidelity)) excluded.push(version);
      for (const [operation, ns] of [["serialize", s], ["deserialize", d]] as const) {
        if (
          ns !== null && canWin(fidelity) &&
          (fastest[operation] === null || ns < fastest[operation]!.ns)
        ) {
          fastest[operation] = { version, ns };
        }
      }
      const failures = [serialize, deserialize].filter((c): c is MeasuredCell =>
        c !== undefined && cellTime(c) === null
      ).map((c) => `${c.operation} ${displayStatus(c)}: ${errorText(c)}`);
      const row: VersionRow = {
        environment,
        version,
        serialize: s === null
          ? (serialize ? displayStatus(serialize) : "not measured")
          : formatNs(s),
        serializeChange: change(s, previous?.serialize),
        deserialize: d === null
          ? (deserialize ? displayStatus(deserialize) : "not measured")
          : formatNs(d),
        deserializeChange: change(d, previous?.deserialize),
        serializeInstructions: instructionsText(serialize),
        deserializeInstructions: instructionsText(deserialize),
        outputBytes: formatBytes(outputBytesOf(serialize, deserialize)),
        peakTraced: formatBytes(largerPeak(serialize, deserialize)),
        fidelity: foldFidelity(serialize, deserialize)!,
        failure: failures.join("; "),
      };
      // The next version is compared with the last one that was measured.
      if (s !== null || d !== null) {
        previous = { version, serialize: s, deserialize: d, fidelity };
      }
      return row;
    });
    const among = excluded.length === 0
      ? ""
      : ` (among the versions whose output round-trips; not ${excluded.join(", ")})`;
    const summary = previous === null
      ? "No version completed an operation on this scenario."
      : fastest.serialize === null && fastest.deserialize === null
      ? "No version gave the data back (exact or lossy) on this scenario: none is the fastest."
      : fastest.serialize?.version === fastest.deserialize?.version
      ? `Fastest: ${fastest.serialize!.version} (both operations)${among}.`
      : `Fastest serialize: ${fastest.serialize?.version ?? "none"}; fastest deserialize: ${
        fastest.deserialize?.version ?? "none"
      }${among}.`;
    return { scenario: slotLabel(slot), hasInstructions: anyInstructions(ofSlot), rows, summary };
  });
}
