/**
 * What every stage logs through: info and debug lines and warnings on stderr. `lib/cli/logger.ts`
 * makes the real one (`--quiet`, `--verbose`, colours); stages below the CLI only see this shape.
 */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  /** True when colours may be used on stderr. */
  readonly color: boolean;
}
