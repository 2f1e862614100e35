import assert from "node:assert/strict";
import { detectDrift } from "../../lib/stats/detect_drift.ts";
import { detectSlowProcesses } from "../../lib/stats/detect_slow_processes.ts";
import { createRng } from "../../lib/_common/prng.ts";
import { assertClose } from "../helpers/assert_close.ts";

function noisy(seed: string, processes: number, values: number, trend: number): number[][] {
  const rng = createRng(7, seed);
  return Array.from(
    { length: processes },
    () =>
      Array.from(
        { length: values },
        (_, i) => 1000 * (1 + trend * i) * (1 + 0.01 * (rng.next() - 0.5)),
      ),
  );
}

Deno.test("detectDrift() pools Mann–Kendall S over processes (hand-computed)", () => {
  // Each strictly increasing process of 5 values has S = C(5,2) = 10 and variance
  // 5·4·15/18 = 50/3; three of them: z = (30 − 1)/√50 = 4.101, p = 2·(1 − Φ(4.101)), which
  // R gives as 2*pnorm(-29/sqrt(50)) = 4.1097878099458858e-05.
  const result = detectDrift([[100, 103, 106, 109, 112], [200, 206, 212, 218, 224], [
    50,
    51.5,
    53,
    54.5,
    56,
  ]]);
  assert.equal(result.direction, "up");
  assertClose(result.pValue!, 4.1097878099458858e-5, 1e-11);
  assertClose(result.relativeChange!, 0.12 / 1.06, 1e-12); // slope·4 / median: 12/106 in each
  assert.equal(result.drifting, true);
});

Deno.test("detectDrift() stays quiet on noise and on tiny consistent trends", () => {
  assert.equal(detectDrift(noisy("flat", 8, 5, 0)).drifting, false);
  // 0.1% per value: significant but only 0.4% across a process, below the 2% threshold.
  const tiny = detectDrift(noisy("tiny", 8, 5, 0.001));
  assert.equal(tiny.drifting, false);
  // 2% per value (8% across a process) is flagged.
  const real = detectDrift(noisy("real", 8, 5, 0.02));
  assert.equal(real.drifting, true);
  assert.equal(real.direction, "up");
  // Too few values per process: nothing examined.
  assert.equal(detectDrift([[1, 2, 3], [1, 2, 3]]).processes, 0);
});

Deno.test("detectSlowProcesses() flags a process far outside the others (modified z > 3.5)", () => {
  // Medians 100, 101, 99, 100, 102, 98, 100, 130: median 100, MAD 1 → z(130) = 30/1.4826 = 20.2.
  const processes = [100, 101, 99, 100, 102, 98, 100, 130].map((m) => [m - 1, m, m + 1]);
  const slow = detectSlowProcesses(processes);
  assert.equal(slow.length, 1);
  assert.equal(slow[0].index, 7);
  assertClose(slow[0].ratio, 1.3, 1e-12);
  assertClose(slow[0].robustZ, 30 / 1.4826, 1e-12);
});

Deno.test("detectSlowProcesses() ignores outliers smaller than 10% and noisy groups", () => {
  // 106 is an outlier by its modified z (6/1.4826 = 4.05 > 3.5) but only 6% slower.
  assert.deepEqual(detectSlowProcesses([[100], [101], [99], [100], [106]]), []);
  // Spread-out processes: 130 is 30% slower than the median but z = 30/(1.4826·20) ≈ 1.
  assert.deepEqual(detectSlowProcesses([[60], [80], [100], [120], [130]]), []);
  assert.deepEqual(detectSlowProcesses([[100], [200]]), []); // fewer than 3 processes
});
