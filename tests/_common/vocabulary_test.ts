/**
 * The scenario names and operations are written once (lib/_common/vocabulary.ts); the config
 * schema, the default config and the scenario modules must say the same, in the same order.
 */

import assert from "node:assert/strict";
import schema from "../../datason-bench.schema.json" with { type: "json" };
import defaults from "../../lib/config/defaults.json" with { type: "json" };
import { OPERATIONS, SCENARIO_NAMES } from "../../lib/_common/vocabulary.ts";
import { SCENARIOS } from "../../scenarios/mod.ts";

/** Every enum (and, with `keys`, every `properties` key list) of the schema that holds `probe`. */
function listsMentioning(
  node: unknown,
  probe: string,
  keys: boolean,
  found: string[][] = [],
): string[][] {
  if (Array.isArray(node)) {
    for (const item of node) listsMentioning(item, probe, keys, found);
  } else if (node !== null && typeof node === "object") {
    const object = node as Record<string, unknown>;
    if (Array.isArray(object.enum) && object.enum.includes(probe)) {
      found.push(object.enum as string[]);
    }
    const properties = object.properties as Record<string, unknown> | undefined;
    if (keys && properties !== undefined && probe in properties) {
      found.push(Object.keys(properties));
    }
    for (const child of Object.values(object)) listsMentioning(child, probe, keys, found);
  }
  return found;
}

Deno.test("the scenario modules are the scenario names, in their order", () => {
  assert.deepEqual(SCENARIOS.map((s) => s.name), [...SCENARIO_NAMES]);
});

Deno.test("every scenario list of the config schema and the defaults is the scenario names", () => {
  const lists = listsMentioning(schema, SCENARIO_NAMES[0], true);
  assert.ok(lists.length >= 5, `found ${lists.length} scenario lists in the schema`);
  for (const list of lists) assert.deepEqual(list, [...SCENARIO_NAMES]);
  assert.deepEqual(Object.keys(defaults.scenarios), [...SCENARIO_NAMES]);
  for (const scenario of SCENARIOS) {
    assert.equal(
      defaults.scenarios[scenario.name].count,
      scenario.defaultCount,
      `scenarios.${scenario.name}.count`,
    );
  }
});

Deno.test("every operation list of the config schema is the operations", () => {
  const lists = listsMentioning(schema, OPERATIONS[0], false);
  assert.ok(lists.length >= 2, `found ${lists.length} operation lists in the schema`);
  for (const list of lists) assert.deepEqual(list, [...OPERATIONS]);
});
