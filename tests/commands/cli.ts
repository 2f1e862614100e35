/**
 * Runs the real CLI the way the compiled binary runs: main.ts with the compile task's permissions,
 * `--no-prompt`, and no read access to the repository, from a temporary working directory.
 */

import { fileURLToPath as fromFileUrl } from "node:url";

const REPO = fromFileUrl(new URL("../../", import.meta.url)).replace(/\/$/, "");
const MAIN = fromFileUrl(new URL("../../main.ts", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-run",
      "--allow-env",
      "--allow-sys",
      "--no-prompt",
      `--deny-read=${REPO}`,
      MAIN,
      ...args,
    ],
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdin: "null",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}
