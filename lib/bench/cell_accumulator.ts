/**
 * Collects the outcomes of one cell over the processes of a run into a `MeasuredCell`: raw values
 * per process with their round, the loop count of the first process, and the first failure (which
 * ends the cell's measurement: a schedule asks `finished` before measuring it again).
 */

import type { CellError, CellStatus, Fidelity, MeasuredCell } from "../results/run_record.ts";
import type { DataTier, Operation } from "../_common/vocabulary.ts";
import type { CellOutcome, MemoryOutcome } from "./measure_scenario.ts";
import { NOT_REACHED_ERROR_TYPE } from "../results/not_reached.ts";
import { summarizeProcesses } from "../stats/summarize_processes.ts";

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
  #peakTracedBytes: number | null = null;
  #rssDeltaBytes: number | null = null;
  #memoryError: CellError | undefined;

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

  addMemory(outcome: MemoryOutcome): void {
    if (outcome.status === "ok") {
      this.#peakTracedBytes = outcome.peakTracedBytes;
      this.#rssDeltaBytes = outcome.rssDeltaBytes;
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
      peakTracedBytes: this.#peakTracedBytes,
      rssDeltaBytes: this.#rssDeltaBytes,
      fidelity: this.#fidelity,
      summary: this.#values.length > 0 ? summarizeProcesses(this.#values) : null,
    };
    if (this.#status === null) {
      cell.error = {
        type: NOT_REACHED_ERROR_TYPE,
        message: notReached ?? "the cell was never measured",
      };
    } else if (this.#error !== undefined) {
      cell.error = this.#error;
    }
    return cell;
  }
}
