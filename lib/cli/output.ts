/** Product output helpers: one JSON document per `--json` invocation, always with a schema id. */

import { jsonText } from "../report/control_characters.ts";
import type { Io } from "./io.ts";

export interface JsonDocument {
  /** Schema id such as `datason-bench/check@1`. */
  schema: string;
  [key: string]: unknown;
}

/**
 * Writes exactly one JSON document (pretty-printed, newline-terminated) to stdout. Characters a
 * terminal would act on (C1 and bidirectional controls, which JSON.stringify keeps raw) are written
 * as `\uXXXX` escapes: the same document, safe to print.
 */
export function writeJsonDocument(io: Io, document: JsonDocument): void {
  if (typeof document.schema !== "string" || !document.schema.startsWith("datason-bench/")) {
    throw new Error(`JSON output without a datason-bench schema id: ${String(document.schema)}`);
  }
  io.stdout(`${jsonText(JSON.stringify(document, null, 2))}\n`);
}
