/**
 * The fidelity matrix: targets × scenarios, one folded verdict per cell (`foldFidelity`), grouped by
 * suite and tier — the competitive suite's targets on the typed and on the JSON tier, DataSON's
 * configurations, DataSON's versions — each from the newest run that holds that suite. The
 * loop-overhead target `noop` is left out: it returns its input and says nothing about fidelity.
 */

import { ownValue } from "../../_common/own_key.ts";
import type { MeasuredRunRecord } from "../../results/run_record.ts";
import { DATA_TIERS, tierLabel } from "../../_common/vocabulary.ts";
import { FIDELITY_ORDER, FIDELITY_RULE, foldFidelity } from "./fold_fidelity.ts";
import { orderScenarios } from "./scenario_order.ts";
import { isDatasonTarget } from "./target_roles.ts";
import type { FidelityMatrix, FidelityMatrixGroup, FidelityMatrixRow } from "./types.ts";

const GROUP_TITLES: Record<string, string> = {
  competitive: "DataSON and competitors",
  configurations: "DataSON configurations and API variants",
  versions: "DataSON versions",
};

/** `0.12.0 [datason-0.12]`: the DataSON version an environment had, for the versions suite. */
export function environmentLabel(record: MeasuredRunRecord, environment: string): string {
  const env = ownValue(record.environments, environment);
  const version = env?.libraries.datason?.version ?? env?.freeze.datason ?? null;
  return version === null ? environment : `${version} [${environment}]`;
}

export function buildFidelityMatrix(
  suites: readonly { suite: string; record: MeasuredRunRecord }[],
): FidelityMatrix | null {
  const scenarios = orderScenarios(
    suites.flatMap(({ suite, record }) =>
      record.cells.filter((c) => c.suite === suite).map((c) => c.scenario)
    ),
  );
  const totals = new Map<string, number>();
  const groups: FidelityMatrixGroup[] = [];
  for (const { suite, record } of suites) {
    const ofSuite = record.cells.filter((c) => c.suite === suite && c.target !== "noop");
    const tiers = DATA_TIERS.filter((tier) => ofSuite.some((c) => c.tier === tier));
    for (const tier of tiers) {
      const cells = ofSuite.filter((c) => c.tier === tier);
      const keys: { target: string; environment: string }[] = [];
      for (const c of cells) {
        if (!keys.some((k) => k.target === c.target && k.environment === c.environment)) {
          keys.push({ target: c.target, environment: c.environment });
        }
      }
      const environments = new Set(keys.map((k) => k.environment));
      const rows: FidelityMatrixRow[] = keys.map((key) => ({
        label: suite === "versions"
          ? `${key.target} ${environmentLabel(record, key.environment)}`
          : environments.size > 1
          ? `${key.target} [${key.environment}]`
          : key.target,
        isDatason: isDatasonTarget(key.target),
        cells: scenarios.map((scenario) => {
          const find = (operation: string) =>
            cells.find((c) =>
              c.scenario === scenario && c.target === key.target &&
              c.environment === key.environment && c.operation === operation
            );
          const fidelity = foldFidelity(find("serialize"), find("deserialize"));
          if (fidelity !== null) {
            totals.set(fidelity.verdict, (totals.get(fidelity.verdict) ?? 0) + 1);
          }
          return { scenario, fidelity };
        }),
      }));
      if (rows.length > 0) {
        const title = GROUP_TITLES[suite] ?? `The ${suite} suite`;
        groups.push({
          suite,
          title: tiers.length > 1 || tier !== "typed" ? `${title} · ${tierLabel(tier)}` : title,
          rows,
        });
      }
    }
  }
  if (groups.length === 0) return null;
  const order = [...FIDELITY_ORDER, "unknown"] as string[];
  return {
    scenarios,
    groups,
    rule: FIDELITY_RULE,
    totals: [...totals].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
      .map(([verdict, count]) => `${count} ${verdict}`).join(" · "),
  };
}
