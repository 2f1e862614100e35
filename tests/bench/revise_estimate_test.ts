import assert from "node:assert/strict";
import { EstimateReviser } from "../../lib/bench/revise_estimate.ts";
import {
  estimateDuration,
  LOAD_NS_PER_BYTE,
  PROCESS_START_SECONDS,
} from "../../lib/bench/estimate_duration.ts";
import type { ScenarioMeasureSettings } from "../../lib/bench/measure_settings.ts";
import type { ScheduleEvent } from "../../lib/bench/run_schedule.ts";
import { assertClose } from "../helpers/assert_close.ts";

const settings: ScenarioMeasureSettings = {
  processes: 3,
  values: 3,
  warmups: 1,
  minValueSeconds: 0.05,
  timeoutSeconds: 60,
  records: 100,
  memory: false,
  time: true,
  instructions: null,
};
const input = {
  plan: [0, 1, 2].map((round) => ({
    round,
    environment: "default",
    scenario: "api_fast",
    cells: ["orjson/serialize"],
  })),
  settings: { "default/api_fast": settings },
  records: { "default/api_fast": 100 },
  bytesPerRecord: { api_fast: 1000 },
  history: [],
};
const event = (kind: "process", round: number): ScheduleEvent => ({
  kind,
  environment: "default",
  scenario: "api_fast",
  tier: "typed",
  round,
  rounds: 3,
  index: round + 1,
  total: 3,
});
const cell = (nsPerRecord: number[]): ScheduleEvent => ({
  kind: "cell",
  environment: "default",
  scenario: "api_fast",
  tier: "typed",
  round: 0,
  outcome: {
    key: "orjson/serialize",
    target: "orjson",
    operation: "serialize",
    process: 0,
    status: "ok",
    loops: 1,
    calibrated: true,
    nsPerRecord,
    records: 100,
    outputBytes: 10,
    fidelity: "exact",
    fidelityNote: null,
  },
});

Deno.test("after round 1 the later rounds are estimated from the run's own timings", () => {
  // Before the run: guessed at 15 ns per byte (15 µs per record); measured: 2 ms per record.
  const reviser = new EstimateReviser(input, 0);
  assert.equal(reviser.revise(event("process", 0), 1_000), null, "still in round 1");
  assert.equal(reviser.revise(cell([1_900_000, 2_000_000, 2_100_000]), 5_000), null);
  const revised = reviser.revise(event("process", 1), 8_000);
  assert(revised !== null);
  // Rounds 2 and 3: a process start and its load each and (1 warm-up + 3 values) of one 0.2 s
  // pass; the calibration and round trip were round 1's.
  const pass = 0.2;
  const load = (100 * 1000 * LOAD_NS_PER_BYTE) / 1e9;
  const rest = 2 * (PROCESS_START_SECONDS + load) + 2 * 4 * pass;
  assertClose(revised.seconds, 8 + rest, 1e-9);
  assert.equal(revised.firstRoundSeconds, 8);
  assert.equal(reviser.revise(event("process", 2), 9_000), null, "revised once");
  // The estimate before the run, from the guess, was far lower.
  assert(estimateDuration(input).seconds < revised.seconds / 2);
});

Deno.test("a run resumed after its first round is not revised", () => {
  const reviser = new EstimateReviser(input, 0);
  assert.equal(reviser.revise(event("process", 1), 1_000), null);
  assert.equal(reviser.revised, null);
});
