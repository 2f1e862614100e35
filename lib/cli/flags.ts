/**
 * Flags: builders of flag specs whose types `defineCommand()` keeps (so `ctx.flags.out` is
 * `string | undefined` without a cast), and parsers that turn flag values into typed options —
 * lists, positive numbers, one of a set, paths. Each parser names the flag in its error (a usage
 * error, exit 2) and says what to write instead.
 */

import { resolve } from "node:path";
import { UsageError } from "../_common/errors.ts";
import { didYouMean } from "../_common/suggest.ts";

/** A flag with a value: `--out DIR`. */
export function stringFlag(valueName: string, description: string) {
  return { type: "string" as const, valueName, description };
}

/** A flag with values, repeatable and comma-separated: `--target a,b --target c`. */
export function listFlag(valueName: string, description: string) {
  return { type: "string" as const, multiple: true as const, valueName, description };
}

/** A switch: `--force`. */
export function booleanFlag(description: string) {
  return { type: "boolean" as const, description };
}

/** Comma-separated or repeated values (`--target a,b --target c`), trimmed; undefined when none. */
export function listValue(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return items.length > 0 ? items : undefined;
}

/** A positive, finite number: `--max-minutes 30`. */
export function positiveNumber(
  value: string | undefined,
  flag: string,
  example: string,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new UsageError(`--${flag} must be a positive number (got "${value}")`, {
      hint: `e.g. --${flag} ${example}`,
    });
  }
  return number;
}

/**
 * One of a fixed set: `--fail-on warn`. The error says `--<flag> must be <expected>`, by default
 * `one of a, b, c`.
 */
export function oneOf<T extends string>(
  value: string | undefined,
  flag: string,
  allowed: readonly T[],
  expected = `one of ${allowed.join(", ")}`,
): T | undefined {
  if (value === undefined) return undefined;
  const match = allowed.find((a) => a === value);
  if (match === undefined) {
    throw new UsageError(
      `--${flag} must be ${expected} (got "${value}")${didYouMean(value, allowed)}`,
    );
  }
  return match;
}

/** A path given on the command line, absolute against the working directory. */
export function pathValue(value: string | undefined, cwd: string): string | undefined {
  return value === undefined ? undefined : resolve(cwd, value);
}
