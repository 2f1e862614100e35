/** Paths as messages show them. */

import { relative } from "node:path";

/** A path relative to `base` for messages, unless it lies outside. */
export function displayPath(path: string, base: string): string {
  const rel = relative(base, path);
  return rel.startsWith("..") ? path : rel;
}
