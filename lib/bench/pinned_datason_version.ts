import { requirementName } from "./environments/find_failed_requirements.ts";

/**
 * The DataSON release an environment's requirements pin exactly (`datason==0.13.0`, extras and
 * markers allowed), or null: unpinned, a range, a checkout folder or a snapshot.
 */
export function pinnedDatasonVersion(requirements: readonly string[]): string | null {
  for (const requirement of requirements) {
    if (requirementName(requirement) !== "datason") continue;
    const spec = requirement.split(";")[0];
    const match = /^[^=<>!~]*===?\s*([0-9][0-9A-Za-z.+!-]*)\s*$/.exec(spec);
    return match && !match[1].includes("*") ? match[1] : null;
  }
  return null;
}
