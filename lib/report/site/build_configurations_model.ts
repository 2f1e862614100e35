/**
 * DataSON's configurations on each scenario (the `configurations` suite of one run): a row per
 * target — default composition, API variants, config profiles — with both times, the round trip,
 * its ratio to the default target, output bytes, peak memory and fidelity, plus the
 * recommendations of `recommend()`.
 */

import type { MeasuredCell, MeasuredRunRecord } from "../../results/run_record.ts";
import { formatBytes, formatNs } from "../../_common/format.ts";
import { speedRatio } from "../../regression/speed_ratio.ts";
import { ratioCell } from "../ratio_text.ts";
import { anyInstructions, cellTime, instructionsText, outputBytesOf } from "./cell_values.ts";
import {
  type Candidate,
  describeRecommendations,
  fidelityClass,
  recommend,
} from "./build_recommendations.ts";
import { displayStatus, errorText, foldFidelity } from "./fold_fidelity.ts";
import { anchorId, inSlot, orderSlots, slotAnchorParts, slotLabel } from "./scenario_order.ts";
import type { ConfigurationRow, ConfigurationScenario } from "./types.ts";

const GOAL_TAG = { fastest: "fastest", smallest: "smallest", memory: "least memory" } as const;

export function configurationKind(target: string): string {
  if (target === "datason") return "default";
  if (target === "datason-str") return "string API";
  if (/^datason-(dump|load)_/.test(target)) return "API variant";
  if (target.startsWith("datason-cfg-")) return "config profile";
  return "custom";
}

/** The larger peak traced memory of the operations that worked; null when none did. */
export function largerPeak(
  serialize: MeasuredCell | undefined,
  deserialize: MeasuredCell | undefined,
): number | null {
  const values = [serialize, deserialize]
    .filter((c) => cellTime(c) !== null)
    .map((c) => c!.peakTracedBytes)
    .filter((v): v is number => typeof v === "number");
  return values.length === 0 ? null : Math.max(...values);
}

export function candidateOf(
  target: string,
  serialize: MeasuredCell | undefined,
  deserialize: MeasuredCell | undefined,
): Candidate {
  const s = cellTime(serialize);
  const d = cellTime(deserialize);
  const fidelity = foldFidelity(serialize, deserialize);
  return {
    target,
    roundTripNs: s !== null && d !== null ? s.median + d.median : null,
    outputBytes: outputBytesOf(serialize, deserialize),
    peakBytes: largerPeak(serialize, deserialize),
    fidelity: (fidelity?.verdict ?? "unknown") as Candidate["fidelity"],
  };
}

/** Round trip ÷ the default's, only where their fidelities compare (speedRatio's rule). */
function vsDefault(
  candidate: Candidate,
  defaultCandidate: Candidate | null,
): { vsDefault: string; vsDefaultNote: string } {
  if (defaultCandidate === null) return { vsDefault: "—", vsDefaultNote: "" };
  const cell = ratioCell(speedRatio(
    { ns: candidate.roundTripNs, fidelity: fidelityClass(candidate.fidelity) },
    { ns: defaultCandidate.roundTripNs, fidelity: fidelityClass(defaultCandidate.fidelity) },
  ));
  return { vsDefault: cell.ratio, vsDefaultNote: cell.note };
}

export function buildConfigurationsModel(
  record: MeasuredRunRecord,
  suite = "configurations",
): ConfigurationScenario[] {
  const cells = record.cells.filter((c) => c.suite === suite);
  const targets = [...new Set(cells.map((c) => c.target))];
  return orderSlots(cells).map((slot) => {
    const ofSlot = inSlot(cells, slot);
    const find = (target: string, operation: string) =>
      ofSlot.find((c) => c.target === target && c.operation === operation);
    const present = targets.filter((t) => find(t, "serialize") || find(t, "deserialize"));
    const candidates = present.map((t) =>
      candidateOf(t, find(t, "serialize"), find(t, "deserialize"))
    );
    const defaultCandidate = candidates.find((c) => c.target === "datason") ?? null;
    const result = recommend(candidates);
    const rows: ConfigurationRow[] = present.map((target, i) => {
      const serialize = find(target, "serialize");
      const deserialize = find(target, "deserialize");
      const candidate = candidates[i];
      const s = cellTime(serialize);
      const d = cellTime(deserialize);
      const failures = [serialize, deserialize].filter((c): c is MeasuredCell =>
        c !== undefined && cellTime(c) === null
      ).map((c) => `${c.operation} ${displayStatus(c)}: ${errorText(c)}`);
      const pick = result.picks.find((p) => p.candidate.target === target);
      return {
        target,
        kind: configurationKind(target),
        isDefault: target === "datason",
        serialize: s === null
          ? (serialize ? displayStatus(serialize) : "not measured")
          : formatNs(s.median),
        deserialize: d === null
          ? (deserialize ? displayStatus(deserialize) : "not measured")
          : formatNs(d.median),
        serializeInstructions: instructionsText(serialize),
        deserializeInstructions: instructionsText(deserialize),
        roundTrip: formatNs(candidate.roundTripNs),
        ...vsDefault(candidate, defaultCandidate),
        outputBytes: formatBytes(candidate.outputBytes),
        peakTraced: formatBytes(candidate.peakBytes),
        fidelity: foldFidelity(serialize, deserialize)!,
        picks: pick ? pick.goals.map((g) => GOAL_TAG[g]) : [],
        failure: failures.join("; "),
      };
    });
    return {
      scenario: slotLabel(slot),
      anchor: anchorId("configurations", ...slotAnchorParts(slot)),
      hasInstructions: anyInstructions(ofSlot),
      rows,
      recommendations: describeRecommendations(result, defaultCandidate),
      note: result.note,
    };
  });
}
