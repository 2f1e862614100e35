/**
 * "At a glance": per scenario and tier, DataSON's default target — its time for each operation
 * against the fastest competitor whose fidelity is at least DataSON's (with the ratio only where
 * the fidelities compare), and whether the data comes back — plus one line each on the recent
 * findings and the last comparison.
 */

import type { MeasuredRunRecord } from "../../results/run_record.ts";
import type { TrendsResult } from "../../trends/types.ts";
import { formatNs } from "../../_common/format.ts";
import { foldFidelity } from "./fold_fidelity.ts";
import { anyInstructions, instructionsText } from "./cell_values.ts";
import { fastestText, headlineRatios } from "./headline_ratios.ts";
import { anchorId, inSlot, orderSlots, slotAnchorParts, slotLabel } from "./scenario_order.ts";
import { referenceTarget } from "./target_roles.ts";
import type { Overview } from "./types.ts";

export function buildOverviewModel(
  record: MeasuredRunRecord,
  suite: string,
  window: TrendsResult,
  comparison: string,
): Overview | null {
  const cells = record.cells.filter((c) => c.suite === suite);
  const reference = referenceTarget([...new Set(cells.map((c) => c.target))]);
  if (reference === null) return null;
  const environment = cells.find((c) => c.target === reference)!.environment;
  const own = cells.filter((c) => c.environment === environment);
  const regressions = window.findings.regressions.length;
  const improvements = window.findings.improvements.length;
  const days = window.window.days === null
    ? "the whole history"
    : `the last ${window.window.days} days`;
  const referenceCells = own.filter((c) => c.target === reference);
  return {
    reference,
    suite,
    hasInstructions: anyInstructions(referenceCells),
    rows: orderSlots(own).map((slot) => {
      const inScenario = inSlot(own, slot);
      const s = headlineRatios(inScenario, reference, "serialize");
      const d = headlineRatios(inScenario, reference, "deserialize");
      const find = (operation: string) =>
        inScenario.find((c) => c.target === reference && c.operation === operation);
      return {
        scenario: slotLabel(slot),
        anchor: anchorId("latest", suite, ...slotAnchorParts(slot)),
        serialize: s.reference.ns === null ? s.reference.status : formatNs(s.reference.ns),
        serializeVs: fastestText(s),
        deserialize: d.reference.ns === null ? d.reference.status : formatNs(d.reference.ns),
        deserializeVs: fastestText(d),
        serializeInstructions: instructionsText(find("serialize")),
        deserializeInstructions: instructionsText(find("deserialize")),
        fidelity: foldFidelity(find("serialize"), find("deserialize")),
      };
    }),
    findings: regressions + improvements === 0
      ? `No change points or significant trends in ${days}.`
      : `${regressions} regression${regressions === 1 ? "" : "s"} and ${improvements} ` +
        `improvement${improvements === 1 ? "" : "s"} in ${days} (see History).`,
    comparison,
  };
}
