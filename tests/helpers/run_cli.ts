/**
 * Spawns the real CLI the way the compiled binary runs: the compile task's permission flags,
 * `--no-prompt`, and `--deny-read` of the repository, from a temporary working folder. Any runtime
 * read of a repository file (which would break once compiled) fails loudly here.
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const REPO_ROOT: string = fileURLToPath(new URL("../..", import.meta.url)).replace(
  /[\\/]$/,
  "",
);
export const MAIN_TS: string = join(REPO_ROOT, "main.ts");

/** Exactly the permission flags of `deno task compile` (a test checks deno.json against this). */
export const COMPILE_FLAGS: readonly string[] = [
  "--allow-read",
  "--allow-write",
  "--allow-run",
  "--allow-env",
  "--allow-sys",
  "--no-prompt",
];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Working folder (default: a fresh temporary folder). */
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Text written to stdin. */
  stdin?: string;
}

/** Runs `datason-bench <args>` as a separate process and collects its output and exit code. */
export async function runCliProcess(
  args: string[],
  options: RunCliOptions = {},
): Promise<CliResult> {
  const ownDir = options.cwd === undefined;
  const cwd = options.cwd ?? await Deno.makeTempDir({ prefix: "datason-bench-e2e-" });
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", ...COMPILE_FLAGS, `--deny-read=${REPO_ROOT}`, MAIN_TS, ...args],
    cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = command.spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const output = await child.output();
  if (ownDir) await Deno.remove(cwd, { recursive: true }).catch(() => {});
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** A temporary folder removed when the returned handle is disposed. */
export async function tempDir(
  prefix = "datason-bench-test-",
): Promise<AsyncDisposable & { path: string }> {
  const path = await Deno.makeTempDir({ prefix });
  return {
    path,
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true }).catch(() => {});
    },
  };
}
