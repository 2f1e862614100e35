/**
 * What a test-preparation step gets and gives. The facts of the machine (PATH, root, OS, how to run
 * a program) are passed in, so the decisions can be tested with a fake PATH and fake programs.
 */

import type { ProcessResult } from "../../lib/bench/environments/run_process.ts";

export interface PrepareContext {
  /** The repository root (where `.bench/` lives). */
  repoRoot: string;
  /** Reads an environment variable of the preparing process. */
  env(name: string): string | undefined;
  /** True when running as root (apt-get may be used). */
  isRoot: boolean;
  /** `ID` of /etc/os-release (`debian`, `ubuntu`, …), or null elsewhere. */
  osId: string | null;
  /** Runs a program to completion; never throws for a non-zero exit (throws if it cannot start). */
  run(
    command: string,
    args: readonly string[],
    options?: { env?: Record<string, string>; cwd?: string },
  ): Promise<ProcessResult>;
  /** One line on stderr. */
  log(line: string): void;
}

/** Where a tool the tests need stands after preparation. */
export type ToolOutcome =
  | { status: "ready"; path: string; detail: string }
  | { status: "missing"; reason: string; fix: string };

export interface TestToolStep {
  /** Key in `.bench/test-tools.json` and in messages: `python`, `actionlint`, `chromium` … */
  name: string;
  /** The tests that need it, for the message when it is missing. */
  neededBy: string;
  prepare(ctx: PrepareContext): Promise<ToolOutcome>;
}
