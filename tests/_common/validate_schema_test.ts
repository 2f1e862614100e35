import assert from "node:assert/strict";
import { type SchemaNode, validateSchema } from "../../lib/_common/validate_schema.ts";

const SCHEMA: SchemaNode = {
  type: "object",
  additionalProperties: false,
  required: ["diff"],
  properties: {
    diff: {
      oneOf: [
        {
          type: "object",
          additionalProperties: false,
          required: ["status", "change"],
          properties: { status: { const: "ok" }, change: { type: "number" } },
        },
        {
          type: "object",
          additionalProperties: false,
          required: ["status", "reason"],
          properties: { status: { const: "unavailable" }, reason: { type: "string" } },
        },
      ],
    },
  },
};

const check = (value: unknown) => validateSchema(value, SCHEMA, { enforceRequired: true });

Deno.test("oneOf accepts a value that matches exactly one alternative", () => {
  assert.deepEqual(check({ diff: { status: "ok", change: 1.5 } }), []);
  assert.deepEqual(check({ diff: { status: "unavailable", reason: "gone" } }), []);
});

Deno.test("oneOf reports the closest alternative's problems when none matches", () => {
  assert.deepEqual(check({ diff: { status: "ok", change: "x" } }), [
    { path: "diff.change", message: 'got string "x", expected number' },
  ]);
  const issues = check({ diff: { status: "ok", change: 1, extra: true } });
  assert.equal(issues.length, 1);
  assert.equal(issues[0].path, "diff.extra");
  assert.match(issues[0].message, /unknown key "extra"/);
});

Deno.test("oneOf refuses a value that matches more than one alternative", () => {
  const both: SchemaNode = { oneOf: [{ type: "number" }, { type: "integer" }] };
  assert.deepEqual(validateSchema(3, both, { enforceRequired: true }), [
    { path: "(root)", message: "matches 2 of the alternatives, exactly one must" },
  ]);
});
