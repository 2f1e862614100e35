/** The contract between the dispatcher and the subcommand modules in `lib/commands/`. */

import type { LoadedConfig } from "../config/types.ts";
import type { Io } from "./io.ts";
import type { Logger } from "../_common/logger.ts";

/** `html` is accepted only by commands that write a page (`report`); each command lists its own. */
export type OutputFormat = "text" | "json" | "markdown" | "html";

export interface FlagSpec {
  type: "string" | "boolean";
  /** One-letter alias. */
  short?: string;
  /** The flag may be given several times (values collected in an array). */
  multiple?: boolean;
  /** Placeholder shown in help, e.g. `N` or `DIR`. */
  valueName?: string;
  description: string;
}

export interface PositionalSpec {
  name: string;
  description: string;
  /** Accepts any number of values (must be last). */
  variadic?: boolean;
  optional?: boolean;
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface GlobalOptions {
  configPath?: string;
  format: OutputFormat;
  quiet: boolean;
  verbose: boolean;
}

export interface CommandContext {
  io: Io;
  log: Logger;
  global: GlobalOptions;
  flags: FlagValues;
  positionals: string[];
  /** Loads the config once (from `--config`, `./datason-bench.json`, or the embedded defaults). */
  loadConfig(): Promise<LoadedConfig>;
  /** Aborted on Ctrl-C / SIGTERM; long commands stop cleanly when it fires. */
  signal: AbortSignal;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Longer description for `<command> --help`. */
  description?: string;
  flags: Record<string, FlagSpec>;
  positionals?: PositionalSpec[];
  /** Output formats the command supports (json always needs a `schema` id). */
  formats?: OutputFormat[];
  examples: string[];
  /** Returns the exit code (0, or 1 for a gating regression); errors are thrown. */
  run(ctx: CommandContext): Promise<number>;
}
