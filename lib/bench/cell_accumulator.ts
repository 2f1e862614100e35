/**
 * Collects the outcomes of one cell over the processes of a run into a `MeasuredCell`: raw values
 * per process with their round, the loop count of the first process, and the first failure (which
 * ends the cell's measurement: a schedule asks `finished` before measuring it again).
 */

import type {
  CellError,
  CellInstructions,
  CellStatus,
  Fidelity,
  MeasuredCell,
} from "../results/run_record.ts";
import type { DataTier, Operation } from "../_common/vocabulary.ts";
import type { CellOutcome, MemoryOutcome } from "./measure_scenario.ts";
import type { CountOutcome } from "./count_scenario.ts";
import { estimatedCycles } from "./valgrind/estimated_cycles.ts";
import { NOT_REACHED_ERROR_TYPE } from "../results/not_reached.ts";
import { summarizeProcesses } from "../stats/summarize_processes.ts";
import { median } from "../stats/median.ts";

export interface CellIdentity {
  suite: string;
  scenario: string;
  tier: DataTier;
  target: string;
  environment: string;
  operation: Operation;
}

export class CellAccumulator {
  readonly identity: CellIdentity;
  #status: CellStatus | null = null;
  #error: CellError | undefined;
  #loops: number | null = null;
  #values: number[][] = [];
  #rounds: number[] = [];
  #outputBytes: number | null = null;
  #records: number | null = null;
  #fidelity: Fidelity | null = null;
  #fidelityNote: string | null = null;
  #peaks: { round: number; peak: number; rss: number | null }[] = [];
  #memoryError: CellError | undefined;
  #counts: Extract<CountOutcome, { status: "ok" }>[] = [];
  #countFailure: Exclude<CountOutcome, { status: "ok" }> | null = null;

  constructor(identity: CellIdentity) {
    this.identity = identity;
  }

  /** `target/operation`, the key used in schedules (a process loads one scenario and tier). */
  get key(): string {
    return `${this.identity.target}/${this.identity.operation}`;
  }

  /** Passes per value for every later process (null until a process calibrated it). */
  get loops(): number | null {
    return this.#loops;
  }

  /** Null until the first outcome. */
  get status(): CellStatus | null {
    return this.#status;
  }

  /** True once the cell failed (measuring it again would fail again or waste a timeout). */
  get finished(): boolean {
    return this.#status !== null && this.#status !== "ok";
  }

  /** True when at least one process produced values (memory is measured for these). */
  get hasValues(): boolean {
    return this.#values.length > 0;
  }

  /** True until a process reported the round trip's fidelity (later processes may skip it). */
  get needsFidelity(): boolean {
    return this.#fidelity === null;
  }

  get fidelityNote(): string | null {
    return this.#fidelityNote;
  }

  get memoryError(): CellError | undefined {
    return this.#memoryError;
  }

  addOutcome(round: number, outcome: CellOutcome): void {
    if (outcome.outputBytes !== null && this.#outputBytes === null) {
      this.#outputBytes = outcome.outputBytes;
    }
    if (outcome.fidelity !== null && this.#fidelity === null) {
      this.#fidelity = outcome.fidelity;
      this.#fidelityNote = outcome.fidelityNote;
    }
    if (outcome.status === "ok") {
      this.#records ??= outcome.records;
      if (this.#status === null) this.#status = "ok";
      if (this.#loops === null) this.#loops = outcome.loops;
      this.#values.push(outcome.nsPerRecord);
      this.#rounds.push(round);
      return;
    }
    if (this.#status === null || this.#status === "ok") {
      this.#status = outcome.status;
      this.#error = outcome.error;
    }
  }

  /** One layout's count (kept in layout order); the first failure is the counts' status. */
  addCount(outcome: CountOutcome): void {
    if (outcome.status === "ok") {
      this.#counts = [...this.#counts.filter((c) => c.layout !== outcome.layout), outcome]
        .sort((a, b) => a.layout - b.layout);
    } else if (this.#countFailure === null) {
      this.#countFailure = outcome;
    }
  }

  /**
   * Instructions per record counted so far (the first counted layout), else the timing's median
   * ns per record × `instructionsPerNs`; null when neither is known. Sizes a count's timeout.
   */
  expectedInstructionsPerRecord(instructionsPerNs: number): number | null {
    const counted = this.#counts[0];
    if (counted !== undefined && counted.records > 0) {
      return counted.events.Ir / (counted.records * counted.passes);
    }
    const perProcess = this.#values.map((v) => [...v].sort((a, b) => a - b)[v.length >> 1]);
    if (perProcess.length === 0) return null;
    const ns = [...perProcess].sort((a, b) => a - b)[perProcess.length >> 1];
    return ns * instructionsPerNs;
  }

  /** True once a layout's count failed: counting the cell again would fail again. */
  get countFinished(): boolean {
    return this.#countFailure !== null;
  }

  /** The memory one process took (`round`: its round; a record keeps them in round order). */
  addMemory(outcome: MemoryOutcome, round = 0): void {
    if (outcome.status === "ok") {
      this.#peaks = [
        ...this.#peaks.filter((p) => p.round !== round),
        { round, peak: outcome.peakTracedBytes, rss: outcome.rssDeltaBytes },
      ].sort((a, b) => a.round - b.round);
    } else {
      this.#memoryError = outcome.error;
    }
  }

  /**
   * The stored cell. A cell never measured is `skipped` with `notReached` as its reason when the
   * run stopped before reaching it (`--max-minutes`, an interruption); without a reason it is an
   * `error` (every planned cell of a finished run gets an outcome).
   */
  toCell(notReached?: string): MeasuredCell {
    const cell: MeasuredCell = {
      ...this.identity,
      status: this.#status ?? (notReached === undefined ? "error" : "skipped"),
      loops: this.#loops,
      nsPerRecord: this.#values.map((v) => [...v]),
      rounds: [...this.#rounds],
      outputBytes: this.#outputBytes,
      ...(this.#records === null ? {} : { records: this.#records }),
      peakTracedBytes: this.#peaks.length > 0 ? median(this.#peaks.map((p) => p.peak)) : null,
      rssDeltaBytes: medianOrNull(this.#peaks.map((p) => p.rss)),
      ...(this.#peaks.length > 0
        ? { peakTracedBytesPerProcess: this.#peaks.map((p) => p.peak) }
        : {}),
      fidelity: this.#fidelity,
      summary: this.#values.length > 0 ? summarizeProcesses(this.#values) : null,
    };
    const instructions = this.#instructions();
    if (instructions !== null) {
      cell.instructions = instructions;
      const ok = this.#counts;
      if (ok.length > 0) {
        cell.instructionsPerRecord = ok.map((c) => c.events.Ir / (c.records * c.passes));
        cell.estimatedCyclesPerRecord = ok.map((c) =>
          estimatedCycles(c.events) / (c.records * c.passes)
        );
      }
    }
    if (this.#status === null && instructions !== null) {
      // Not timed (an instructions-only run): the counts decide the cell's status.
      cell.status = instructions.status;
      if (instructions.error !== undefined) cell.error = instructions.error;
    } else if (this.#status === null) {
      cell.error = {
        type: NOT_REACHED_ERROR_TYPE,
        message: notReached ?? "the cell was never measured",
      };
    } else if (this.#error !== undefined) {
      cell.error = this.#error;
    }
    return cell;
  }

  #instructions(): CellInstructions | null {
    const ok = this.#counts;
    const failure = this.#countFailure;
    if (ok.length === 0 && failure === null) return null;
    const first = ok[0];
    return {
      status: failure === null ? "ok" : failure.status,
      layouts: ok.map((c) => c.layout),
      events: ok.map((c) => ({ ...c.events })),
      records: first?.records ?? 0,
      passes: first?.passes ?? 1,
      ...(ok.some((c) => c.spin > 0) ? { spin: ok.map((c) => c.spin) } : {}),
      ...(ok.some((c) => c.profile !== undefined || c.profileError !== undefined)
        ? { profiles: ok.map((c) => c.profile ?? null) }
        : {}),
      ...(failure === null ? {} : { error: failure.error }),
    };
  }
}

function medianOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? median(known) : null;
}
