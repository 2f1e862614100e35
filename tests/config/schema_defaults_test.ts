import assert from "node:assert/strict";
import { CONFIG_SCHEMA, DEFAULT_CONFIG } from "../../lib/config/load_config.ts";
import { derefSchema, type SchemaNode, validateSchema } from "../../lib/_common/validate_schema.ts";
import { isPlainObject } from "../../lib/config/merge_config.ts";
import { REPO_ROOT } from "../helpers/run_cli.ts";

Deno.test("the embedded defaults are a complete, valid config", () => {
  assert.deepEqual(validateSchema(DEFAULT_CONFIG, CONFIG_SCHEMA, { enforceRequired: true }), []);
});

Deno.test("every schema property has a description, so editors can explain it", () => {
  const missing: string[] = [];
  const visit = (node: SchemaNode, path: string, seen: Set<SchemaNode>) => {
    const resolved = derefSchema(CONFIG_SCHEMA, node);
    if (seen.has(resolved)) return;
    for (const [key, child] of Object.entries(resolved.properties ?? {})) {
      const childResolved = derefSchema(CONFIG_SCHEMA, child);
      if (!child.description && !childResolved.description) missing.push(`${path}.${key}`);
      visit(child, `${path}.${key}`, new Set([...seen, resolved]));
    }
    if (typeof resolved.additionalProperties === "object") {
      visit(resolved.additionalProperties, `${path}.*`, new Set([...seen, resolved]));
    }
    if (resolved.items) visit(resolved.items, `${path}[]`, new Set([...seen, resolved]));
  };
  visit(CONFIG_SCHEMA, "", new Set());
  assert.deepEqual(missing, []);
});

Deno.test("the project's datason-bench.json is valid and sets only what differs from the defaults", async () => {
  const text = await Deno.readTextFile(`${REPO_ROOT}/datason-bench.json`);
  const project = JSON.parse(text);
  assert.equal(project.$schema, "./datason-bench.schema.json");
  assert.deepEqual(validateSchema(project, CONFIG_SCHEMA, { enforceRequired: false }), []);
  const same: string[] = [];
  const compare = (user: unknown, base: unknown, path: string) => {
    if (isPlainObject(user) && isPlainObject(base)) {
      for (const [key, value] of Object.entries(user)) {
        if (key !== "$schema") compare(value, base[key], `${path}.${key}`);
      }
    } else if (JSON.stringify(user) === JSON.stringify(base)) same.push(path);
  };
  compare(project, DEFAULT_CONFIG, "");
  assert.deepEqual(same, [], "fields repeating their default value");
});
