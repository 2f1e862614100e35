/**
 * The command-line entry point as a function: parses the command line, runs the command and maps
 * errors to exit codes. Only `main.ts` turns the returned code into `Deno.exit`.
 */

import { loadConfig } from "../config/load_config.ts";
import type { LoadedConfig } from "../config/types.ts";
import { TOOL_NAME, VERSION } from "../_common/version.ts";
import { BUILD_COMMIT } from "../_common/build_info.ts";
import type { Command, CommandContext } from "./command.ts";
import { CliError, EXIT_EXECUTION, EXIT_OK, EXIT_USAGE } from "../_common/errors.ts";
import { renderCommandHelp, renderToolHelp } from "./help.ts";
import type { Io } from "./io.ts";
import { createLogger } from "./logger.ts";
import { writeJsonDocument } from "./output.ts";
import { terminalText } from "../report/control_characters.ts";
import { parseCommandLine } from "./parse_command_line.ts";

export interface RunCliOptions {
  commands: readonly Command[];
  /** Aborted on Ctrl-C / SIGTERM. */
  signal?: AbortSignal;
}

export async function runCli(
  args: readonly string[],
  io: Io,
  options: RunCliOptions,
): Promise<number> {
  const verbose = args.includes("--verbose") || args.includes("-v");
  try {
    const parsed = parseCommandLine(args, options.commands);
    if (parsed.version) {
      if (parsed.global.format === "json") {
        writeJsonDocument(io, { schema: "datason-bench/version@1", ...versionInfo() });
      } else {
        const v = versionInfo();
        const commit = v.commit === null ? "no commit: not a release build" : `commit ${v.commit}`;
        io.stdout(
          `${TOOL_NAME} ${v.version} (${commit}; deno ${v.deno}, v8 ${v.v8}, typescript ${v.typescript})\n`,
        );
      }
      return EXIT_OK;
    }
    if (parsed.command === null) {
      if (parsed.help) {
        io.stdout(renderToolHelp(options.commands));
        return EXIT_OK;
      }
      io.stderr(renderToolHelp(options.commands));
      io.stderr(`error: no command given\n`);
      return EXIT_USAGE;
    }
    if (parsed.help) {
      io.stdout(renderCommandHelp(parsed.command));
      return EXIT_OK;
    }
    const log = createLogger(io, parsed.global);
    let config: Promise<LoadedConfig> | undefined;
    const ctx: CommandContext = {
      io,
      log,
      global: parsed.global,
      flags: parsed.flags,
      positionals: parsed.positionals,
      signal: options.signal ?? new AbortController().signal,
      loadConfig: () => (config ??= loadConfig({ path: parsed.global.configPath, cwd: io.cwd })),
    };
    return await parsed.command.run(ctx);
  } catch (error) {
    return reportError(io, error, verbose);
  }
}

function versionInfo() {
  return {
    version: VERSION,
    /** The commit of a release build (null for a build from a checkout). */
    commit: BUILD_COMMIT,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
  };
}

function reportError(io: Io, error: unknown, verbose: boolean): number {
  if (error instanceof CliError) {
    // Messages name files, keys and values from the input: printed through the terminal filter.
    io.stderr(`error: ${terminalText(error.message)}\n`);
    if (error.hint) io.stderr(`hint: ${terminalText(error.hint)}\n`);
    if (verbose && error.cause instanceof Error && error.cause.stack) {
      io.stderr(`${error.cause.stack}\n`);
    }
    return error.exitCode;
  }
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    io.stderr(`error: missing permission: ${terminalText(error.message)}\n`);
    io.stderr("hint: the binary needs read, write, run, env and sys access\n");
    return EXIT_EXECUTION;
  }
  const message = error instanceof Error ? error.stack ?? error.message : String(error);
  io.stderr(`error: internal error (please report it): ${terminalText(message)}\n`);
  return EXIT_EXECUTION;
}
