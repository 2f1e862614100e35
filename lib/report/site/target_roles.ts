/** What a target is, for labels and for choosing the reference of ratios. */

import { COMPETITOR_TARGETS } from "../../config/builtin_targets.ts";
import { libraryOfTarget } from "../../trends/build_series.ts";

export type TargetRole = "DataSON" | "competitor" | "loop overhead" | "custom";

export function isDatasonTarget(target: string): boolean {
  return libraryOfTarget(target) === "datason";
}

export function targetRole(target: string): TargetRole {
  if (isDatasonTarget(target)) return "DataSON";
  if (target === "noop") return "loop overhead";
  if (COMPETITOR_TARGETS.includes(target)) return "competitor";
  return "custom";
}

/** A competitor in the sense of the headline: a built-in competitor or a custom target. */
export function isCompetitor(target: string): boolean {
  const role = targetRole(target);
  return role === "competitor" || role === "custom";
}

/** DataSON's default target when present, else the first DataSON target, else null. */
export function referenceTarget(targets: readonly string[]): string | null {
  if (targets.includes("datason")) return "datason";
  return targets.find(isDatasonTarget) ?? null;
}
