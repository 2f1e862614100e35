import assert from "node:assert/strict";
import { roundLogRatios, type RoundSide } from "../../lib/regression/round_log_ratios.ts";
import { assertClose } from "../helpers/assert_close.ts";

// Round 0: the values' pair ratios are 1.1, 0.9, 1.1 (median 1.1), while the medians' ratio is
// 180/200 = 0.9. Round 1: every pair and the medians say 1.2.
const base: RoundSide = { values: [[100, 200, 300], [100, 100]], rounds: [0, 1] };
const head: RoundSide = { values: [[110, 180, 330], [120, 120]], rounds: [0, 1] };

function assertRatios(actual: number[] | null, expected: number[]): void {
  assert.ok(actual !== null);
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assertClose(actual[i], e, 1e-12, `round ${i}`));
}

Deno.test("roundLogRatios() takes the median of the value pairs when both sides ran in lockstep", () => {
  const d = roundLogRatios(
    { ...base, pairing: "lockstep" },
    { ...head, pairing: "lockstep" },
    "median",
  );
  assertRatios(d, [Math.log(1.1), Math.log(1.2)]);
  const duet = roundLogRatios({ ...base, pairing: "duet" }, { ...head, pairing: "duet" }, "median");
  assertRatios(duet, [Math.log(1.1), Math.log(1.2)]);
});

Deno.test("roundLogRatios() compares process medians unless both sides share a value pairing", () => {
  const medians = [Math.log(0.9), Math.log(1.2)];
  assertRatios(roundLogRatios(base, head, "median"), medians);
  assertRatios(
    roundLogRatios({ ...base, pairing: "process" }, { ...head, pairing: "process" }, "median"),
    medians,
  );
  assertRatios(
    roundLogRatios({ ...base, pairing: "lockstep" }, { ...head, pairing: "duet" }, "median"),
    medians,
  );
  assertRatios(roundLogRatios({ ...base, pairing: "lockstep" }, head, "median"), medians);
});

Deno.test("roundLogRatios() pairs the values both processes have when their counts differ", () => {
  // Base's fourth value has no partner: pairs 1.1, 0.9, 1.1 give 1.1 (the medians: 180/150).
  const d = roundLogRatios(
    { values: [[100, 200, 300, 50]], rounds: [0], pairing: "duet" },
    { values: [[110, 180, 330]], rounds: [0], pairing: "duet" },
    "median",
  );
  assertRatios(d, [Math.log(1.1)]);
  // Two pairs, 1.1 and 1.3: their median is the mean of the two logs.
  const even = roundLogRatios(
    { values: [[100, 100]], rounds: [0], pairing: "lockstep" },
    { values: [[110, 130, 90]], rounds: [0], pairing: "lockstep" },
    "median",
  );
  assertRatios(even, [(Math.log(1.1) + Math.log(1.3)) / 2]);
});

Deno.test("roundLogRatios() with processSummary min compares each round's minima, paired or not", () => {
  // Minima 95 vs 90, where the pairs would say 0.95 and 1.1.
  const a: RoundSide = { values: [[100, 90]], rounds: [0], pairing: "lockstep" };
  const b: RoundSide = { values: [[95, 99]], rounds: [0], pairing: "lockstep" };
  assertRatios(roundLogRatios(a, b, "min"), [Math.log(95 / 90)]);
});

Deno.test("roundLogRatios() keeps the rounds both sides measured, in round order", () => {
  for (const pairing of [undefined, "lockstep"] as const) {
    const d = roundLogRatios(
      { values: [[200], [100], [100]], rounds: [2, 1, 0], pairing },
      { values: [[300], [], [150]], rounds: [2, 1, 3], pairing },
      "median",
    );
    assertRatios(d, [Math.log(1.5)]);
  }
  assert.deepEqual(
    roundLogRatios({ values: [[1]], rounds: [0] }, { values: [[1]], rounds: [1] }, "median"),
    [],
  );
});

Deno.test("roundLogRatios() gives null when a time to take the log of is not positive", () => {
  const zero: RoundSide = { values: [[100, 0, 100]], rounds: [0] };
  const ok: RoundSide = { values: [[100, 100, 100]], rounds: [0] };
  assert.equal(
    roundLogRatios({ ...zero, pairing: "duet" }, { ...ok, pairing: "duet" }, "median"),
    null,
  );
  assert.equal(roundLogRatios(ok, { values: [[0, 0, 100]], rounds: [0] }, "median"), null);
  // A process of a round the other side did not measure still counts, as it always has.
  assert.equal(
    roundLogRatios(
      { values: [[100], [0]], rounds: [0, 1] },
      { values: [[100]], rounds: [0] },
      "min",
    ),
    null,
  );
});
