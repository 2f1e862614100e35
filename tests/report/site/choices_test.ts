import assert from "node:assert/strict";
import { createRng } from "../../../lib/_common/prng.ts";
import { buildChoicesModel } from "../../../lib/report/site/build_choices_model.ts";
import { buildFidelityMatrix } from "../../../lib/report/site/build_fidelity_matrix.ts";
import { syntheticRun } from "../../../scripts/synthetic_history.ts";

const record = syntheticRun({
  startedAt: "2026-11-16T02:00:00.000Z",
  rng: createRng(5, "choices"),
  processes: 6,
  values: 3,
  unavailableEnvironments: ["datason-0.12"],
});

Deno.test("the configurations model recommends the fastest exact profile and marks the picks", () => {
  const choices = buildChoicesModel(record, record)!;
  const api = choices.scenarios.find((s) => s.scenario === "api_fast")!;
  // Exact on api_fast: load_smart (round trip ≈ 50.7 + 58.5 µs) and cfg-strict (≈ 63.4 + 63.4 µs).
  assert.equal(api.configurations!.recommendations[0].target, "datason-load_smart");
  assert.match(api.configurations!.recommendations[0].goal, /^Fastest round trip.*exact fidelity$/);
  const row = api.configurations!.rows.find((r) => r.target === "datason-load_smart")!;
  assert.ok(row.picks.includes("fastest"));
  assert.equal(row.kind, "API variant");
  assert.equal(api.configurations!.rows.find((r) => r.target === "datason")!.vsDefault, "1.00×");
  const large = choices.scenarios.find((s) => s.scenario === "large_data")!;
  assert.match(large.configurations!.note, /No configuration gives this scenario's data back/);
});

Deno.test("the versions model orders versions and compares each with the last measured one", () => {
  const choices = buildChoicesModel(null, record)!;
  const api = choices.scenarios.find((s) => s.scenario === "api_fast")!.versions!;
  assert.deepEqual(api.rows.map((r) => r.version), ["0.11.2", "0.12.0", "0.13.0", "2.0.0a1"]);
  const [v011, v012, v013, v2] = api.rows;
  assert.equal(v011.serializeChange, "first");
  assert.equal(v012.serialize, "unavailable");
  assert.equal(v012.fidelity.verdict, "unavailable");
  assert.match(v012.failure, /datason 0\.12\.0 is not installed/);
  // 0.13.0 (factor 1) against 0.11.2 (factor 0.85), the last version measured: about +18%.
  assert.match(v013.serializeChange, /^\+1[5-9]\.\d%$/);
  // 2.0.0a1 (factor 0.6) against 0.13.0: about −40%.
  assert.match(v2.deserializeChange, /^−(3[6-9]|4[0-4])\.\d%$/);
  assert.equal(api.summary, "Fastest: 2.0.0a1 (both operations).");
  assert.equal(choices.configurationsRun, null);
});

Deno.test("the fidelity matrix groups suites and labels versions by their DataSON version", () => {
  const matrix = buildFidelityMatrix([
    { suite: "competitive", record },
    { suite: "configurations", record },
    { suite: "versions", record },
  ])!;
  assert.deepEqual(matrix.groups.map((g) => g.title), [
    "DataSON and competitors",
    "DataSON configurations and API variants",
    "DataSON versions",
  ]);
  assert.deepEqual(matrix.scenarios, [
    "api_fast",
    "ml_training",
    "secure_storage",
    "large_data",
    "edge_cases",
  ]);
  const competitive = matrix.groups[0].rows;
  assert.ok(!competitive.some((r) => r.label === "noop"), "noop says nothing about fidelity");
  const json = competitive.find((r) => r.label === "json")!;
  assert.deepEqual(json.cells.map((c) => c.fidelity?.verdict), [
    "lossy",
    "unsupported",
    "unsupported",
    "unsupported",
    "unsupported",
  ]);
  assert.equal(matrix.groups[2].rows[0].label, "datason 0.11.2 [datason-0.11]");
  assert.match(
    matrix.totals,
    /^\d+ exact · \d+ lossy · \d+ mismatch · \d+ unsupported · 5 unavailable$/,
    "one version × 5 scenarios",
  );
});
