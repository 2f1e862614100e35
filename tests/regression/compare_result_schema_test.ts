import assert from "node:assert/strict";
import { OPERATIONS } from "../../lib/_common/vocabulary.ts";
import type { SchemaNode } from "../../lib/_common/validate_schema.ts";
import { FAIL_ON_LEVELS } from "../../lib/config/types.ts";
import { MEASURES } from "../../lib/regression/measures.ts";
import { COMPARE_RESULT_SCHEMA } from "../../lib/regression/parse_compare_result.ts";
import { COMPARE_SCHEMA, VERDICTS } from "../../lib/regression/types.ts";
import { CELL_STATUSES, FIDELITIES } from "../../lib/results/run_record.ts";

Deno.test("the compare@1 schema lists the labels the code knows", () => {
  const defs = COMPARE_RESULT_SCHEMA.$defs as Record<string, SchemaNode>;
  const row = defs.row.properties!;
  const side = defs.side.properties!;
  const top = COMPARE_RESULT_SCHEMA.properties!;
  assert.equal(top.schema.const, COMPARE_SCHEMA);
  assert.deepEqual([...row.verdict.enum!].sort(), [...VERDICTS].sort());
  assert.deepEqual(row.metric.enum, MEASURES.map((m) => m.id));
  assert.deepEqual(row.operation.enum, [...OPERATIONS]);
  assert.deepEqual(side.status.enum, [...CELL_STATUSES]);
  assert.deepEqual(side.fidelity.enum, [...FIDELITIES, null]);
  assert.deepEqual(top.options.properties!.failOn.enum, [
    ...FAIL_ON_LEVELS,
  ]);
});
