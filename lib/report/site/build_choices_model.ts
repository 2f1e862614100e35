/**
 * "Which configuration, which version": per scenario, DataSON's configurations (with the
 * recommendations) and DataSON's versions side by side, each from the newest run holding that
 * suite.
 */

import type { MeasuredRunRecord } from "../../results/run_record.ts";
import { buildConfigurationsModel } from "./build_configurations_model.ts";
import { RECOMMENDATION_RULE } from "./build_recommendations.ts";
import { buildVersionsModel } from "./build_versions_model.ts";
import { runRef } from "./run_ref.ts";
import { anchorId, orderScenarios } from "./scenario_order.ts";
import type { ChoicesSection } from "./types.ts";

export function buildChoicesModel(
  configurations: MeasuredRunRecord | null,
  versions: MeasuredRunRecord | null,
): ChoicesSection | null {
  if (configurations === null && versions === null) return null;
  const configurationScenarios = configurations === null
    ? []
    : buildConfigurationsModel(configurations);
  const versionScenarios = versions === null ? [] : buildVersionsModel(versions);
  const scenarios = orderScenarios([
    ...configurationScenarios.map((s) => s.scenario),
    ...versionScenarios.map((s) => s.scenario),
  ]);
  return {
    configurationsRun: configurations === null ? null : runRef(configurations),
    versionsRun: versions === null ? null : runRef(versions),
    rule: RECOMMENDATION_RULE,
    scenarios: scenarios.map((scenario) => ({
      scenario,
      anchor: anchorId("choices", scenario),
      configurations: configurationScenarios.find((s) => s.scenario === scenario) ?? null,
      versions: versionScenarios.find((s) => s.scenario === scenario) ?? null,
    })),
  };
}
