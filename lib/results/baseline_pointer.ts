/**
 * Named baselines: `<baselines.dir>/<name>.json` holds the runId of a RunRecord stored under
 * `results.dir` (schema `datason-bench/baseline@1`). Pointers are tiny and change often (after
 * each accepted run), so the record itself is never copied.
 */

import { join } from "node:path";
import { InputError } from "../_common/errors.ts";
import { parseJsonText } from "../_common/parse_json_text.ts";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import type { RunRecord } from "./run_record.ts";

export const BASELINE_SCHEMA = "datason-bench/baseline@1";
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface BaselinePointer {
  schema: typeof BASELINE_SCHEMA;
  name: string;
  runId: string;
  /** `startedAt` of the run, for people reading the file. */
  startedAt: string;
  /** When the pointer was last set. */
  setAt: string;
}

export function isBaselineName(name: string): boolean {
  return NAME.test(name) && !name.includes("..");
}

export function baselinePointerPath(baselinesDir: string, name: string): string {
  return join(baselinesDir, `${name}.json`);
}

function checkName(name: string): void {
  if (!isBaselineName(name)) {
    throw new InputError(
      `baseline name "${name}" is not valid: use letters, digits, ".", "_" and "-" (at most 100)`,
      { hint: "for example `main` or `v0.13`" },
    );
  }
}

/** Reads a pointer; throws `InputError` naming the file when it is missing or malformed. */
export async function readBaselinePointer(path: string): Promise<BaselinePointer> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound ? "no such file" : String(error);
    throw new InputError(`cannot read baseline pointer "${path}": ${reason}`);
  }
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (error) {
    throw new InputError(
      `cannot read baseline pointer "${path}": ${error instanceof Error ? error.message : error}`,
    );
  }
  const pointer = value as Partial<BaselinePointer> | null;
  if (pointer === null || typeof pointer !== "object" || pointer.schema !== BASELINE_SCHEMA) {
    throw new InputError(
      `cannot read baseline pointer "${path}": schema must be "${BASELINE_SCHEMA}"`,
      { hint: "write pointers with `datason-bench compare --set-baseline NAME RUN`" },
    );
  }
  if (typeof pointer.runId !== "string" || !/^[0-9a-f]{64}$/.test(pointer.runId)) {
    throw new InputError(`cannot read baseline pointer "${path}": runId must be 64 hex digits`);
  }
  return pointer as BaselinePointer;
}

/** Points `name` at `record`, atomically (readers see the old or the new pointer). */
export async function writeBaselinePointer(
  baselinesDir: string,
  name: string,
  record: RunRecord,
  now: Date,
): Promise<{ path: string; pointer: BaselinePointer }> {
  checkName(name);
  const pointer: BaselinePointer = {
    schema: BASELINE_SCHEMA,
    name,
    runId: record.runId,
    startedAt: record.startedAt,
    setAt: now.toISOString(),
  };
  const path = baselinePointerPath(baselinesDir, name);
  await writeFileAtomic(path, `${JSON.stringify(pointer, null, 2)}\n`);
  return { path, pointer };
}
