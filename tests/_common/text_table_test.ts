import assert from "node:assert/strict";
import { textTable } from "../../lib/_common/text_table.ts";

Deno.test("textTable() pads columns to their widest cell in code points, two spaces apart", () => {
  assert.deepEqual(textTable([["a", "unit", "why"], ["long", "µs", "x"]]), [
    "a     unit  why",
    "long  µs    x",
  ]);
});

Deno.test("textTable() right-aligns, honours minimum widths and indents, and trims line ends", () => {
  assert.deepEqual(
    textTable([["step", "3 s", ""], ["x", "120 s", "done"]], {
      align: ["left", "right", "left"],
      minWidths: [0, 6, 0],
      indent: "  ",
    }),
    ["  step     3 s", "  x      120 s  done"],
  );
  assert.deepEqual(textTable([]), []);
});
