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

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export interface PositionalSpec {
  name: string;
  description: string;
  /** Accepts any number of values (must be last). */
  variadic?: boolean;
  optional?: boolean;
}

/** The value parseArgs gives a flag: a boolean, the last string, or every string (`multiple`). */
export type FlagValue<S extends FlagSpec> = [S["type"]] extends ["boolean"] ? boolean | undefined
  : [S["type"]] extends ["string"] ? S extends { multiple: true } ? string[] | undefined
    : string | undefined
  : string | boolean | string[] | undefined;

/** The parsed flags of a command, typed by its specs: `ctx.flags.out` is `string | undefined`. */
export type FlagValuesOf<F extends FlagSpecs> = { [K in keyof F]: FlagValue<F[K]> };

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface GlobalOptions {
  configPath?: string;
  format: OutputFormat;
  quiet: boolean;
  verbose: boolean;
}

export interface CommandContext<V = FlagValues> {
  io: Io;
  log: Logger;
  global: GlobalOptions;
  flags: V;
  positionals: string[];
  /** Loads the config once (from `--config`, `./datason-bench.json`, or the embedded defaults). */
  loadConfig(): Promise<LoadedConfig>;
  /** Aborted on Ctrl-C / SIGTERM; long commands stop cleanly when it fires. */
  signal: AbortSignal;
}

export interface Command<F extends FlagSpecs = FlagSpecs> {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Longer description for `<command> --help`. */
  description?: string;
  flags: F;
  positionals?: PositionalSpec[];
  /** Output formats the command supports (json always needs a `schema` id). */
  formats?: OutputFormat[];
  examples: string[];
  /** Returns the exit code (0, or 1 for a gating regression); errors are thrown. */
  run(ctx: CommandContext<FlagValuesOf<F>>): Promise<number>;
}

/** A command whose `run` sees its flags typed by their specs (no casts in commands). */
export function defineCommand<const F extends FlagSpecs>(command: Command<F>): Command<F> {
  return command;
}
