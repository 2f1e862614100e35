import assert from "node:assert/strict";
import * as bounds from "../../lib/config/bounds.ts";
import { CONFIG_SCHEMA } from "../../lib/config/load_config.ts";
import { derefSchema, type SchemaNode } from "../../lib/_common/validate_schema.ts";

Deno.test("the schema's maxima are the bounds lib/config/bounds.ts documents", () => {
  const defs = CONFIG_SCHEMA.$defs as Record<string, SchemaNode>;
  const maximum = (node: SchemaNode) => derefSchema(CONFIG_SCHEMA, node).maximum;
  const profile = derefSchema(CONFIG_SCHEMA, defs.profile).properties!;
  const trends = (CONFIG_SCHEMA.properties!.trends as SchemaNode).properties!;
  assert.equal(maximum(profile.processes), bounds.MAX_PROCESSES);
  assert.equal(maximum(profile.values), bounds.MAX_VALUES);
  assert.equal(maximum(profile.warmups), bounds.MAX_WARMUPS);
  assert.equal(maximum(profile.minValueSeconds), bounds.MAX_MIN_VALUE_SECONDS);
  assert.equal(maximum(profile.timeoutSeconds), bounds.MAX_TIMEOUT_SECONDS);
  assert.equal(maximum(profile.records), bounds.MAX_RECORDS);
  assert.equal(maximum(defs.scenario.properties!.count), bounds.MAX_RECORDS);
  assert.equal(maximum(trends.days), bounds.MAX_TREND_DAYS);
  assert.equal(maximum(trends.minSegment), bounds.MAX_MIN_SEGMENT);
  assert.equal(maximum(trends.permutations), bounds.MAX_PERMUTATIONS);
  for (const name of ["profileOverride", "suiteOverride"]) {
    const properties = derefSchema(CONFIG_SCHEMA, defs[name]).properties!;
    assert.equal(maximum(properties.processes), bounds.MAX_PROCESSES, name);
    assert.equal(maximum(properties.timeoutSeconds), bounds.MAX_TIMEOUT_SECONDS, name);
  }
});
