/** Types of the environments API: what `setup` builds and what `run` measures in. */

import { ExecutionError } from "../../_common/errors.ts";
import type { BaseIdentity, InstallerKind } from "./stamp.ts";

export type { BaseIdentity, InstallerKind };

/** Where an environment stands before `setup` does anything. */
export interface ResolvedEnvironment {
  name: string;
  /** Interpreter that runs the benchmarks: the venv's, or the base interpreter when there are no requirements. */
  python: string;
  /** True when `python` can be used as it is (stamp present with the expected hash, or no requirements). */
  ready: boolean;
  /** The stamp file; null for an environment that uses the base interpreter as it is. */
  stampPath: string | null;
  /** Folder of the virtual environment (`<work.dir>/envs/<name>`); null without requirements. */
  dir: string | null;
  /** Requirements from the config (local paths absolute). */
  requirements: string[];
  /** The base interpreter as configured (`environments.<name>.python`) and who it turned out to be. */
  base: BaseIdentity & { command: string };
  /** Hash the stamp must hold; null without requirements. */
  hash: string | null;
  /** Content hash of each local-path requirement. */
  localTrees: Record<string, string>;
  /** Why the environment is not ready (null when it is). */
  staleReason: string | null;
}

/** What an environment is, as measured inside its interpreter. */
export interface EnvironmentDescription {
  name: string;
  /** Interpreter path to start benchmarks with. */
  python: string;
  pythonVersion: string;
  implementation: string;
  /** `sys.executable` reported by the interpreter itself. */
  executable: string;
  /** Every installed distribution and its version (importlib.metadata). */
  freeze: Record<string, string>;
  requirements: string[];
  /** True when the environment is the base interpreter as it is (no requirements, no venv). */
  usesBaseInterpreter: boolean;
  dir: string | null;
  stampPath: string | null;
}

export type EnvironmentOutcome =
  | {
    status: "reused" | "built" | "base-interpreter";
    name: string;
    environment: EnvironmentDescription;
    /** Installer used for a build; null otherwise. */
    installer: InstallerKind | null;
    /** Why it was (re)built; null when reused. */
    reason: string | null;
    seconds: number;
  }
  | { status: "failed"; name: string; error: EnvironmentSetupError; seconds: number };

/** An environment could not be built or used. Exit 3. */
export class EnvironmentSetupError extends ExecutionError {
  readonly environment: string;
  /** One line: what failed (without the output tail). */
  readonly summary: string;
  /** The configured requirements blamed for the failure (may be empty when unknown). */
  readonly requirements: string[];
  /** The installer's (or interpreter's) last output lines. */
  readonly outputTail: string[];
  constructor(
    environment: string,
    summary: string,
    details: { requirements?: string[]; outputTail?: string[]; hint?: string; cause?: unknown } =
      {},
  ) {
    const tail = details.outputTail ?? [];
    const body = tail.length > 0 ? `\n${tail.map((l) => `  | ${l}`).join("\n")}` : "";
    super(`cannot set up environment "${environment}": ${summary}${body}`, {
      hint: details.hint,
      cause: details.cause,
    });
    this.environment = environment;
    this.summary = summary;
    this.requirements = details.requirements ?? [];
    this.outputTail = tail;
  }
}
