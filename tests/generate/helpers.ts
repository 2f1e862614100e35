/** Shared helpers of the generate tests: the CLI in-process, and reading a dataset folder back. */

import { join } from "node:path";
import { MemoryIo } from "../../lib/cli/io.ts";
import { runCli } from "../../lib/cli/run_cli.ts";
import { COMMANDS } from "../../lib/commands/mod.ts";
import { sha256File } from "../../lib/_common/sha256.ts";

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `datason-bench <args>` in this process with `cwd` as its working folder. */
export async function runInProcess(
  args: string[],
  cwd: string,
  signal?: AbortSignal,
): Promise<InProcessResult> {
  const io = new MemoryIo({ cwd, env: { NO_COLOR: "1" } });
  const code = await runCli(args, io, { commands: COMMANDS, signal });
  return { code, stdout: io.out, stderr: io.err };
}

/** SHA-256 of every regular file in `dir` (temporary files included), by name. */
export async function hashFolder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) if (entry.isFile) names.push(entry.name);
  for (const name of names.sort()) out[name] = await sha256File(join(dir, name));
  return out;
}

/** Reduced counts for tests: every record kind appears, the run stays quick. */
export const SMALL_COUNTS: Record<string, number> = {
  api_fast: 60,
  ml_training: 8,
  secure_storage: 40,
  large_data: 2,
  edge_cases: 150,
};

/** Generates all five scenarios with `SMALL_COUNTS` into `dir` (one invocation per scenario). */
export async function generateSmall(dir: string, seed = 42): Promise<void> {
  for (const [scenario, count] of Object.entries(SMALL_COUNTS)) {
    const result = await runInProcess([
      "generate",
      "--quiet",
      "--out",
      dir,
      "--seed",
      String(seed),
      "--scenario",
      scenario,
      "--count",
      String(count),
    ], dir);
    if (result.code !== 0) throw new Error(`generate ${scenario} failed: ${result.stderr}`);
  }
}
