import assert from "node:assert/strict";
import { InputError } from "../../lib/_common/errors.ts";
import { matchesGate } from "../../lib/regression/matches_gate.ts";
import { resolveCompareOptions } from "../../lib/regression/resolve_compare_options.ts";

Deno.test("matchesGate() treats * as any run of characters and nothing else as special", () => {
  assert.equal(matchesGate("datason", ["datason*"]), true);
  assert.equal(matchesGate("datason-cfg-ml", ["datason*"]), true);
  assert.equal(matchesGate("orjson", ["datason*"]), false);
  assert.equal(matchesGate("a.b", ["a.b"]), true);
  assert.equal(matchesGate("axb", ["a.b"]), false);
  assert.equal(matchesGate("anything", ["*"]), true);
  assert.equal(matchesGate("datason", []), false);
});

Deno.test("resolveCompareOptions() fills from the config defaults and checks the thresholds", () => {
  const resolved = resolveCompareOptions({ failOn: "warn", thresholds: { notice: 0.03 } });
  assert.deepEqual(resolved, {
    alpha: 0.01,
    power: 0.8,
    gate: ["datason*"],
    failOn: "warn",
    thresholds: { fail: 0.25, warn: 0.1, notice: 0.03, improvement: 0.05 },
    instructions: { fail: 0.05, warn: 0.02, notice: 0.005, improvement: 0.005, spreadMultiple: 3 },
    memory: {
      fail: 0.25,
      warn: 0.1,
      notice: 0.02,
      improvement: 0.02,
      floorBytes: 2048,
      spreadMultiple: 1,
    },
    allowEnvMismatch: false,
    processSummary: "median",
  });
  assert.throws(() => resolveCompareOptions({ thresholds: { notice: 0.2 } }), InputError);
  assert.throws(
    () => resolveCompareOptions({ processSummary: "mean" as "median" }),
    /processSummary must be median or min/,
  );
  assert.throws(() => resolveCompareOptions({ alpha: 0 }), InputError);
});
