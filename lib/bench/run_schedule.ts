/**
 * Executes an interleaved schedule (`planSchedule`): one fresh runner process per planned
 * (round, environment, scenario, tier) — or per (round, environment) with the `environment`
 * process scope, loading each slot's dataset in turn — the cells in the planned order, `loops`
 * calibrated by a cell's first process and reused; in the first `memoryProcesses` rounds each
 * slot's memory after its timing, in the same process; then instruction counts, one Valgrind
 * process per (environment, scenario, tier, layout), `concurrency` at a time and never beside a
 * timing process. With `pairing` `lockstep` or `duet` the two sides of each A/B slot run as a pair
 * of live processes (`measurePairInProcesses`). Every finished cell and process goes
 * to the journal first, so a run can stop at any moment (Ctrl-C, `--max-minutes`, a kill) and be
 * resumed without measuring anything twice.
 *
 * A (environment, scenario, tier, target, operation) is measured once even when several suites
 * list it; the RunRecord gets one cell per suite with the same values.
 */

import { InputError } from "../_common/errors.ts";
import type {
  EnvironmentInfo,
  MeasuredCell,
  Pairing,
  ScheduleEntry,
} from "../results/run_record.ts";
import { type DataTier, type Operation, tieredScenario } from "../_common/vocabulary.ts";
import { CellAccumulator } from "./cell_accumulator.ts";
import { INSTRUCTIONS_PER_NS } from "./estimate_duration.ts";
import { environmentInfoFromHello } from "./environment_info.ts";
import type { JournalEntry, JournalWriter } from "./journal.ts";
import {
  type CellOutcome,
  type DatasetRef,
  keyOf,
  measureSlotsInProcess,
  type MemoryOutcome,
  probeEnvironment,
  type RunnerEnvironment,
  type SlotPlan,
} from "./measure_scenario.ts";
import { measurePairInProcesses, type ValuePairing } from "./measure_pair.ts";
import {
  countsTarget,
  DEFAULT_MEMORY_PROCESSES,
  type ScenarioMeasureSettings,
  settingsKey,
} from "./measure_settings.ts";
import { type CountOutcome, countScenarioInProcess, type SelfCheck } from "./count_scenario.ts";
import type { CountMarker, HelloReply, LoadedReply, TargetSpec } from "./protocol.ts";
import { callgrindLauncher } from "./valgrind/callgrind_launcher.ts";
import { type Layout, layoutEnvironment } from "./valgrind/layouts.ts";
import type { PlannedProcess } from "./schedule/plan_schedule.ts";
import { makeTempDir } from "../_common/make_temp_dir.ts";
import { environmentFolder } from "./environment_folder.ts";

export interface ScheduledScenario {
  dataset: DatasetRef;
  settings: ScenarioMeasureSettings;
}

/**
 * Key of one (environment, scenario, tier): its processes load one dataset file. The typed tier's
 * key is the settings key (`default/api_fast`), the JSON tier's `default/api_fast@json`.
 */
export function slotKey(environment: string, scenario: string, tier: DataTier): string {
  return settingsKey(environment, tieredScenario(scenario, tier));
}

/** One measurement unit and the suites it belongs to. */
export interface ScheduledCell {
  environment: string;
  scenario: string;
  tier: DataTier;
  target: TargetSpec;
  operation: Operation;
  suites: string[];
  /**
   * Target name in keys and records when it differs from `target.id`: `calibrate` measures one
   * target several times in a process (its A/A copy, its slowed copies) under distinct labels.
   */
  label?: string;
  /** Injected slowdown of this side: values stretched by this fraction (see runner.py). */
  stretch?: number;
  /**
   * Injected instructions of this copy: iterations of the runner's known spin per layout index
   * (calibrate sizes them from the plain copy's counts); absent = none.
   */
  spin?: number[];
}

/** The name a cell has in schedules and records. */
export function cellLabel(cell: Pick<ScheduledCell, "target" | "label">): string {
  return cell.label ?? cell.target.id;
}

export interface ScheduleInput {
  environments: RunnerEnvironment[];
  /** Dataset and settings per `slotKey(environment, scenario, tier)`. */
  scenarios: Record<string, ScheduledScenario>;
  cells: ScheduledCell[];
  plan: PlannedProcess[];
  /** Skip the memory measurements (`calibrate` only needs times). */
  skipMemory?: boolean;
  /**
   * How the two sides of an A/B run are timed (`measure_pair.ts`): with `lockstep` or `duet`, the
   * planned processes of one round's (scenario, tier) in two environments — next to each other in
   * the plan — run as a pair. Absent or `process`: one process after the other.
   */
  pairing?: Pairing;
  /** How instructions are counted, when a scenario's settings ask for them. */
  instructions?: ScheduleInstructions | null;
}

/** What the instruction phase needs: Valgrind, the marker and the run's layouts. */
export interface ScheduleInstructions {
  valgrind: string;
  marker: CountMarker;
  layouts: Layout[];
  /**
   * The folder each counted cell's compact instruction profile is stored in
   * (`<results>/profiles`); null or absent: no profiles are kept.
   */
  profilesDir?: string | null;
}

export type ScheduleEvent =
  | { kind: "environment"; environment: string; hello: HelloReply }
  | {
    kind: "process";
    environment: string;
    scenario: string;
    tier: DataTier;
    round: number;
    rounds: number;
    index: number;
    total: number;
  }
  | {
    kind: "loaded";
    environment: string;
    scenario: string;
    tier: DataTier;
    loaded: LoadedReply;
  }
  | {
    kind: "cell";
    environment: string;
    scenario: string;
    tier: DataTier;
    round: number;
    outcome: CellOutcome;
  }
  | {
    kind: "memory";
    environment: string;
    scenario: string;
    tier: DataTier;
    outcome: MemoryOutcome;
  }
  | {
    kind: "count-start";
    environment: string;
    scenario: string;
    tier: DataTier;
    layout: number;
    index: number;
    total: number;
  }
  | {
    kind: "self-check";
    environment: string;
    scenario: string;
    tier: DataTier;
    layout: number;
    check: SelfCheck;
  }
  | {
    kind: "count";
    environment: string;
    scenario: string;
    tier: DataTier;
    outcome: CountOutcome;
  };

export interface ScheduleHooks {
  /** Aborted on Ctrl-C / SIGTERM: the process in progress is killed at once. */
  signal?: AbortSignal;
  /** True stops cleanly after the cell in progress (`--max-minutes`). */
  shouldStop?: () => boolean;
  onEvent?: (event: ScheduleEvent) => void;
  onStderr?: (text: string) => void;
  journal?: JournalWriter;
}

export interface ScheduleResult {
  cells: MeasuredCell[];
  schedule: ScheduleEntry[];
  environments: Record<string, EnvironmentInfo>;
  /** Runner processes started by this call (hello probes included). */
  processes: number;
  /** Interrupted by the signal. */
  aborted: boolean;
  /** Stopped by `shouldStop` (time limit). */
  stopped: boolean;
  /** True when every planned process and memory measurement finished. */
  complete: boolean;
  /** First fidelity difference per `scenario/target/environment` (`scenario@json` on that tier). */
  fidelityNotes: Record<string, string>;
  /** Memory failures per `scenario/target/environment/operation` (`scenario@json` likewise). */
  memoryErrors: Record<string, string>;
}

function unitKey(environment: string, scenario: string, tier: DataTier, key: string): string {
  return `${environment}\u0000${tieredScenario(scenario, tier)}\u0000${key}`;
}

function countKey(
  environment: string,
  scenario: string,
  tier: DataTier,
  layout: number,
): string {
  return `${environment}\u0000${tieredScenario(scenario, tier)}\u0000${layout}`;
}

function processKey(
  p: { round: number; environment: string; scenario: string; tier?: DataTier },
): string {
  return `${p.round}\u0000${p.environment}\u0000${tieredScenario(p.scenario, p.tier)}`;
}

/** What has been measured so far; built empty, or replayed from a journal for `--resume`. */
export class ScheduleState {
  readonly accumulators = new Map<string, { cell: ScheduledCell; accumulator: CellAccumulator }>();
  readonly measured = new Set<string>();
  readonly doneProcesses = new Set<string>();
  /** `environment\0scenario\0layout` of Valgrind processes that finished. */
  readonly countsDone = new Set<string>();
  readonly schedule: ScheduleEntry[] = [];
  readonly environments: Record<string, EnvironmentInfo> = {};
  readonly fidelityNotes: Record<string, string> = {};
  readonly memoryErrors: Record<string, string> = {};

  /** `lockstep` or `duet`: the cells' values pair with the other side's (`MeasuredCell.pairing`). */
  readonly pairing: Pairing;

  constructor(input: ScheduleInput) {
    this.pairing = input.pairing ?? "process";
    for (const cell of input.cells) {
      const key = `${cellLabel(cell)}/${cell.operation}`;
      this.accumulators.set(unitKey(cell.environment, cell.scenario, cell.tier, key), {
        cell,
        accumulator: new CellAccumulator({
          suite: cell.suites[0],
          scenario: cell.scenario,
          tier: cell.tier,
          target: cellLabel(cell),
          environment: cell.environment,
          operation: cell.operation,
        }),
      });
    }
  }

  addCell(
    round: number,
    environment: string,
    scenario: string,
    tier: DataTier,
    outcome: CellOutcome,
  ): void {
    const key = unitKey(environment, scenario, tier, outcome.key);
    const unit = this.accumulators.get(key);
    if (unit === undefined) return;
    this.measured.add(`${round}\u0000${key}`);
    unit.accumulator.addOutcome(round, outcome);
    if (outcome.fidelityNote) {
      this.fidelityNotes[`${tieredScenario(scenario, tier)}/${outcome.target}/${environment}`] ??=
        outcome.fidelityNote;
    }
  }

  addMemory(
    environment: string,
    scenario: string,
    tier: DataTier,
    outcome: MemoryOutcome,
    round = 0,
  ): void {
    const key = unitKey(environment, scenario, tier, outcome.key);
    const unit = this.accumulators.get(key);
    if (unit === undefined) return;
    unit.accumulator.addMemory(outcome, round);
    if (outcome.status !== "ok") {
      this.memoryErrors[
        `${tieredScenario(scenario, tier)}/${outcome.target}/${environment}/${outcome.operation}`
      ] = `${outcome.status}: ${outcome.error.message}`;
    }
  }

  addCount(environment: string, scenario: string, tier: DataTier, outcome: CountOutcome): void {
    this.accumulators.get(unitKey(environment, scenario, tier, outcome.key))?.accumulator.addCount(
      outcome,
    );
  }

  /** Replays a journal's entries (`--resume`). */
  replay(entries: readonly Exclude<JournalEntry, { type: "header" }>[]): void {
    for (const entry of entries) {
      switch (entry.type) {
        case "environment":
          this.environments[entry.name] = entry.info;
          break;
        case "cell":
          this.addCell(
            entry.round,
            entry.environment,
            entry.scenario,
            entry.tier ?? "typed",
            entry.outcome,
          );
          break;
        case "process":
          this.doneProcesses.add(processKey(entry));
          this.schedule.push({
            round: entry.round,
            environment: entry.environment,
            scenario: entry.scenario,
            tier: entry.tier ?? "typed",
            cells: entry.cells,
            seconds: entry.seconds,
            ...(entry.group === undefined ? {} : { group: entry.group }),
          });
          break;
        case "memory":
          this.addMemory(
            entry.environment,
            entry.scenario,
            entry.tier ?? "typed",
            entry.outcome,
            entry.round ?? 0,
          );
          break;
        case "memory-done":
          // Journals written when memory had a phase of its own: nothing to resume there.
          break;
        case "count":
          this.addCount(entry.environment, entry.scenario, entry.tier ?? "typed", entry.outcome);
          break;
        case "count-done":
          this.countsDone.add(
            countKey(entry.environment, entry.scenario, entry.tier ?? "typed", entry.layout),
          );
          this.schedule.push({
            round: 0,
            environment: entry.environment,
            scenario: entry.scenario,
            tier: entry.tier ?? "typed",
            cells: [],
            seconds: entry.seconds,
            kind: "instructions",
            layout: entry.layout,
          });
          break;
      }
    }
  }

  /**
   * The RunRecord cells: one per (measurement unit, suite). `notReached`: why cells that were never
   * measured were not (the run stopped before them); they are then `skipped`, not `error`.
   */
  toCells(notReached?: string): MeasuredCell[] {
    const cells: MeasuredCell[] = [];
    for (const { cell, accumulator } of this.accumulators.values()) {
      const measured = accumulator.toCell(notReached);
      if (this.pairing !== "process" && measured.nsPerRecord.length > 0) {
        measured.pairing = this.pairing;
      }
      for (const suite of cell.suites) cells.push({ ...structuredClone(measured), suite });
    }
    return cells;
  }
}

/**
 * Runs the planned processes (skipping those the state already has), each slot's memory after its
 * timing in the first `memoryProcesses` rounds, then the instruction counts.
 */
export async function runSchedule(
  input: ScheduleInput,
  hooks: ScheduleHooks = {},
  state: ScheduleState = new ScheduleState(input),
): Promise<ScheduleResult> {
  const emit = (event: ScheduleEvent) => hooks.onEvent?.(event);
  const journal = (entry: JournalEntry) => hooks.journal?.append(entry);
  const environments = new Map(input.environments.map((env) => [env.name, env]));
  let processes = 0;
  let aborted = false;
  let stopped = false;

  // Each environment says hello once: its Python, libraries and freeze go into the record. On a
  // resumed run the environment must be the one the journal measured.
  const probeTimeout = Math.max(
    0,
    ...Object.values(input.scenarios).map((s) => s.settings.timeoutSeconds),
  );
  for (const env of input.environments) {
    const hello = await probeEnvironment(env, probeTimeout, hooks);
    processes++;
    const info = environmentInfoFromHello(hello);
    const known = state.environments[env.name];
    if (known !== undefined && JSON.stringify(known.freeze) !== JSON.stringify(info.freeze)) {
      throw new InputError(
        `cannot resume: environment "${env.name}" changed since the journal was written ` +
          `(installed packages differ)`,
        { hint: "start a new run instead of resuming this one" },
      );
    }
    if (known === undefined) journal({ type: "environment", name: env.name, info });
    state.environments[env.name] = info;
    emit({ kind: "environment", environment: env.name, hello });
  }

  // Planned processes of one group (the `environment` process scope) share a runner process.
  const groups: { planned: PlannedProcess; index: number }[][] = [];
  input.plan.forEach((planned, i) => {
    const last = groups[groups.length - 1];
    if (
      planned.group !== undefined && last !== undefined && last[0].planned.group === planned.group
    ) {
      last.push({ planned, index: i + 1 });
    } else {
      groups.push([{ planned, index: i + 1 }]);
    }
  });
  type Slot = {
    planned: PlannedProcess;
    index: number;
    scenario: ScheduledScenario;
    units: { cell: ScheduledCell; accumulator: CellAccumulator }[];
  };
  const slotOf = (planned: PlannedProcess, index: number): Slot | null => {
    if (state.doneProcesses.has(processKey(planned))) return null;
    const scenario = input.scenarios[slotKey(planned.environment, planned.scenario, planned.tier)];
    if (scenario === undefined) return null;
    const units = planned.cells
      .map((key) =>
        state.accumulators.get(unitKey(planned.environment, planned.scenario, planned.tier, key))
      )
      .filter((unit) => unit !== undefined)
      .filter(({ accumulator }) =>
        !accumulator.finished &&
        !state.measured.has(
          `${planned.round}\u0000${
            unitKey(planned.environment, planned.scenario, planned.tier, accumulator.key)
          }`,
        )
      );
    return { planned, index, scenario, units };
  };
  const pairing = input.pairing ?? "process";
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    if (group.every(({ planned }) => state.doneProcesses.has(processKey(planned)))) continue;
    if (hooks.signal?.aborted) {
      aborted = true;
      break;
    }
    if (hooks.shouldStop?.()) {
      stopped = true;
      break;
    }
    const partner = groups[g + 1];
    if (pairing !== "process" && partner !== undefined && isPair(group, partner)) {
      g++;
      const sides = [
        slotOf(group[0].planned, group[0].index),
        slotOf(partner[0].planned, partner[0].index),
      ];
      const result = await runPair(sides, pairing);
      if (result === "aborted") {
        aborted = true;
        break;
      }
      if (result === "stopped") {
        stopped = true;
        break;
      }
      continue;
    }
    const env = environments.get(group[0].planned.environment);
    if (env === undefined) continue;
    const slots: Slot[] = [];
    for (const { planned, index } of group) {
      const slot = slotOf(planned, index);
      if (slot !== null) slots.push(slot);
    }
    let current = -1;
    let slotStarted = performance.now();
    const seconds: number[] = slots.map(() => 0);
    const enter = (slot: number) => {
      if (slot === current) return;
      const now = performance.now();
      if (current >= 0) seconds[current] += (now - slotStarted) / 1000;
      current = slot;
      slotStarted = now;
      emitProcess(slots[slot]);
    };
    const measured = slots.filter((s) => s.units.length > 0);
    if (measured.length === 0) {
      for (const slot of slots) finishProcess(slot.planned, [], 0);
      continue;
    }
    enter(slots.indexOf(measured[0]));
    const run = await measureSlotsInProcess(
      env,
      measured.map(planOf),
      {
        signal: hooks.signal,
        shouldStop: hooks.shouldStop,
        onStderr: hooks.onStderr,
        onCell: (slot, outcome) => {
          enter(slots.indexOf(measured[slot]));
          recordCell(measured[slot], outcome);
        },
        onMemory: (slot, outcome) => recordMemory(measured[slot], outcome),
      },
    );
    if (current >= 0) seconds[current] += (performance.now() - slotStarted) / 1000;
    processes += run.processes;
    const first = measured[0].planned;
    if (first.round === 0 && run.loaded && measured.length === 1) {
      emit({
        kind: "loaded",
        environment: first.environment,
        scenario: first.scenario,
        tier: first.tier,
        loaded: run.loaded,
      });
    }
    if (run.aborted) {
      aborted = true;
      break;
    }
    if (run.stopped) {
      stopped = true;
      break;
    }
    slots.forEach((slot, i) => {
      const keys = run.outcomes.flatMap((o) =>
        o.kind === "time" && measured[o.slot] === slot ? [o.outcome.key] : []
      );
      finishProcess(slot.planned, keys, seconds[i]);
    });
  }

  /**
   * The two sides of an A/B slot with both processes alive (`measurePairInProcesses`); the
   * outcomes go where a process's go. Returns how the pair ended.
   */
  async function runPair(
    sides: (Slot | null)[],
    mode: ValuePairing,
  ): Promise<"done" | "aborted" | "stopped"> {
    const live = sides.filter((s): s is Slot => s !== null);
    if (live.length === 0) return "done";
    const envs = live.map((s) => environments.get(s.planned.environment));
    if (
      live.length < 2 || envs.some((e) => e === undefined) || live.some((s) => s.units.length === 0)
    ) {
      // One side is done (a resumed run) or has nothing left: a pair needs both.
      for (const slot of live) {
        const env = envs[live.indexOf(slot)];
        if (env === undefined) continue;
        const run = await measureSlotsInProcess(env, [planOf(slot)], {
          signal: hooks.signal,
          shouldStop: hooks.shouldStop,
          onStderr: hooks.onStderr,
          onCell: (_slot, outcome) => recordCell(slot, outcome),
          onMemory: (_slot, outcome) => recordMemory(slot, outcome),
        });
        processes += run.processes;
        if (run.aborted) return "aborted";
        if (run.stopped) return "stopped";
        finishProcess(
          slot.planned,
          run.outcomes.flatMap((o) => o.kind === "time" ? [o.outcome.key] : []),
          0,
        );
      }
      return "done";
    }
    for (const slot of live) emitProcess(slot);
    const started = performance.now();
    const run = await measurePairInProcesses(
      [
        { env: envs[0]!, slot: planOf(live[0]) },
        { env: envs[1]!, slot: planOf(live[1]) },
      ],
      mode,
      {
        signal: hooks.signal,
        shouldStop: hooks.shouldStop,
        onStderr: hooks.onStderr,
        onCell: (side, outcome) => recordCell(live[side], outcome),
        onMemory: (side, outcome) => recordMemory(live[side], outcome),
      },
      // A new CPU each round: one CPU's phases do not decide every round.
      live[0].planned.round,
    );
    processes += run.processes;
    if (run.aborted) return "aborted";
    if (run.stopped) return "stopped";
    // Both sides share the pair's time; each side's entry carries half of it.
    const seconds = (performance.now() - started) / 1000 / 2;
    live.forEach((slot, i) => finishProcess(slot.planned, run.keys[i], seconds));
    return "done";
  }

  function planOf(slot: Slot): SlotPlan {
    const { planned, scenario, units } = slot;
    return {
      dataset: scenario.dataset,
      settings: scenario.settings,
      memory: !input.skipMemory && scenario.settings.memory !== false &&
        planned.round < (scenario.settings.memoryProcesses ?? DEFAULT_MEMORY_PROCESSES),
      cells: units.map(({ cell, accumulator }) => ({
        target: cell.target,
        operation: cell.operation,
        loops: accumulator.loops,
        fidelity: accumulator.needsFidelity,
        key: accumulator.key,
        ...(cell.stretch === undefined ? {} : { stretch: cell.stretch }),
      })),
    };
  }

  function emitProcess(slot: Slot): void {
    const { planned, index, scenario } = slot;
    emit({
      kind: "process",
      environment: planned.environment,
      scenario: planned.scenario,
      tier: planned.tier,
      round: planned.round,
      rounds: scenario.settings.processes,
      index,
      total: input.plan.length,
    });
  }

  function recordCell(slot: Slot, outcome: CellOutcome): void {
    const { planned } = slot;
    journal({
      type: "cell",
      round: planned.round,
      environment: planned.environment,
      scenario: planned.scenario,
      tier: planned.tier,
      outcome,
    });
    state.addCell(planned.round, planned.environment, planned.scenario, planned.tier, outcome);
    emit({
      kind: "cell",
      environment: planned.environment,
      scenario: planned.scenario,
      tier: planned.tier,
      round: planned.round,
      outcome,
    });
  }

  function recordMemory(slot: Slot, outcome: MemoryOutcome): void {
    const { environment, scenario, tier, round } = slot.planned;
    journal({ type: "memory", round, environment, scenario, tier, outcome });
    state.addMemory(environment, scenario, tier, outcome, round);
    emit({ kind: "memory", environment, scenario, tier, outcome });
  }

  function finishProcess(planned: PlannedProcess, cells: string[], seconds: number): void {
    const entry: ScheduleEntry = {
      round: planned.round,
      environment: planned.environment,
      scenario: planned.scenario,
      tier: planned.tier,
      cells,
      seconds: Math.round(seconds * 100) / 100,
      ...(planned.group === undefined ? {} : { group: planned.group }),
    };
    journal({ type: "process", ...entry, seconds: entry.seconds ?? 0 });
    state.doneProcesses.add(processKey(planned));
    state.schedule.push(entry);
  }

  if (!aborted && !stopped && input.instructions) {
    const counted = await countInstructions(input, input.instructions, state, hooks, emit, journal);
    processes += counted.processes;
    aborted = counted.aborted;
    stopped = counted.stopped;
  }

  const complete = !aborted && !stopped;
  return {
    cells: state.toCells(
      stopped
        ? "not measured: the run stopped at its time limit (--max-minutes) before this cell"
        : aborted
        ? "not measured: the run was interrupted before this cell"
        : undefined,
    ),
    schedule: [...state.schedule],
    environments: { ...state.environments },
    processes,
    aborted,
    stopped,
    complete,
    fidelityNotes: { ...state.fidelityNotes },
    memoryErrors: { ...state.memoryErrors },
  };
}

export { keyOf };

/** Two planned processes that form an A/B pair: one round's slot in two environments. */
function isPair(
  a: readonly { planned: PlannedProcess }[],
  b: readonly { planned: PlannedProcess }[],
): boolean {
  if (a.length !== 1 || b.length !== 1) return false;
  const [x, y] = [a[0].planned, b[0].planned];
  return x.group === undefined && y.group === undefined && x.round === y.round &&
    x.scenario === y.scenario && x.tier === y.tier && x.environment !== y.environment;
}

/**
 * The instruction phase: for each layout and each (environment, scenario, tier), one Valgrind
 * process counts every cell of that slot (the same cells in the same canonical order on every side,
 * so that base and head run identical histories). `concurrency` processes run at once;
 * counts do not depend on machine load, and no timing process runs during this phase.
 */
async function countInstructions(
  input: ScheduleInput,
  instructions: ScheduleInstructions,
  state: ScheduleState,
  hooks: ScheduleHooks,
  emit: (event: ScheduleEvent) => void,
  journal: (entry: JournalEntry) => void,
): Promise<{ processes: number; aborted: boolean; stopped: boolean }> {
  const environments = new Map(input.environments.map((env) => [env.name, env]));
  const slot = (environment: string, scenario: string, tier: DataTier) =>
    `${environment}\u0000${scenario}\u0000${tier}`;
  const slots = [...new Set(input.plan.map((p) => slot(p.environment, p.scenario, p.tier)))];
  // Instructions-only scenarios have no timing processes in the plan: take them from the cells.
  for (const cell of input.cells) {
    const key = slot(cell.environment, cell.scenario, cell.tier);
    if (!slots.includes(key)) slots.push(key);
  }
  // One Valgrind process per (environment, scenario, tier, layout): a count must not depend on what
  // else the run counts. Measured: edge_cases `datason` serialize counted 26% more instructions
  // when other scenarios had run before it in the same process (DataSON's caches hold what the
  // earlier records put there), so one process per environment would make the counts depend on
  // the suites and the slot order.
  const jobs: { environment: string; scenario: string; tier: DataTier; layout: Layout }[] = [];
  for (const layout of instructions.layouts) {
    for (const key of slots) {
      const [environment, scenario, tier] = key.split("\u0000") as [string, string, DataTier];
      const settings = input.scenarios[slotKey(environment, scenario, tier)]?.settings;
      if (!settings?.instructions || layout.index >= settings.instructions.layouts) continue;
      if (!environments.has(environment)) continue;
      if (state.countsDone.has(countKey(environment, scenario, tier, layout.index))) continue;
      jobs.push({ environment, scenario, tier, layout });
    }
  }
  // The slots with the most counted cells first, so that two processes side by side do not leave
  // one core idle behind the longest job (a stable sort: the order is otherwise the plan's).
  const countedCells = (job: (typeof jobs)[number]) =>
    input.cells.filter((c) =>
      c.environment === job.environment && c.scenario === job.scenario && c.tier === job.tier &&
      countsTarget(
        input.scenarios[slotKey(c.environment, c.scenario, c.tier)]?.settings,
        c.target.id,
      )
    ).length;
  const sizes = new Map(jobs.map((job) => [job, countedCells(job)]));
  jobs.sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  const concurrency = Math.max(
    1,
    ...Object.values(input.scenarios).map((s) => s.settings.instructions?.concurrency ?? 1),
  );
  let processes = 0;
  let aborted = false;
  let stopped = false;
  let next = 0;
  let started = 0;
  const worker = async () => {
    while (next < jobs.length && !aborted && !stopped) {
      if (hooks.signal?.aborted) {
        aborted = true;
        return;
      }
      if (hooks.shouldStop?.()) {
        stopped = true;
        return;
      }
      const job = jobs[next++];
      const env = environments.get(job.environment)!;
      const scenario = input.scenarios[slotKey(job.environment, job.scenario, job.tier)];
      const settings = scenario.settings.instructions!;
      const units = [...state.accumulators.values()]
        .filter(({ cell, accumulator }) =>
          cell.environment === job.environment && cell.scenario === job.scenario &&
          cell.tier === job.tier && !accumulator.countFinished &&
          countsTarget(scenario.settings, cell.target.id)
        )
        .sort((a, b) => a.accumulator.key.localeCompare(b.accumulator.key));
      emit({
        kind: "count-start",
        environment: job.environment,
        scenario: job.scenario,
        tier: job.tier,
        layout: job.layout.index,
        index: ++started,
        total: jobs.length,
      });
      const begin = performance.now();
      const outDir = await makeTempDir("datason-bench-callgrind-");
      try {
        const run = units.length === 0 ? null : await countScenarioInProcess(
          {
            name: env.name,
            python: env.python,
            env: { ...env.env, ...layoutEnvironment(job.layout) },
            launcher: callgrindLauncher(instructions.valgrind, instructions.marker, outDir),
          },
          { ...scenario.dataset, limit: settings.records },
          units.map(({ cell, accumulator }) => ({
            target: cell.target,
            operation: cell.operation,
            key: accumulator.key,
            ...(cell.spin === undefined ? {} : { spin: cell.spin[job.layout.index] ?? 0 }),
            ...expectedInstructionsOf(accumulator, settings),
          })),
          {
            passes: settings.passes,
            warmups: settings.warmups,
            timeoutSeconds: settings.timeoutSeconds,
          },
          {
            marker: instructions.marker,
            outDir,
            layout: job.layout.index,
            profiles: instructions.profilesDir
              ? { dir: instructions.profilesDir, placeholders: placeholdersOf(env) }
              : null,
          },
          {
            signal: hooks.signal,
            shouldStop: hooks.shouldStop,
            onStderr: hooks.onStderr,
            onSelfCheck: (check) =>
              emit({
                kind: "self-check",
                environment: job.environment,
                scenario: job.scenario,
                tier: job.tier,
                layout: job.layout.index,
                check,
              }),
            onCell: (outcome) => {
              journal({
                type: "count",
                environment: job.environment,
                scenario: job.scenario,
                tier: job.tier,
                outcome,
              });
              state.addCount(job.environment, job.scenario, job.tier, outcome);
              emit({
                kind: "count",
                environment: job.environment,
                scenario: job.scenario,
                tier: job.tier,
                outcome,
              });
            },
          },
        );
        if (run !== null) {
          processes += run.processes;
          if (run.aborted) aborted = true;
          if (run.stopped) stopped = true;
          if (run.aborted || run.stopped) return;
        }
      } finally {
        await Deno.remove(outDir, { recursive: true }).catch(() => {});
      }
      const seconds = Math.round((performance.now() - begin) / 10) / 100;
      journal({
        type: "count-done",
        environment: job.environment,
        scenario: job.scenario,
        tier: job.tier,
        layout: job.layout.index,
        seconds,
      });
      state.countsDone.add(countKey(job.environment, job.scenario, job.tier, job.layout.index));
      state.schedule.push({
        round: 0,
        environment: job.environment,
        scenario: job.scenario,
        tier: job.tier,
        cells: units.map((u) => u.accumulator.key),
        seconds,
        kind: "instructions",
        layout: job.layout.index,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return { processes, aborted, stopped };
}

/** Folders a profile writes as placeholders: the environment's own folder as `<env>`. */
function placeholdersOf(env: RunnerEnvironment): Record<string, string> {
  const folder = environmentFolder(env.python);
  return folder === null ? {} : { [folder]: "<env>" };
}

/** The instructions a cell's region should count, for its timeout: none when nothing is known. */
function expectedInstructionsOf(
  accumulator: CellAccumulator,
  settings: { records: number | null; passes: number },
): { expectedInstructions?: number } {
  const perRecord = accumulator.expectedInstructionsPerRecord(INSTRUCTIONS_PER_NS);
  const records = settings.records;
  if (perRecord === null || records === null) return {};
  // The region's passes plus the instrumented cache-warming record.
  return { expectedInstructions: perRecord * (records * settings.passes + 1) };
}
