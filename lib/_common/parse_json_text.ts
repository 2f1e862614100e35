/** JSON.parse with an error that says where (line and column) the text went wrong. */

export class JsonSyntaxError extends Error {
  readonly line: number | null;
  readonly column: number | null;
  constructor(message: string, line: number | null, column: number | null) {
    super(message);
    this.name = "JsonSyntaxError";
    this.line = line;
    this.column = column;
  }
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(raw);
    let line: number | null = null;
    let column: number | null = null;
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      line = before.split("\n").length;
      column = offset - before.lastIndexOf("\n");
    } else if (text.trim() === "") {
      throw new JsonSyntaxError("the file is empty", null, null);
    } else if (/end of (JSON )?input/i.test(raw)) {
      const lines = text.split("\n");
      line = lines.length;
      column = lines[lines.length - 1].length + 1;
    }
    const detail = raw.replace(/\s*\(line \d+ column \d+\)/, "").replace(
      / in JSON at position \d+/,
      "",
    );
    const where = line === null ? "" : ` at line ${line}, column ${column}`;
    throw new JsonSyntaxError(`malformed JSON${where}: ${detail}`, line, column);
  }
}
