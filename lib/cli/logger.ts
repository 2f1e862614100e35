/**
 * Logs to stderr: `--quiet` keeps only warnings and errors, `--verbose` adds debug lines. Messages
 * often echo data (a file's reason for being skipped, a library's exception, a key from a config),
 * so each goes through the rendering layer's terminal filter before it is written.
 */

import type { Logger } from "../_common/logger.ts";
import { terminalText } from "../report/control_characters.ts";
import type { Io } from "./io.ts";

export function createLogger(io: Io, options: { quiet: boolean; verbose: boolean }): Logger {
  const color = useColor(io);
  const yellow = (s: string) => (color ? `\x1b[33m${s}\x1b[0m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
  return {
    color,
    info(message) {
      if (!options.quiet) io.stderr(`${terminalText(message)}\n`);
    },
    warn(message) {
      io.stderr(`${yellow("warning:")} ${terminalText(message)}\n`);
    },
    debug(message) {
      if (options.verbose) io.stderr(`${dim(`debug: ${terminalText(message)}`)}\n`);
    },
  };
}

/** Colours only on a terminal, and never when NO_COLOR is set to anything non-empty. */
export function useColor(io: Io): boolean {
  const noColor = io.env("NO_COLOR");
  return io.stderrIsTty && (noColor === undefined || noColor === "");
}
