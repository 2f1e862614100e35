/**
 * The tool's error classes. `runCli()` is the one boundary that maps them to exit codes:
 * usage and input errors → 2, execution failures → 3, an interruption by SIGINT or SIGTERM → 130
 * (128 + SIGINT, what shells report for Ctrl-C). A gating regression is not an error: the command
 * returns exit code 1 itself.
 */

export const EXIT_OK = 0;
export const EXIT_REGRESSION = 1;
export const EXIT_USAGE = 2;
export const EXIT_EXECUTION = 3;
export const EXIT_INTERRUPTED = 130;

/** Base class of every error the tool reports without a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  /** Optional hint printed on its own line after the message. */
  readonly hint?: string;
  constructor(message: string, exitCode: number, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = options?.hint;
  }
}

/** Wrong command line: unknown command or flag, bad flag value. Exit 2. */
export class UsageError extends CliError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, EXIT_USAGE, options);
  }
}

/** Bad input file (config, dataset, result file): names the file, the JSON path and the fix. Exit 2. */
export class InputError extends CliError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, EXIT_USAGE, options);
  }
}

/** The tool could not do its job: no usable Python, every cell failed, disk full. Exit 3. */
export class ExecutionError extends CliError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, EXIT_EXECUTION, options);
  }
}

/** Ctrl-C or SIGTERM stopped the command; the message says what was kept and how to go on. 130. */
export class InterruptedError extends CliError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, EXIT_INTERRUPTED, options);
  }
}
