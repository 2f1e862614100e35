/**
 * The door through which a stored comparison (`datason-bench/compare@1`) comes back in: `compare
 * --from FILE` re-renders one, the site shows the newest one `compare --save` stored. The document
 * may have been written by a job that ran untrusted code (the PR gate), so it is checked like any
 * input: its size before it is read, then the schema (every field closed, every string bounded,
 * every label one of the known ones), then what the schema cannot say — `id` is the hash of the
 * content, a within-run comparison names its axis, each row's notes exist. Renderers trust what
 * passes; they escape every string anyway.
 */

import { canonicalJson } from "../_common/canonical_json.ts";
import { InputError } from "../_common/errors.ts";
import { formatJsonPath } from "../_common/json_path.ts";
import { JsonSyntaxError, parseJsonText } from "../_common/parse_json_text.ts";
import { sha256Hex } from "../_common/sha256.ts";
import { type SchemaNode, validateSchema } from "../_common/validate_schema.ts";
import schemaJson from "./compare_result.schema.json" with { type: "json" };
import { COMPARE_SCHEMA, type CompareResult } from "./types.ts";

export const COMPARE_RESULT_SCHEMA: SchemaNode = schemaJson as SchemaNode;

/** Larger than any real comparison (a 2,000-cell one is about 6 MB); larger files are refused. */
export const MAX_COMPARISON_BYTES = 64 * 1024 * 1024;

const SCHEMA_ID = /^datason-bench\/compare@(\d+)$/;

/** Why a comparison cannot be used: the first problem, with its JSON path. */
export function comparisonProblem(value: unknown): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return "the top level is not a JSON object";
  }
  const schema = (value as { schema?: unknown }).schema;
  const match = typeof schema === "string" ? SCHEMA_ID.exec(schema) : null;
  if (match === null) return `schema: not a comparison (expected "${COMPARE_SCHEMA}")`;
  if (schema !== COMPARE_SCHEMA) {
    return `schema "${schema}" is newer than this version reads (${COMPARE_SCHEMA}): update datason-bench`;
  }
  const issues = validateSchema(value, COMPARE_RESULT_SCHEMA, { enforceRequired: true });
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : "";
    return `${issues[0].path}: ${issues[0].message}${more}`;
  }
  const result = value as CompareResult;
  if ((result.mode === "within-run") !== (result.axis !== null)) {
    return "axis: must be set for a within-run comparison and null otherwise";
  }
  const notes = new Set(result.environmentNotes.map((n) => n.id));
  for (const [i, row] of result.rows.entries()) {
    const unknown = row.environmentNotes.find((id) => !notes.has(id));
    if (unknown !== undefined) {
      return `${formatJsonPath(["rows", i, "environmentNotes"])}: note "${unknown}" is not ` +
        "among environmentNotes";
    }
  }
  const { id, ...content } = result;
  if (sha256Hex(canonicalJson(content)) !== id) {
    return "id does not match the content: the document was edited after it was made";
  }
  return null;
}

/** Validates a parsed comparison; throws `InputError` (exit 2) naming `source` and the problem. */
export function parseCompareResult(value: unknown, source: string): CompareResult {
  const problem = comparisonProblem(value);
  if (problem !== null) {
    throw new InputError(`cannot read comparison "${source}": ${problem}`, {
      hint: "pass a document written by `datason-bench compare --json` or `pr --json`",
    });
  }
  return migrate(value as CompareResult);
}

/**
 * Comparisons made before the JSON tier: their rows compared typed cells and had no fidelity
 * change. Done after the id check, which covers the document as stored.
 */
function migrate(result: CompareResult): CompareResult {
  for (const row of result.rows) {
    (row as { tier?: string }).tier ??= "typed";
    (row as { fidelityChange?: unknown }).fidelityChange ??= null;
  }
  return result;
}

/** Reads a comparison file: its size is checked before it is read, then its content. */
export async function readComparison(path: string): Promise<CompareResult> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound ? "no such file" : String(error);
    throw new InputError(`cannot read comparison "${path}": ${reason}`);
  }
  if (!info.isFile) throw new InputError(`cannot read comparison "${path}": not a regular file`);
  if (info.size > MAX_COMPARISON_BYTES) {
    throw new InputError(
      `cannot read comparison "${path}": ${info.size} bytes, more than the ${MAX_COMPARISON_BYTES} a comparison can have`,
    );
  }
  let value: unknown;
  try {
    value = parseJsonText(await Deno.readTextFile(path));
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new InputError(`cannot read comparison "${path}": ${error.message}`, {
      hint: error.hint,
    });
  }
  return parseCompareResult(value, path);
}
