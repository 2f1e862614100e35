/** Logs to stderr: `--quiet` keeps only warnings and errors, `--verbose` adds debug lines. */

import type { Logger } from "../_common/logger.ts";
import type { Io } from "./io.ts";

export function createLogger(io: Io, options: { quiet: boolean; verbose: boolean }): Logger {
  const color = useColor(io);
  const yellow = (s: string) => (color ? `\x1b[33m${s}\x1b[0m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
  return {
    color,
    info(message) {
      if (!options.quiet) io.stderr(`${message}\n`);
    },
    warn(message) {
      io.stderr(`${yellow("warning:")} ${message}\n`);
    },
    debug(message) {
      if (options.verbose) io.stderr(`${dim(`debug: ${message}`)}\n`);
    },
  };
}

/** Colours only on a terminal, and never when NO_COLOR is set to anything non-empty. */
export function useColor(io: Io): boolean {
  const noColor = io.env("NO_COLOR");
  return io.stderrIsTty && (noColor === undefined || noColor === "");
}
