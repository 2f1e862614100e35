/**
 * The two sides of an A/B slot (the same scenario and tier in two environments, one round)
 * measured with both runner processes alive at once, so the two halves of a pair are taken
 * milliseconds apart instead of a whole process apart:
 *
 * - `lockstep`: the sides take turns, one value at a time, A B B A A B … — interference lasting
 *   longer than a value hits both halves of a pair;
 * - `duet`: both sides time the same cell at the same moment, one per core, each value started
 *   together — interference hits both if it hits either (it assumes two free cores and that the
 *   interference treats both cores alike; `checkDuetMachine()` refuses a machine that cannot give
 *   that).
 *
 * Both processes are bound to CPUs (`pin`): a lockstep pair to one CPU — on a virtual machine each
 * virtual CPU runs fast or slow in phases of its own lasting about a second (measured here: 8 ms
 * and 14 ms for the same loop on one virtual CPU, half a second apart), so two processes on two
 * CPUs would not share them — and a duet's sides to two different CPUs (they must not share one).
 * The CPU changes from round to round. Both sides of a pair also share their `PYTHONHASHSEED`
 * (a new one each round), so that the layout of their dicts and sets is the same.
 *
 * Each cell: a first value on each side that calibrates `loops` (round 1), checks the round trip
 * (when asked) and warms up — it is discarded — then the profile's remaining warm-ups and its
 * values, one measure request per value. Value i of side A pairs with value i of side B. A cell
 * only one side has is timed on that side alone. A process that dies or hangs fails its side's
 * cell; a fresh process (dataset loaded again) takes that side's next cell. Memory, when the slot
 * asks for it, comes after every cell's timing, one side after the other.
 */

import type { Pairing } from "../results/run_record.ts";
import { HelloReply, PROTOCOL_VERSION } from "./protocol.ts";
import {
  type CellOutcome,
  cellOutcomeOf,
  type CellPlan,
  type Failure,
  failureOf,
  keyOf,
  loadDataset,
  type MemoryOutcome,
  MIN_START_TIMEOUT_SECONDS,
  requestMemory,
  type RunnerEnvironment,
  type SlotPlan,
  unexpectedReply,
} from "./measure_scenario.ts";
import { RunnerFailure, RunnerProcess } from "./runner_process.ts";

/** The pairings that keep both sides' processes alive at once. */
export type ValuePairing = Exclude<Pairing, "process">;

export interface PairSide {
  env: RunnerEnvironment;
  slot: SlotPlan;
}

export interface PairHooks {
  signal?: AbortSignal;
  /** Asked before each cell: true stops after the cell in progress. */
  shouldStop?: () => boolean;
  onCell?: (side: 0 | 1, outcome: CellOutcome) => void | Promise<void>;
  onMemory?: (side: 0 | 1, outcome: MemoryOutcome) => void | Promise<void>;
  onStderr?: (text: string) => void;
}

export interface PairRun {
  /** Per side: the keys of the cells it finished, in order. */
  keys: [string[], string[]];
  /** Processes started (both sides, restarts included). */
  processes: number;
  aborted: boolean;
  stopped: boolean;
}

class Aborted extends Error {}

/** One side's runner: started (hello, load) when first needed, again after a failure. */
class SideRunner {
  #process: RunnerProcess | null = null;
  #startFailure: Failure | null = null;
  index = -1;
  started = 0;

  constructor(
    readonly side: PairSide,
    readonly hooks: PairHooks,
    /** The CPU slot the process is bound to (`pin`), null: where the system puts it. */
    readonly cpuSlot: number | null,
    /** `PYTHONHASHSEED` of the process (both sides of a pair share it); null: random. */
    readonly hashSeed: number | null,
  ) {}

  /** The live process, or the failure that keeps it from starting (then every cell fails). */
  async process(): Promise<RunnerProcess | Failure> {
    if (this.#startFailure !== null) return this.#startFailure;
    if (this.#process !== null) return this.#process;
    const { env, slot } = this.side;
    const timeout = Math.max(slot.settings.timeoutSeconds, MIN_START_TIMEOUT_SECONDS);
    const process = await RunnerProcess.start({
      python: env.python,
      label: `environment "${env.name}"`,
      env: this.hashSeed === null ? env.env : { ...env.env, PYTHONHASHSEED: String(this.hashSeed) },
      launcher: env.launcher,
      onStderr: this.hooks.onStderr,
    });
    this.index = this.started++;
    try {
      const hello = await process.request<HelloReply>(
        { type: "hello", protocol: PROTOCOL_VERSION },
        timeout,
        this.hooks.signal,
      );
      if (hello.type !== "hello") {
        this.#startFailure = { status: "error", error: unexpectedReply(hello, "hello") };
      } else {
        if (this.cpuSlot !== null) {
          // Bound before loading, so the dataset's objects are made where they will be used.
          const pinned = await process.request(
            { type: "pin", slot: this.cpuSlot },
            timeout,
            this.hooks.signal,
          );
          if (pinned.type !== "pinned") {
            this.#startFailure = { status: "error", error: unexpectedReply(pinned, "pin") };
          }
        }
        if (this.#startFailure === null) {
          const loaded = await loadDataset(process, slot.dataset, timeout, this.hooks.signal);
          if ("status" in loaded) this.#startFailure = loaded;
        }
      }
    } catch (error) {
      if (!(error instanceof RunnerFailure)) throw error;
      if (error.kind === "aborted") {
        await process.close();
        throw new Aborted();
      }
      this.#startFailure = failureOf(error, `while starting and loading ${slot.dataset.scenario}`);
    }
    if (this.#startFailure !== null) {
      await process.close();
      return this.#startFailure;
    }
    this.#process = process;
    return process;
  }

  /** After a failure the process is gone: the next cell starts a fresh one. */
  async discard(): Promise<void> {
    const process = this.#process;
    this.#process = null;
    await process?.close();
  }

  async close(): Promise<void> {
    await this.discard();
  }
}

/** A cell of one side in progress: its first reply, then its values. */
interface SideCell {
  runner: SideRunner;
  cell: CellPlan;
  first: CellOutcome | null;
  values: number[];
  failed: CellOutcome | null;
}

/** Measures one A/B slot with both processes alive (see the module comment). */
export async function measurePairInProcesses(
  sides: readonly [PairSide, PairSide],
  pairing: ValuePairing,
  hooks: PairHooks = {},
  /**
   * The CPU slot of the pair (e.g. its round): lockstep binds both sides to that CPU, duet side A
   * to it and side B to the next one. Null: no binding.
   */
  cpuSlot: number | null = null,
): Promise<PairRun> {
  const slotOf = (side: 0 | 1) =>
    cpuSlot === null ? null : pairing === "lockstep" ? cpuSlot : cpuSlot + side;
  // Both sides hash alike: a process's hash seed decides how its dicts and sets lay out, which
  // moves a dict-heavy serializer's speed from process to process; a pair shares it, the rounds
  // draw new ones.
  const hashSeed = cpuSlot === null ? null : 1 + cpuSlot;
  const runners = [
    new SideRunner(sides[0], hooks, slotOf(0), hashSeed),
    new SideRunner(sides[1], hooks, slotOf(1), hashSeed),
  ] as const;
  const run: PairRun = { keys: [[], []], processes: 0, aborted: false, stopped: false };
  const keysB = new Map(sides[1].slot.cells.map((c) => [keyOf(c), c]));
  const order: [CellPlan | null, CellPlan | null][] = sides[0].slot.cells.map((
    c,
  ) => [c, keysB.get(keyOf(c)) ?? null]);
  const keysA = new Set(sides[0].slot.cells.map(keyOf));
  for (const c of sides[1].slot.cells) if (!keysA.has(keyOf(c))) order.push([null, c]);
  const timedOk: [Set<string>, Set<string>] = [new Set(), new Set()];
  try {
    // Both processes start together: imports and loading overlap.
    await Promise.all(runners.map((r) => r.process()));
    for (const [a, b] of order) {
      if (hooks.signal?.aborted) throw new Aborted();
      if (hooks.shouldStop?.()) {
        run.stopped = true;
        return run;
      }
      const outcomes = await measurePairedCell(
        [a === null ? null : runners[0], b === null ? null : runners[1]],
        [a, b],
        pairing,
        hooks.signal,
      );
      for (const side of [0, 1] as const) {
        const outcome = outcomes[side];
        if (outcome === null) continue;
        run.keys[side].push(outcome.key);
        if (outcome.status === "ok") timedOk[side].add(outcome.key);
        await hooks.onCell?.(side, outcome);
      }
    }
    for (const side of [0, 1] as const) {
      const { slot } = sides[side];
      if (!slot.memory) continue;
      for (const cell of slot.cells) {
        if (hooks.signal?.aborted) throw new Aborted();
        const outcome = await memoryOf(runners[side], cell, timedOk[side], hooks.signal);
        await hooks.onMemory?.(side, outcome);
      }
    }
  } catch (error) {
    if (!(error instanceof Aborted)) throw error;
    run.aborted = true;
  } finally {
    await Promise.all(runners.map((r) => r.close()));
    run.processes = runners[0].started + runners[1].started;
  }
  return run;
}

async function memoryOf(
  runner: SideRunner,
  cell: CellPlan,
  timed: Set<string>,
  signal?: AbortSignal,
): Promise<MemoryOutcome> {
  const base = {
    key: keyOf(cell),
    target: cell.target.id,
    operation: cell.operation,
    process: Math.max(0, runner.index),
  };
  if (!timed.has(keyOf(cell))) {
    return {
      ...base,
      status: "skipped",
      error: { type: "NotTimed", message: "its timing failed in this process" },
    };
  }
  const process = await runner.process();
  if (!(process instanceof RunnerProcess)) return { ...base, ...process };
  try {
    return await requestMemory(process, cell, runner.side.slot.settings, runner.index, signal);
  } catch (error) {
    if (!(error instanceof RunnerFailure)) throw error;
    if (error.kind === "aborted") throw new Aborted();
    await runner.discard();
    return { ...base, ...failureOf(error, `while taking the memory of ${base.key}`) };
  }
}

/**
 * One cell on both sides (or one): the first value of each side (calibration, round trip,
 * warm-up; discarded), the remaining warm-ups, then the values, each pair together (duet) or in
 * A B B A order (lockstep). Returns each side's outcome (null for a side without the cell).
 */
async function measurePairedCell(
  runners: readonly [SideRunner | null, SideRunner | null],
  cells: readonly [CellPlan | null, CellPlan | null],
  pairing: ValuePairing,
  signal?: AbortSignal,
): Promise<[CellOutcome | null, CellOutcome | null]> {
  const states: (SideCell | null)[] = runners.map((runner, i) =>
    runner === null || cells[i] === null
      ? null
      : { runner, cell: cells[i]!, first: null, values: [], failed: null }
  );
  const live = () => states.filter((s): s is SideCell => s !== null && s.failed === null);
  const settings = (states[0] ?? states[1])!.runner.side.slot.settings;
  const together = async (step: (state: SideCell) => Promise<void>, order: 0 | 1) => {
    const active = live();
    if (pairing === "duet") {
      await Promise.all(active.map(step));
      return;
    }
    for (const state of order === 0 ? active : [...active].reverse()) await step(state);
  };
  await together((state) => firstValue(state, signal), 0);
  const warmups = Math.max(0, settings.warmups - 1);
  const started = performance.now();
  for (let i = 0; i < warmups; i++) {
    await together((state) => oneValue(state, signal, false), i % 2 === 0 ? 1 : 0);
  }
  for (let i = 0; i < settings.values; i++) {
    // A B | B A | A B …: the side that went second goes first in the next pair.
    await together((state) => oneValue(state, signal, true), i % 2 === 0 ? 0 : 1);
    const budget = settings.maxCellSeconds;
    if (budget !== undefined && (performance.now() - started) / 1000 >= budget) break;
  }
  return states.map((state) => {
    if (state === null) return null;
    if (state.failed !== null) return state.failed;
    const first = state.first!;
    if (first.status !== "ok") return first;
    return { ...first, nsPerRecord: state.values };
  }) as [CellOutcome | null, CellOutcome | null];
}

async function request(
  state: SideCell,
  fields: { loops: number | null; fidelity?: false },
  signal?: AbortSignal,
): Promise<CellOutcome | null> {
  const { runner, cell } = state;
  const settings = runner.side.slot.settings;
  const process = await runner.process();
  if (!(process instanceof RunnerProcess)) {
    state.failed = {
      key: keyOf(cell),
      target: cell.target.id,
      operation: cell.operation,
      process: Math.max(0, runner.index),
      ...process,
      outputBytes: null,
      fidelity: null,
      fidelityNote: null,
    };
    return null;
  }
  try {
    const reply = await process.request(
      {
        type: "measure",
        target: cell.target,
        operation: cell.operation,
        warmups: 0,
        values: 1,
        minValueSeconds: settings.minValueSeconds,
        ...(cell.stretch === undefined ? {} : { stretch: cell.stretch }),
        ...(settings.gc === undefined ? {} : { gc: settings.gc }),
        ...fields,
      },
      settings.timeoutSeconds,
      signal,
    );
    const outcome = cellOutcomeOf(reply, cell, runner.index);
    if (outcome.status !== "ok") state.failed = outcome;
    return outcome;
  } catch (error) {
    if (!(error instanceof RunnerFailure)) throw error;
    if (error.kind === "aborted") throw new Aborted();
    await runner.discard();
    state.failed = {
      key: keyOf(cell),
      target: cell.target.id,
      operation: cell.operation,
      process: runner.index,
      ...failureOf(error, `while measuring ${cell.target.id}/${cell.operation}`),
      outputBytes: state.first?.outputBytes ?? null,
      fidelity: state.first?.fidelity ?? null,
      fidelityNote: state.first?.fidelityNote ?? null,
    };
    return null;
  }
}

async function firstValue(state: SideCell, signal?: AbortSignal): Promise<void> {
  state.first = await request(state, {
    loops: state.cell.loops,
    ...(state.cell.fidelity === false ? { fidelity: false as const } : {}),
  }, signal);
}

async function oneValue(state: SideCell, signal: AbortSignal | undefined, keep: boolean) {
  const first = state.first;
  if (first === null || first.status !== "ok") return;
  const outcome = await request(state, { loops: first.loops, fidelity: false }, signal);
  if (keep && outcome !== null && outcome.status === "ok") {
    state.values.push(...outcome.nsPerRecord);
  }
}
