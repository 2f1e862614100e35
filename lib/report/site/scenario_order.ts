/** Scenario order, the (scenario, tier) sections and anchors shared by every section of the page. */

import { DATA_TIERS, type DataTier, SCENARIO_NAMES, tierLabel } from "../../_common/vocabulary.ts";

/** The built-in scenarios in their documented order, then any others by name. */
export function orderScenarios(names: Iterable<string>): string[] {
  const unique = [...new Set(names)];
  const known = SCENARIO_NAMES.filter((s) => unique.includes(s)) as string[];
  const others = unique.filter((s) => !known.includes(s)).sort();
  return [...known, ...others];
}

/** A scenario measured on one tier: one table, one headline, one chart. */
export interface ScenarioSlot {
  scenario: string;
  tier: DataTier;
}

/** The (scenario, tier) pairs of `cells`: scenarios in order, the typed tier before the JSON tier. */
export function orderSlots(
  cells: Iterable<{ scenario: string; tier?: DataTier }>,
): ScenarioSlot[] {
  const list = [...cells];
  return orderScenarios(list.map((c) => c.scenario)).flatMap((scenario) =>
    DATA_TIERS.filter((tier) =>
      list.some((c) => c.scenario === scenario && (c.tier ?? "typed") === tier)
    )
      .map((tier) => ({ scenario, tier }))
  );
}

/** `api_fast` on the typed tier, `api_fast · JSON tier` on the other; `withTyped` names both. */
export function slotLabel(slot: ScenarioSlot, withTyped = false): string {
  return slot.tier === "typed" && !withTyped
    ? slot.scenario
    : `${slot.scenario} · ${tierLabel(slot.tier)}`;
}

/** The cells of one slot. */
export function inSlot<C extends { scenario: string; tier?: DataTier }>(
  cells: readonly C[],
  slot: ScenarioSlot,
): C[] {
  return cells.filter((c) => c.scenario === slot.scenario && (c.tier ?? "typed") === slot.tier);
}

/** An id usable as an HTML anchor: `latest-competitive-api_fast`. */
export function anchorId(...parts: string[]): string {
  return parts.join("-").toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
}

/** The parts of a slot's anchor: the typed tier keeps the scenario's anchor of older pages. */
export function slotAnchorParts(slot: ScenarioSlot): string[] {
  return slot.tier === "typed" ? [slot.scenario] : [slot.scenario, slot.tier];
}
