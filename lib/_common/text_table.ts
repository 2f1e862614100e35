/** The one text-table layout of the terminal outputs. */

export interface TextTableOptions {
  /** Alignment per column; right for numbers. @default every column left */
  align?: readonly ("left" | "right")[];
  /** Smallest width per column, in characters. @default 0 */
  minWidths?: readonly number[];
  /** Put before every line. @default "" */
  indent?: string;
}

/**
 * The lines of a table: every column as wide as its widest cell (counted in code points, so `µs`
 * and `≠` are one character each), two spaces between columns, the last column unpadded when it is
 * left-aligned, no trailing spaces.
 */
export function textTable(
  rows: readonly (readonly string[])[],
  options: TextTableOptions = {},
): string[] {
  if (rows.length === 0) return [];
  const length = (text: string) => [...text].length;
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from(
    { length: columns },
    (_, c) => Math.max(options.minWidths?.[c] ?? 0, ...rows.map((r) => length(r[c] ?? ""))),
  );
  return rows.map((row) => {
    const cells = row.map((cell, c) => {
      const padding = " ".repeat(widths[c] - length(cell));
      if (options.align?.[c] === "right") return padding + cell;
      return c === row.length - 1 ? cell : cell + padding;
    });
    return `${options.indent ?? ""}${cells.join("  ")}`.trimEnd();
  });
}
