/**
 * `findWorkingExecutable()`: the first of several program names on a PATH that really runs — it
 * must exit 0 on a version query. Distribution stubs (Ubuntu's `chromium-browser`, which only says
 * to install a snap) are on PATH but fail that check.
 */

import { findOnPath } from "../../lib/bench/environments/choose_installer.ts";
import type { PrepareContext } from "./types.ts";

export interface WorkingExecutable {
  path: string;
  /** First line of its version output. */
  version: string;
}

export async function versionOf(
  ctx: PrepareContext,
  path: string,
  args: readonly string[] = ["--version"],
): Promise<string | null> {
  try {
    const result = await ctx.run(path, args);
    if (result.code !== 0) return null;
    // stdout first: wrapper scripts (Debian's chromium) may print shell warnings on stderr.
    const firstLine = (text: string) =>
      text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "");
    return firstLine(result.stdout) ?? firstLine(result.stderr) ?? "";
  } catch {
    return null;
  }
}

export async function findWorkingExecutable(
  ctx: PrepareContext,
  names: readonly string[],
): Promise<WorkingExecutable | null> {
  const path = ctx.env("PATH") ?? "";
  for (const name of names) {
    const found = findOnPath(name, path);
    if (found === null) continue;
    const version = await versionOf(ctx, found);
    if (version !== null) return { path: found, version };
  }
  return null;
}
