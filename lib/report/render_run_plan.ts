/**
 * What `run --dry-run` and `pr --dry-run` print, and the plan lines `run` logs: the run's shape,
 * the duration estimate, the settings per (scenario, environment) and the first round's order.
 */

import { terminalText } from "./control_characters.ts";
import { formatDuration } from "../_common/format.ts";
import { type DataTier, tieredScenario, tierLabel } from "../_common/vocabulary.ts";

/** The parts of a prepared run (`PreparedRun` of lib/bench/run_benchmark.ts) a plan shows. */
export interface RunPlanView {
  options: {
    suites: readonly string[];
    profile: string;
    shard: { index: number; count: number } | null;
    scenarios: readonly string[];
    tiers: readonly DataTier[];
    environments: readonly string[];
  };
  settings: Record<
    string,
    {
      processes: number;
      values: number;
      warmups: number;
      minValueSeconds: number;
      timeoutSeconds: number;
    }
  >;
  cells: readonly {
    environment: string;
    scenario: string;
    tier: DataTier;
    target: { id: string };
    operation: string;
    suites: readonly string[];
  }[];
  plan: readonly {
    round: number;
    environment: string;
    scenario: string;
    tier: DataTier;
    cells: readonly string[];
  }[];
  records: Record<string, number>;
  datasetsKnown: boolean;
  /** Valgrind processes (one per environment, scenario and layout) and the layouts. */
  countProcesses: number;
  layouts: readonly unknown[];
  /** How the two sides of an A/B run are timed (absent: one process after the other). */
  pairing?: string;
}

/** The parts of a duration estimate (`DurationEstimate` of lib/bench/estimate_duration.ts). */
export interface EstimateView {
  seconds: number;
  fromHistory: number;
  historyRunId: string | null;
  calibration: { runId: string; factor: number } | null;
  /** Of `seconds`, the instruction counts under Valgrind. */
  countSeconds: number;
}

/**
 * `suites …, profile …: N scenario(s) × tiers typed, json, N environment(s), N cell(s), N
 * process(es)`.
 */
export function runSummaryLine(prepared: RunPlanView): string {
  const options = prepared.options;
  const units = new Set(
    prepared.cells.map((c) =>
      `${c.environment}/${tieredScenario(c.scenario, c.tier)}/${c.target.id}/${c.operation}`
    ),
  );
  return `suites ${options.suites.join(", ")}, profile ${options.profile}` +
    (options.shard ? `, shard ${options.shard.index}/${options.shard.count}` : "") +
    `: ${options.scenarios.length} scenario(s) × tier${options.tiers.length === 1 ? "" : "s"} ` +
    `${options.tiers.join(", ")}, ${options.environments.length} environment(s), ` +
    `${units.size} cell(s), ${prepared.plan.length} process(es)` +
    (prepared.pairing === "lockstep" || prepared.pairing === "duet"
      ? ` (paired: ${prepared.pairing})`
      : "") +
    (prepared.countProcesses > 0
      ? ` + ${prepared.countProcesses} under Valgrind (${prepared.layouts.length} layout(s))`
      : "");
}

/** `estimated duration: ~12 min (where the timings came from)`. */
export function estimateLine(estimate: EstimateView, datasetsKnown: boolean): string {
  return `estimated duration: ~${formatDuration(estimate.seconds)} (` +
    (estimate.fromHistory >= 1
      ? `every cell timed from run ${estimate.historyRunId!.slice(0, 12)} and earlier`
      : estimate.fromHistory > 0
      ? `${Math.round(estimate.fromHistory * 100)}% of the cells timed from run ${
        estimate.historyRunId!.slice(0, 12)
      } and earlier, the rest guessed`
      : "no stored run to take timings from: a rough guess") +
    (estimate.calibration
      ? `; ×${estimate.calibration.factor.toFixed(2)} for this machine, from how long run ${
        estimate.calibration.runId.slice(0, 12)
      } took`
      : "") +
    (estimate.countSeconds > 0
      ? `; ${formatDuration(estimate.countSeconds)} of it counting instructions under Valgrind`
      : "") +
    (datasetsKnown ? "" : "; datasets not generated yet") + ")";
}

/** The plan: the two header lines, then settings and targets per scenario and environment. */
export function renderPlan(prepared: RunPlanView, summary: string, estimate: string): string {
  const lines = [summary, estimate, ""];
  for (const scenario of prepared.options.scenarios) {
    lines.push(`${scenario}:`);
    for (const environment of prepared.options.environments) {
      const inEnvironment = prepared.cells.filter((c) =>
        c.scenario === scenario && c.environment === environment
      );
      const key = `${environment}/${scenario}`;
      const s = prepared.settings[key];
      if (inEnvironment.length === 0 || s === undefined) continue;
      lines.push(
        `  ${environment}: ${prepared.records[key]} record(s), ${s.processes} process(es) × ` +
          `${s.values} value(s) (+${s.warmups} warm-up) ≥ ${s.minValueSeconds} s, timeout ${s.timeoutSeconds} s`,
      );
      for (const tier of prepared.options.tiers) {
        const here = inEnvironment.filter((c) => c.tier === tier);
        if (here.length === 0) continue;
        const targets = [...new Set(here.map((c) => c.target.id))];
        lines.push(
          `    ${tierLabel(tier)}: ${targets.join(", ")} × ${
            [...new Set(here.map((c) => c.operation))].join(", ")
          }`,
        );
      }
    }
  }
  lines.push("", "first round order:");
  for (const p of prepared.plan.filter((p) => p.round === 0)) {
    lines.push(
      `  ${tieredScenario(p.scenario, p.tier)} in ${p.environment}: ${p.cells.join(" ")}`,
    );
  }
  return terminalText(`${lines.join("\n")}\n`);
}

/** `run --dry-run --json`: the plan as a `datason-bench/run-plan@1` document. */
export function runPlanDocument(prepared: RunPlanView, estimate: EstimateView) {
  const { options } = prepared;
  return {
    schema: "datason-bench/run-plan@1",
    suites: options.suites,
    profile: options.profile,
    shard: options.shard,
    scenarios: options.scenarios,
    tiers: options.tiers,
    environments: options.environments,
    settings: prepared.settings,
    records: prepared.records,
    cells: prepared.cells.map((c) => ({
      environment: c.environment,
      scenario: c.scenario,
      tier: c.tier,
      target: c.target.id,
      operation: c.operation,
      suites: c.suites,
    })),
    processes: prepared.plan.length,
    estimate,
  };
}
