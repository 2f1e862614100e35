/** The terminal lines of the side-by-side view (`side_by_side.ts`), placed above `compare`'s table. */

import { textTable } from "../_common/text_table.ts";
import type { CompareResult } from "../regression/types.ts";
import { terminalCell } from "./control_characters.ts";
import { sideBySide } from "./side_by_side.ts";

/** A blank line, a title and the table; nothing when the comparison has no counted measure. */
export function sideBySideLines(result: CompareResult): string[] {
  const view = sideBySide(result);
  if (view === null) return [];
  const header = ["gate", "cell", ...view.columns.map((m) => m.label)];
  const rows = view.rows.map((r) => [
    r.gate,
    terminalCell(r.cell),
    ...r.measures,
  ]);
  return [
    "",
    `time and instructions side by side (each measure has its own verdict; ${
      result.options.failOn === "never"
        ? "the gate never fails"
        : `a gated row at or above ${result.options.failOn} fails the gate`
    }):`,
    ...textTable([header, ...rows], { indent: "  " }),
  ];
}
