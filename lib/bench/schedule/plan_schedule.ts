/**
 * The measurement schedule. A run has `processes` rounds; in each round every (environment,
 * scenario, tier) gets one fresh runner process, which loads that tier's dataset file. Order
 * matters on a shared machine: drift of the machine must not turn into a difference between
 * libraries or versions, so
 *
 * - the (scenario, tier) slots run in a seeded random order per round (with the typed tier alone
 *   this is the scenario order the schedule always had);
 * - within a scenario, the environments follow each other directly (so an A/B pair is measured
 *   minutes apart at most): alternating for two environments (AB, BA, AB … — the ABBA design), a
 *   seeded permutation per round for more;
 * - inside a process, the cells (target × operation) run in a seeded order per process, never the
 *   same order as the same process of the previous round (when there are 3 or more cells).
 *
 * With `processScope: "environment"` one runner process per (round, environment) measures all of
 * that environment's slots, loading each dataset in turn: per round the environments run in a
 * seeded order (alternating for two), and each environment's slots in a seeded order of their own.
 * The planned processes of one runner process share a `group`.
 */

import { createRng } from "../../_common/prng.ts";
import type { DataTier } from "../../_common/vocabulary.ts";

export interface ScheduleCell {
  target: string;
  operation: string;
}

export interface ScheduleRequest {
  seed: number;
  /**
   * Rounds; an (environment, scenario) with fewer `processes` (a per-scenario or per-suite
   * override) sits out the later rounds.
   */
  processes: number | ((scenario: string, environment: string) => number);
  environments: string[];
  scenarios: string[];
  /** The tiers each scenario is measured on, in order. @default ["typed"] */
  tiers?: (scenario: string) => readonly DataTier[];
  /** The cells measured in a scenario, environment and tier (an empty list: no process). */
  cells: (scenario: string, environment: string, tier: DataTier) => ScheduleCell[];
  /** One runner process per (round, environment, scenario, tier), or per (round, environment). */
  processScope?: "scenario" | "environment";
}

export interface PlannedProcess {
  round: number;
  environment: string;
  scenario: string;
  /** The dataset file the process loads: the typed records or their JSON-tier projection. */
  tier: DataTier;
  /** `target/operation` keys in measuring order. */
  cells: string[];
  /**
   * Planned processes with the same group run one after the other in one runner process (the
   * `environment` process scope); absent: a process of its own.
   */
  group?: string;
}

export function cellId(cell: ScheduleCell): string {
  return `${cell.target}/${cell.operation}`;
}

export function planSchedule(request: ScheduleRequest): PlannedProcess[] {
  const plan: PlannedProcess[] = [];
  const previous = new Map<string, string>();
  const processesOf = (scenario: string, environment: string) =>
    typeof request.processes === "number"
      ? request.processes
      : request.processes(scenario, environment);
  const rounds = Math.max(
    0,
    ...request.scenarios.flatMap((s) => request.environments.map((e) => processesOf(s, e))),
  );
  const slots = request.scenarios.flatMap((scenario) =>
    (request.tiers?.(scenario) ?? ["typed" as const]).map((tier) => ({ scenario, tier }))
  );
  const orderCells = (
    rng: ReturnType<typeof createRng>,
    round: number,
    environment: string,
    scenario: string,
    tier: DataTier,
  ): string[] | null => {
    if (round >= processesOf(scenario, environment)) return null;
    const ids = request.cells(scenario, environment, tier).map(cellId);
    if (ids.length === 0) return null;
    const key = `${environment}\u0000${scenario}\u0000${tier}`;
    let order = rng.shuffle(ids);
    for (
      let attempt = 0;
      ids.length >= 3 && order.join() === previous.get(key) && attempt < 20;
      attempt++
    ) {
      order = rng.shuffle(ids);
    }
    previous.set(key, order.join());
    return order;
  };
  for (let round = 0; round < rounds; round++) {
    const rng = createRng(request.seed, `schedule/round-${round}`);
    if (request.processScope === "environment") {
      const environments = request.environments.length === 2
        ? round % 2 === 0 ? [...request.environments] : [...request.environments].reverse()
        : rng.shuffle(request.environments);
      for (const environment of environments) {
        for (const { scenario, tier } of rng.shuffle(slots)) {
          const order = orderCells(rng, round, environment, scenario, tier);
          if (order === null) continue;
          plan.push({
            round,
            environment,
            scenario,
            tier,
            cells: order,
            group: `${round}/${environment}`,
          });
        }
      }
      continue;
    }
    for (const { scenario, tier } of rng.shuffle(slots)) {
      const environments = request.environments.length === 2
        ? round % 2 === 0 ? [...request.environments] : [...request.environments].reverse()
        : rng.shuffle(request.environments);
      for (const environment of environments) {
        const order = orderCells(rng, round, environment, scenario, tier);
        if (order === null) continue;
        plan.push({ round, environment, scenario, tier, cells: order });
      }
    }
  }
  return plan;
}
