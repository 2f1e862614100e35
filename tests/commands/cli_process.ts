/**
 * Runs the real CLI in a child process the way the compiled binary runs: the compile task's
 * permissions, `--no-prompt`, and `--deny-read` on the repository, from a temporary working
 * directory — so a runtime read of a repository file fails loudly.
 */

import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/[\\/]$/, "");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliProcess(args: string[], cwd: string): Promise<CliResult> {
  const command = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-run",
      "--allow-env",
      "--allow-sys",
      "--no-prompt",
      `--deny-read=${REPO_ROOT}`,
      "--config",
      `${REPO_ROOT}/deno.json`,
      `${REPO_ROOT}/main.ts`,
      ...args,
    ],
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  });
  const output = await command.output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}
