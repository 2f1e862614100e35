/**
 * Finds Valgrind for the instruction measure: `DATASON_BENCH_VALGRIND` when set, else `valgrind` on
 * PATH, and asks it for its version. Missing when a profile measures instructions is an execution
 * failure (exit 3, like a missing Python) that says how to install it and how to measure time only.
 */

import { delimiter, join } from "node:path";
import { ExecutionError } from "../../_common/errors.ts";

export const VALGRIND_ENV_VAR = "DATASON_BENCH_VALGRIND";

export interface ValgrindTool {
  /** The executable that runs (`valgrind`, a wrapper script on Debian). */
  path: string;
  /** e.g. "3.19.0". */
  version: string;
}

export class ValgrindMissingError extends ExecutionError {
  constructor(reason: string) {
    super(`instruction counts need Valgrind: ${reason}`, {
      hint: "install it (Debian/Ubuntu: `sudo apt-get install valgrind`; Fedora: " +
        "`sudo dnf install valgrind`; there is none for macOS on Apple silicon or for Windows), " +
        `or set ${VALGRIND_ENV_VAR} to its path — or measure time only with \`--measures time\``,
    });
    this.name = "ValgrindMissingError";
  }
}

function onPath(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const full = join(dir, name);
    try {
      const info = Deno.statSync(full);
      if (info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0) return full;
    } catch {
      // not here
    }
  }
  return null;
}

/** `valgrind-3.19.0` → `3.19.0`; null when the text is not Valgrind's version line. */
export function parseValgrindVersion(text: string): string | null {
  const match = /^valgrind-(\d+\.\d+(?:\.\d+)?\S*)\s*$/m.exec(text.trim());
  return match ? match[1] : null;
}

export async function findValgrind(
  env: (name: string) => string | undefined,
): Promise<ValgrindTool> {
  if (Deno.build.os === "windows") {
    throw new ValgrindMissingError("Valgrind does not run on Windows");
  }
  const fromEnv = env(VALGRIND_ENV_VAR);
  const path = fromEnv !== undefined && fromEnv !== ""
    ? fromEnv
    : onPath("valgrind", env("PATH") ?? "");
  if (path === null) throw new ValgrindMissingError("`valgrind` is not on PATH");
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(path, {
      args: ["--version"],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound ? "no such file" : String(error);
    throw new ValgrindMissingError(
      `${fromEnv ? `${VALGRIND_ENV_VAR}=` : ""}${path} cannot be started (${why})`,
    );
  }
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  const version = parseValgrindVersion(text);
  if (!output.success || version === null) {
    throw new ValgrindMissingError(
      `${path} --version did not answer like Valgrind (${
        text.trim().slice(0, 120) || "no output"
      })`,
    );
  }
  return { path, version };
}
