import assert from "node:assert/strict";
import { canonicalJson } from "../../lib/_common/canonical_json.ts";
import { sha256Hex } from "../../lib/_common/sha256.ts";
import { DATA_TIERS, OPERATIONS } from "../../lib/_common/vocabulary.ts";
import type { SchemaNode } from "../../lib/_common/validate_schema.ts";
import { FAIL_ON_LEVELS } from "../../lib/config/types.ts";
import { MEASURES } from "../../lib/regression/measures.ts";
import { compareRuns } from "../../lib/regression/compare_runs.ts";
import {
  COMPARE_RESULT_SCHEMA,
  parseCompareResult,
} from "../../lib/regression/parse_compare_result.ts";
import { renderCompareText } from "../../lib/report/render_compare_text.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";
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

Deno.test("a stored comparison keeps each row's tier and fidelity change; older ones read as typed", () => {
  const defs = COMPARE_RESULT_SCHEMA.$defs as Record<string, SchemaNode>;
  const row = defs.row.properties!;
  assert.deepEqual(row.tier.enum, [...DATA_TIERS]);
  assert.deepEqual(row.fidelityChange.properties!.to.enum, [...FIDELITIES]);

  const baseline = makeRunRecord({
    rounds: 6,
    sigma: 0.01,
    label: "b",
    cells: [{ target: "datason", fidelity: "mismatch" }, { target: "json", tier: "json" }],
  });
  const current = makeRunRecord({
    rounds: 6,
    sigma: 0.01,
    label: "c",
    cells: [{ target: "datason", shift: 3 }, { target: "json", tier: "json" }],
  });
  const result = compareRuns(baseline, current);
  const stored = parseCompareResult(JSON.parse(JSON.stringify(result)), "c.json");
  assert.deepEqual(stored, result);
  assert.match(renderCompareText(stored), /fidelity changed: mismatch → exact/);

  // A comparison written before the JSON tier: no `tier`, no `fidelityChange` (its id is of that
  // content, so the rows are removed before the id is made again).
  const { id: _id, ...content } = structuredClone(result);
  content.rows = content.rows.filter((r) => r.fidelityChange === null && r.tier === "typed");
  for (const r of content.rows) {
    delete (r as { tier?: string }).tier;
    delete (r as { fidelityChange?: unknown }).fidelityChange;
  }
  content.summary = { ...content.summary };
  const older = { ...content, id: sha256Hex(canonicalJson(content)) };
  const read = parseCompareResult(older, "older.json");
  assert.ok(read.rows.every((r) => r.tier === "typed" && r.fidelityChange === null));
  assert.doesNotMatch(renderCompareText(read), /fidelity changed/);
});
