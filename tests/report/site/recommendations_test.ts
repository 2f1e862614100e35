import assert from "node:assert/strict";
import {
  type Candidate,
  costAgainst,
  describeRecommendations,
  recommend,
} from "../../../lib/report/site/build_recommendations.ts";

function candidate(overrides: Partial<Candidate> & { target: string }): Candidate {
  return {
    roundTripNs: 100_000,
    outputBytes: 10_000,
    peakBytes: 50_000,
    fidelity: "exact",
    ...overrides,
  };
}

Deno.test("recommend() picks the fastest exact configuration over a faster lossy one", () => {
  const result = recommend([
    candidate({ target: "datason", roundTripNs: 100_000, fidelity: "lossy" }),
    candidate({ target: "datason-cfg-performance", roundTripNs: 60_000, fidelity: "lossy" }),
    candidate({ target: "datason-load_smart", roundTripNs: 110_000 }),
    candidate({ target: "datason-cfg-strict", roundTripNs: 130_000 }),
  ]);
  assert.equal(result.pool, "exact");
  assert.equal(result.note, "");
  const fastest = result.picks.find((p) => p.goals.includes("fastest"))!;
  assert.equal(fastest.candidate.target, "datason-load_smart");
});

Deno.test("recommend() picks smallest output and lowest memory separately, merging a target that wins twice", () => {
  const result = recommend([
    candidate({ target: "a", roundTripNs: 50_000, outputBytes: 12_000, peakBytes: 40_000 }),
    candidate({ target: "b", roundTripNs: 70_000, outputBytes: 8_000, peakBytes: 30_000 }),
    candidate({ target: "c", roundTripNs: 90_000, outputBytes: 9_000, peakBytes: 35_000 }),
  ]);
  assert.deepEqual(
    result.picks.map((p) => [p.candidate.target, p.goals]),
    [["a", ["fastest"]], ["b", ["smallest", "memory"]]],
  );
});

Deno.test("recommend() breaks ties by the faster round trip, then by target id", () => {
  const result = recommend([
    candidate({ target: "slow", roundTripNs: 90_000, outputBytes: 8_000 }),
    candidate({ target: "quick", roundTripNs: 70_000, outputBytes: 8_000 }),
    candidate({ target: "b-same", roundTripNs: 70_000, outputBytes: 8_000, peakBytes: 10 }),
    candidate({ target: "a-same", roundTripNs: 70_000, outputBytes: 8_000, peakBytes: 10 }),
  ]);
  const of = (goal: string) => result.picks.find((p) => p.goals.includes(goal as never))!;
  assert.equal(of("smallest").candidate.target, "a-same");
  assert.equal(of("memory").candidate.target, "a-same");
  assert.equal(of("fastest").candidate.target, "a-same");
});

Deno.test("recommend() falls back to the lossy candidates when none is exact, and says so", () => {
  const result = recommend([
    candidate({ target: "datason", roundTripNs: 100_000, fidelity: "lossy" }),
    candidate({ target: "datason-dump_fast", roundTripNs: 80_000, fidelity: "lossy" }),
    // Faster, but its output does not round-trip: never a pick.
    candidate({ target: "datason-dump_secure", roundTripNs: 10_000, fidelity: "mismatch" }),
    // Exact, but its deserialize failed: not a candidate.
    candidate({ target: "datason-cfg-strict", roundTripNs: null, fidelity: "exact" }),
  ]);
  assert.equal(result.pool, "lossy");
  assert.match(result.note, /No configuration gives this scenario's data back exactly/);
  assert.equal(result.picks[0].candidate.target, "datason-dump_fast");
  assert.ok(!result.picks.some((p) => p.candidate.target === "datason-cfg-strict"));
  assert.ok(!result.picks.some((p) => p.candidate.target === "datason-dump_secure"));
  assert.equal(
    describeRecommendations(result, null)[0].goal,
    "Fastest round trip, smallest output, lowest peak memory (lossy: no exact option)",
  );
});

Deno.test("recommend() never recommends output that does not round-trip, however fast", () => {
  const result = recommend([
    candidate({ target: "datason", roundTripNs: 100_000, fidelity: "mismatch" }),
    candidate({ target: "datason-dump_fast", roundTripNs: 80_000, fidelity: "mismatch" }),
  ]);
  assert.equal(result.pool, "none");
  assert.deepEqual(result.picks, []);
  assert.match(result.note, /every one that worked is a mismatch\): nothing to recommend/);
});

Deno.test("recommend() recommends nothing when no configuration completed both operations", () => {
  const result = recommend([candidate({ target: "datason", roundTripNs: null })]);
  assert.equal(result.pool, "none");
  assert.deepEqual(result.picks, []);
  assert.match(result.note, /nothing to recommend/);
});

Deno.test("costAgainst() carries both fidelities across classes, and compares nothing with a mismatch", () => {
  const a = candidate({ target: "a", roundTripNs: 80_000, fidelity: "exact" });
  const lossy = candidate({ target: "b", roundTripNs: 100_000, fidelity: "lossy" });
  const mismatch = candidate({ target: "c", roundTripNs: 100_000, fidelity: "mismatch" });
  assert.match(costAgainst(a, lossy), /^−20\.0% time.* \(exact vs lossy\)$/);
  assert.equal(costAgainst(a, mismatch), "not compared (exact vs mismatch)");
  assert.equal(costAgainst(mismatch, a), "not compared (mismatch vs exact)");
});

Deno.test("costAgainst() states time, bytes and memory as signed percentages", () => {
  const a = candidate({ target: "a", roundTripNs: 112_000, outputBytes: 7_000, peakBytes: 50_000 });
  const b = candidate({
    target: "b",
    roundTripNs: 100_000,
    outputBytes: 10_000,
    peakBytes: 40_000,
  });
  assert.equal(costAgainst(a, b), "+12.0% time, −30.0% bytes, +25.0% memory");
  assert.equal(
    costAgainst(candidate({ target: "x", outputBytes: null }), b),
    "+0.0% time, +25.0% memory",
    "a metric without data is left out, never shown as a zero",
  );
});

Deno.test("describeRecommendations() costs each pick against the other picks and the default", () => {
  const fallback = candidate({
    target: "datason",
    roundTripNs: 100_000,
    outputBytes: 10_000,
    peakBytes: 40_000,
    fidelity: "lossy",
  });
  const result = recommend([
    fallback,
    candidate({ target: "fast", roundTripNs: 80_000, outputBytes: 13_000, peakBytes: 60_000 }),
    candidate({ target: "small", roundTripNs: 120_000, outputBytes: 9_000, peakBytes: 30_000 }),
  ]);
  const text = describeRecommendations(result, fallback);
  assert.equal(text.length, 2);
  assert.equal(text[0].goal, "Fastest round trip with exact fidelity");
  assert.equal(text[0].target, "fast");
  assert.match(text[0].values, /^80\.0 µs round trip · 12\.7 KiB output · 58\.6 KiB peak · exact$/);
  assert.deepEqual(text[0].costs, [
    "vs small (smallest output, lowest peak memory): −33.3% time, +44.4% bytes, +100.0% memory",
    "vs datason (the default): −20.0% time, +30.0% bytes, +50.0% memory (exact vs lossy)",
  ]);
  assert.equal(text[1].goal, "Smallest output, lowest peak memory with exact fidelity");
});
