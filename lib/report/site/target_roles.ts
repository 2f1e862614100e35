/** What a target is, as the page labels it, and the reference of ratios. */

import { type TargetKind, targetKind } from "../../_common/targets.ts";

export type TargetRole = "DataSON" | "competitor" | "loop overhead" | "custom";

const ROLE_LABELS: Record<TargetKind, TargetRole> = {
  datason: "DataSON",
  competitor: "competitor",
  noop: "loop overhead",
  custom: "custom",
};

export function isDatasonTarget(target: string): boolean {
  return targetKind(target) === "datason";
}

export function targetRole(target: string): TargetRole {
  return ROLE_LABELS[targetKind(target)];
}

/** A competitor in the sense of the headline: a built-in competitor or a custom target. */
export function isCompetitor(target: string): boolean {
  const kind = targetKind(target);
  return kind === "competitor" || kind === "custom";
}

/** DataSON's default target when present, else the first DataSON target, else null. */
export function referenceTarget(targets: readonly string[]): string | null {
  if (targets.includes("datason")) return "datason";
  return targets.find(isDatasonTarget) ?? null;
}
