/**
 * JSON.parse for files people write or keep: an error says where (line and column) the text went
 * wrong, and what JSON.parse lets through is refused too — a key named twice in one object (JSON.parse
 * keeps the last one silently) and the key `__proto__` — naming the JSON path of the key. A UTF-8
 * byte order mark at the start is accepted and ignored (RFC 8259 §8.1 allows it; Windows editors
 * write it), so a config saved by Notepad reads like any other.
 */

import { findJsonKeyProblem, RESERVED_KEY } from "./scan_json_keys.ts";

export class JsonSyntaxError extends Error {
  readonly line: number | null;
  readonly column: number | null;
  /** What fixes it, when the problem is not plain syntax. */
  readonly hint: string | undefined;
  constructor(message: string, line: number | null, column: number | null, hint?: string) {
    super(message);
    this.name = "JsonSyntaxError";
    this.line = line;
    this.column = column;
    this.hint = hint;
  }
}

const BOM = "\ufeff";

export function parseJsonText(text: string): unknown {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw syntaxError(body, error);
  }
  const problem = findJsonKeyProblem(body);
  if (problem !== null) {
    const { line, column } = lineAndColumn(body, problem.offset);
    const where = `${problem.path} (line ${line}, column ${column})`;
    throw problem.kind === "duplicate-key"
      ? new JsonSyntaxError(
        `duplicate key ${JSON.stringify(problem.key)} at ${where}: an object names each key once`,
        line,
        column,
        "remove one of the two entries (JSON readers differ on which one wins)",
      )
      : new JsonSyntaxError(
        `key "${RESERVED_KEY}" at ${where} is not allowed: it names JavaScript's object prototype`,
        line,
        column,
        `rename or remove the "${RESERVED_KEY}" key`,
      );
  }
  return value;
}

function syntaxError(text: string, error: unknown): JsonSyntaxError {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(raw);
  let line: number | null = null;
  let column: number | null = null;
  if (position) {
    ({ line, column } = lineAndColumn(text, Number(position[1])));
  } else if (text.trim() === "") {
    return new JsonSyntaxError("the file is empty", null, null);
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
  return new JsonSyntaxError(`malformed JSON${where}: ${detail}`, line, column);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
