import assert from "node:assert/strict";
import { createRng } from "../../../lib/_common/prng.ts";
import { buildChoicesModel } from "../../../lib/report/site/build_choices_model.ts";
import { buildFidelityMatrix } from "../../../lib/report/site/build_fidelity_matrix.ts";
import { buildVersionsModel } from "../../../lib/report/site/build_versions_model.ts";
import { syntheticRun } from "../../../scripts/synthetic_history.ts";
import { makeRunRecord } from "../../helpers/make_run_record.ts";

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

Deno.test("the versions table says how the fidelity changed instead of a Δ across it", () => {
  const env = (version: string) => ({
    libraries: { datason: { version, apis: [] } },
    freeze: { datason: version },
  });
  const cells = (environment: string, ns: number, fidelity: "mismatch" | "exact") =>
    (["serialize", "deserialize"] as const).map((operation) => ({
      target: "datason",
      suite: "versions",
      scenario: "large_data",
      environment,
      operation,
      baseNs: ns,
      fidelity,
    }));
  const record = makeRunRecord({
    rounds: 6,
    sigma: 0,
    withinSigma: 0,
    environments: {
      "datason-0.13": env("0.13.0"),
      "datason-2.0": env("2.0.0a1"),
      "datason-2.1": env("2.1.0"),
    },
    // 0.13.0 replaces the large arrays with a marker (mismatch) and skips the work.
    cells: [
      ...cells("datason-0.13", 1_000, "mismatch"),
      ...cells("datason-2.0", 7_358_389, "exact"),
      ...cells("datason-2.1", 3_679_194.5, "exact"),
    ],
  });
  const [large] = buildVersionsModel(record);
  const [v013, v2, v21] = large.rows;
  assert.equal(v013.serializeChange, "first");
  assert.equal(v2.serializeChange, "fidelity changed: mismatch → exact");
  assert.equal(v2.deserializeChange, "fidelity changed: mismatch → exact");
  assert.doesNotMatch(v2.serializeChange, /%/);
  assert.equal(v21.serializeChange, "−50.0%", "same class: a plain change");
  assert.equal(
    large.summary,
    "Fastest: 2.1.0 (both operations) (among the versions whose output round-trips; not 0.13.0).",
  );
});

Deno.test("the fidelity matrix groups suites and labels versions by their DataSON version", () => {
  const matrix = buildFidelityMatrix([
    { suite: "competitive", record },
    { suite: "configurations", record },
    { suite: "versions", record },
  ])!;
  assert.deepEqual(matrix.groups.map((g) => g.title), [
    "DataSON and competitors · typed tier",
    "DataSON and competitors · JSON tier",
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
  const jsonTier = matrix.groups[1].rows.find((r) => r.label === "json")!;
  assert.deepEqual(
    jsonTier.cells.map((c) => c.fidelity?.verdict),
    ["exact", "exact", "exact", "exact", "exact"],
    "json's plain API on the JSON tier",
  );
  assert.equal(matrix.groups[3].rows[0].label, "datason 0.11.2 [datason-0.11]");
  assert.match(
    matrix.totals,
    /^\d+ exact · \d+ lossy · \d+ mismatch · \d+ unsupported · 5 unavailable$/,
    "one version × 5 scenarios",
  );
});
