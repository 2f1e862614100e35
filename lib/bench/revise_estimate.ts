/**
 * The estimate again after the first round: once every timing process of round 1 has finished,
 * this run has measured every cell once. The later rounds and the counts under Valgrind are
 * estimated again from those timings (loops, ns per record, the cells that fail), with the same
 * formula as before the run, and added to the time spent so far. Runs with one round get their
 * revision when the Valgrind phase starts (only the counts remain); a run resumed after its first
 * round gets none.
 */

import { tieredScenario } from "../_common/vocabulary.ts";
import { median } from "../stats/median.ts";
import { estimateDuration, type EstimateInput } from "./estimate_duration.ts";
import type { ScheduleEvent } from "./run_schedule.ts";

/** How a run's duration was foreseen, and what it was (seconds). */
export interface RunEstimates {
  before: number;
  /** Null for a run of one round, or one resumed after its first round. */
  afterFirstRound: number | null;
  actual: number;
}

export interface RevisedEstimate {
  /** The whole run, seconds from its start. */
  seconds: number;
  /** Seconds from the start when round 1 ended. */
  firstRoundSeconds: number;
}

/** Watches a run's events; `revise` returns the revised estimate once, when round 1 ends. */
export class EstimateReviser {
  readonly #input: EstimateInput;
  readonly #started: number;
  readonly #measured = new Map<string, number | "failing">();
  #revised: RevisedEstimate | null = null;
  #done = false;

  constructor(input: EstimateInput, startedMs: number) {
    this.#input = input;
    this.#started = startedMs;
  }

  get revised(): RevisedEstimate | null {
    return this.#revised;
  }

  /** The revision when `event` is the first sign that round 1 is over; else null. */
  revise(event: ScheduleEvent, nowMs: number): RevisedEstimate | null {
    if (this.#done) return null;
    if (event.kind === "cell") {
      const { outcome } = event;
      const key = `${event.environment}/${
        tieredScenario(event.scenario, event.tier)
      }/${outcome.key}`;
      if (outcome.status === "ok") this.#measured.set(key, median(outcome.nsPerRecord));
      else if (outcome.status === "unsupported" || outcome.status === "unavailable") {
        this.#measured.set(key, "failing");
      }
      return null;
    }
    const afterFirstRound = (event.kind === "process" && event.round >= 1) ||
      event.kind === "count-start";
    if (!afterFirstRound) return null;
    this.#done = true;
    if (this.#measured.size === 0) return null; // resumed after round 1: nothing measured here
    const elapsed = (nowMs - this.#started) / 1000;
    const rest = estimateDuration({
      ...this.#input,
      plan: this.#input.plan.filter((p) => p.round >= 1),
      measured: this.#measured,
      uncalibrated: true,
    });
    this.#revised = { seconds: elapsed + rest.seconds, firstRoundSeconds: elapsed };
    return this.#revised;
  }
}
