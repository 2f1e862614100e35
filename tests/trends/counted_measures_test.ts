import assert from "node:assert/strict";
import { MEASURES, PRIMARY_MEASURE } from "../../lib/regression/measures.ts";
import { COUNTED_MEASURES, TIME_MEASURE } from "../../lib/trends/counted_measures.ts";

Deno.test("the trend series follow the table of measures: time, and every measure counted per layout", () => {
  assert.equal(TIME_MEASURE, PRIMARY_MEASURE.id);
  assert.deepEqual(
    COUNTED_MEASURES.map((m) => [m.id, m.label, m.unit]),
    MEASURES.filter((m) => m.comparison === "layouts").map((
      m,
    ) => [m.id, m.label, `${m.unit}/record`]),
  );
});
