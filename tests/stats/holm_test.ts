import assert from "node:assert/strict";
import { holm, holmThresholds } from "../../lib/stats/holm.ts";
import { assertClose } from "../helpers/assert_close.ts";

Deno.test("holm() matches R's p.adjust(p, 'holm')", () => {
  // R 4.2.2: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "holm") = 0.04 0.09 0.09 0.025 0.2
  const adjusted = holm([0.01, 0.04, 0.03, 0.005, 0.2]);
  [0.04, 0.09, 0.09, 0.025, 0.2].forEach((p, i) => assertClose(adjusted[i], p, 1e-14));
  assert.deepEqual(holm([]), []);
  assert.deepEqual(holm([0.6, 0.7]), [1, 1]);
});

Deno.test("holmThresholds() gives α/(m − i + 1) by rank", () => {
  const thresholds = holmThresholds([0.01, 0.04, 0.03, 0.005, 0.2], 0.05);
  // Ranks: 0.005 → 1st (α/5), 0.01 → 2nd (α/4), 0.03 → 3rd (α/3), 0.04 → α/2, 0.2 → α.
  [0.05 / 4, 0.05 / 2, 0.05 / 3, 0.05 / 5, 0.05].forEach((t, i) =>
    assertClose(thresholds[i], t, 1e-14)
  );
});
