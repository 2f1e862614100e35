import assert from "node:assert/strict";
import {
  COUNT_TIMEOUT_FACTOR,
  COUNT_TIMEOUT_FLOOR_SECONDS,
  countTimeoutSeconds,
} from "../../lib/bench/count_scenario.ts";

Deno.test("a count's timeout scales with its expected instructions at the measured throughput", () => {
  // 22 M instructions per second: 2.2 G instructions take 100 s, so 20 × 100 s, under the cap.
  assert.equal(countTimeoutSeconds(3600, 2.2e9, 22e6), COUNT_TIMEOUT_FACTOR * 100);
  // Small regions get the floor; huge ones the profile's cap.
  assert.equal(countTimeoutSeconds(3600, 1e6, 22e6), COUNT_TIMEOUT_FLOOR_SECONDS);
  assert.equal(countTimeoutSeconds(1800, 1e12, 22e6), 1800);
  // A slower machine (half the throughput) waits twice as long.
  assert.equal(countTimeoutSeconds(7200, 2.2e9, 11e6), 2 * COUNT_TIMEOUT_FACTOR * 100);
  // Nothing known: the cap.
  assert.equal(countTimeoutSeconds(1800, undefined, 22e6), 1800);
  assert.equal(countTimeoutSeconds(1800, 2.2e9, null), 1800);
});
