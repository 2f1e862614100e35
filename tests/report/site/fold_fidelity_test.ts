import assert from "node:assert/strict";
import { foldFidelity } from "../../../lib/report/site/fold_fidelity.ts";
import type { CellStatus, Fidelity, MeasuredCell } from "../../../lib/results/run_record.ts";
import { fixtureCell } from "../../helpers/run_record_fixture.ts";

function cell(
  operation: "serialize" | "deserialize",
  status: CellStatus,
  fidelity: Fidelity | null = null,
  message = "boom",
): MeasuredCell {
  return fixtureCell({
    operation,
    status,
    fidelity,
    ...(status === "ok" ? {} : { error: { type: "TypeError", message }, summary: null }),
  });
}

Deno.test("foldFidelity() shows the worse round-trip fidelity of two working operations", () => {
  const folded = foldFidelity(cell("serialize", "ok", "exact"), cell("deserialize", "ok", "lossy"));
  assert.equal(folded?.verdict, "lossy");
  assert.equal(folded?.tone, "warn");
  assert.equal(
    foldFidelity(cell("serialize", "ok", "mismatch"), cell("deserialize", "ok", "lossy"))?.verdict,
    "mismatch",
  );
});

Deno.test("foldFidelity() lets a failed operation outrank any fidelity and names it", () => {
  const folded = foldFidelity(
    cell("serialize", "unsupported", null, "Object of type UUID is not JSON serializable"),
    cell("deserialize", "unsupported", null, "serialize (which makes the input) raised"),
  );
  assert.equal(folded?.verdict, "unsupported");
  assert.equal(
    folded?.detail,
    "serialize unsupported: TypeError: Object of type UUID is not JSON serializable",
  );
  assert.equal(
    foldFidelity(cell("serialize", "ok", "mismatch"), cell("deserialize", "timeout"))?.verdict,
    "timeout",
  );
  assert.equal(
    foldFidelity(cell("serialize", "crashed"), cell("deserialize", "unavailable"))?.verdict,
    "unavailable",
    "unavailable (nothing measured) is last in the order",
  );
});

Deno.test("foldFidelity() ignores a missing verdict and says unknown when there is none", () => {
  assert.equal(
    foldFidelity(cell("serialize", "ok", null), cell("deserialize", "ok", "exact"))?.verdict,
    "exact",
  );
  assert.equal(
    foldFidelity(cell("serialize", "ok", null), cell("deserialize", "ok", null))?.verdict,
    "unknown",
  );
  assert.equal(foldFidelity(cell("serialize", "ok", "lossy"), undefined)?.verdict, "lossy");
  assert.equal(foldFidelity(undefined, undefined), null);
});

Deno.test("foldFidelity() shows a cell the run never reached as not measured, not as an error", () => {
  const never = fixtureCell({
    operation: "deserialize",
    status: "error",
    fidelity: null,
    summary: null,
    nsPerRecord: [],
    rounds: [],
    error: { type: "NotMeasured", message: "the cell was never measured" },
  });
  const folded = foldFidelity(cell("serialize", "ok", "mismatch"), never);
  assert.equal(folded?.verdict, "not measured");
  assert.equal(folded?.tone, "off");
  assert.equal(
    foldFidelity(cell("serialize", "crashed"), never)?.verdict,
    "not measured",
    "after crashed in the order",
  );
  assert.equal(foldFidelity(cell("serialize", "error"), undefined)?.verdict, "error");
});
