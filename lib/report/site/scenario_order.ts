/** Scenario order and anchors shared by every section of the page. */

import { SCENARIO_NAMES } from "../../_common/vocabulary.ts";

/** The built-in scenarios in their documented order, then any others by name. */
export function orderScenarios(names: Iterable<string>): string[] {
  const unique = [...new Set(names)];
  const known = SCENARIO_NAMES.filter((s) => unique.includes(s)) as string[];
  const others = unique.filter((s) => !known.includes(s)).sort();
  return [...known, ...others];
}

/** An id usable as an HTML anchor: `latest-competitive-api_fast`. */
export function anchorId(...parts: string[]): string {
  return parts.join("-").toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
}
