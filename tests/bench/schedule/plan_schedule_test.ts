import assert from "node:assert/strict";
import { planSchedule, type ScheduleCell } from "../../../lib/bench/schedule/plan_schedule.ts";

const targets = ["datason", "json", "orjson", "pickle"];
const cells = (): ScheduleCell[] =>
  targets.flatMap((target) =>
    ["serialize", "deserialize"].map((operation) => ({ target, operation }))
  );

Deno.test("planSchedule() gives every (round, environment, scenario) one process with every cell", () => {
  const plan = planSchedule({
    seed: 1,
    processes: 4,
    environments: ["a", "b", "c"],
    scenarios: ["s1", "s2"],
    cells,
  });
  assert.equal(plan.length, 4 * 3 * 2);
  for (const p of plan) {
    assert.deepEqual(
      [...p.cells].sort(),
      cells().map((c) => `${c.target}/${c.operation}`).sort(),
    );
  }
  const keys = new Set(plan.map((p) => `${p.round}/${p.environment}/${p.scenario}`));
  assert.equal(keys.size, plan.length);
});

Deno.test("two environments alternate AB, BA per round and sit next to each other per scenario", () => {
  const plan = planSchedule({
    seed: 9,
    processes: 4,
    environments: ["base", "head"],
    scenarios: ["s1", "s2", "s3"],
    cells,
  });
  for (let round = 0; round < 4; round++) {
    const inRound = plan.filter((p) => p.round === round);
    for (let i = 0; i < inRound.length; i += 2) {
      assert.equal(
        inRound[i].scenario,
        inRound[i + 1].scenario,
        "A and B of a scenario are adjacent",
      );
      assert.deepEqual(
        [inRound[i].environment, inRound[i + 1].environment],
        round % 2 === 0 ? ["base", "head"] : ["head", "base"],
      );
    }
  }
});

Deno.test("no two consecutive rounds measure a process's cells in the same order", () => {
  const plan = planSchedule({
    seed: 3,
    processes: 16,
    environments: ["default"],
    scenarios: ["s1", "s2"],
    cells,
  });
  for (const scenario of ["s1", "s2"]) {
    const orders = plan.filter((p) => p.scenario === scenario).map((p) => p.cells.join());
    for (let i = 1; i < orders.length; i++) assert.notEqual(orders[i], orders[i - 1]);
  }
  const scenarioOrders = new Set(
    Array.from(
      { length: 16 },
      (_, r) => plan.filter((p) => p.round === r).map((p) => p.scenario).join(),
    ),
  );
  assert.equal(scenarioOrders.size, 2, "scenario order is permuted across rounds");
});

Deno.test("planSchedule() gives each environment its own cells and each scenario its own rounds", () => {
  const plan = planSchedule({
    seed: 2,
    processes: (scenario) => (scenario === "big" ? 2 : 4),
    environments: ["default", "v1"],
    scenarios: ["small", "big"],
    cells: (_scenario, environment) =>
      environment === "v1" ? [{ target: "datason", operation: "serialize" }] : cells(),
  });
  assert.equal(plan.filter((p) => p.scenario === "big").length, 2 * 2);
  assert.equal(plan.filter((p) => p.scenario === "small").length, 4 * 2);
  for (const p of plan.filter((p) => p.environment === "v1")) {
    assert.deepEqual(p.cells, ["datason/serialize"]);
  }
});

Deno.test("planSchedule() is reproducible from its seed and changes with it", () => {
  const request = {
    processes: 3,
    environments: ["a", "b", "c"],
    scenarios: ["s1", "s2", "s3"],
    cells,
  };
  assert.deepEqual(planSchedule({ seed: 5, ...request }), planSchedule({ seed: 5, ...request }));
  assert.notDeepEqual(planSchedule({ seed: 5, ...request }), planSchedule({ seed: 6, ...request }));
});

Deno.test("planSchedule() gives each tier of a scenario its own process, in a seeded slot order", () => {
  const plan = planSchedule({
    seed: 3,
    processes: 4,
    environments: ["a"],
    scenarios: ["s1", "s2", "s3"],
    tiers: (scenario) => scenario === "s3" ? ["typed"] : ["typed", "json"],
    cells: (_scenario, _environment, tier) => tier === "json" ? cells().slice(0, 4) : cells(),
  });
  assert.equal(plan.length, 4 * 5, "5 (scenario, tier) slots per round");
  const keys = new Set(plan.map((p) => `${p.round}/${p.scenario}/${p.tier}`));
  assert.equal(keys.size, plan.length);
  assert.ok(plan.filter((p) => p.tier === "json").every((p) => p.cells.length === 4));
  const orders = new Set(
    [0, 1, 2, 3].map((r) =>
      plan.filter((p) => p.round === r).map((p) => `${p.scenario}@${p.tier}`).join()
    ),
  );
  assert.ok(orders.size > 1, "slot order changes between rounds");
});

Deno.test("planSchedule() without tiers plans the typed tier alone, the same as naming it", () => {
  const request = { seed: 11, processes: 3, environments: ["a", "b"], scenarios: ["s1", "s2"] };
  const before = planSchedule({ ...request, cells });
  const typed = planSchedule({ ...request, tiers: () => ["typed"], cells });
  assert.deepEqual(typed, before);
  assert.ok(before.every((p) => p.tier === "typed"));
});

Deno.test("the environment scope: per round one group per environment holding all its slots", () => {
  const request = {
    seed: 3,
    processes: 3,
    environments: ["a", "b", "c"],
    scenarios: ["s1", "s2", "s3"],
    cells,
  };
  const plan = planSchedule({ ...request, processScope: "environment" });
  assert.equal(plan.length, 3 * 3 * 3, "the same planned slots as the scenario scope");
  for (let round = 0; round < 3; round++) {
    const inRound = plan.filter((p) => p.round === round);
    // Each environment's slots are adjacent and share one group named after round and environment.
    const order = inRound.map((p) => p.environment).filter((e, i, all) => all[i - 1] !== e);
    assert.deepEqual([...order].sort(), ["a", "b", "c"]);
    for (const p of inRound) assert.equal(p.group, `${round}/${p.environment}`);
    for (const environment of ["a", "b", "c"]) {
      const slots = inRound.filter((p) => p.environment === environment).map((p) => p.scenario);
      assert.deepEqual([...slots].sort(), ["s1", "s2", "s3"]);
    }
  }
  // The scenario scope plans no groups.
  assert(planSchedule(request).every((p) => p.group === undefined));
});
