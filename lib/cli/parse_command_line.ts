/**
 * Splits a command line into the command, its flags and positionals, with node:util parseArgs.
 * Global flags may come before or after the command. Unknown commands and flags are usage errors
 * with a "did you mean" hint.
 */

import { parseArgs } from "node:util";
import type { Command, FlagSpec, FlagValues, GlobalOptions, OutputFormat } from "./command.ts";
import { UsageError } from "../_common/errors.ts";
import { GLOBAL_FLAGS } from "./global_flags.ts";
import { didYouMean, unknownName } from "../_common/suggest.ts";

export interface ParsedCommandLine {
  command: Command | null;
  global: GlobalOptions;
  help: boolean;
  version: boolean;
  flags: FlagValues;
  positionals: string[];
}

const FORMATS: OutputFormat[] = ["text", "json", "markdown", "html"];

/** Index of the command word: the first argument that is neither a flag nor a flag's value. */
function findCommandIndex(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") return -1;
    if (!arg.startsWith("-")) return i;
    const name = arg.replace(/^--?/, "");
    const spec = GLOBAL_FLAGS[name] ??
      Object.values(GLOBAL_FLAGS).find((s) => s.short !== undefined && s.short === name);
    if (spec?.type === "string" && !arg.includes("=")) i++;
  }
  return -1;
}

function toParseArgsOptions(flags: Record<string, FlagSpec>) {
  const options: Record<
    string,
    { type: "string" | "boolean"; short?: string; multiple?: boolean }
  > = {};
  for (const [name, spec] of Object.entries(flags)) {
    options[name] = { type: spec.type };
    if (spec.short) options[name].short = spec.short;
    if (spec.multiple) options[name].multiple = true;
  }
  return options;
}

function explainParseError(
  error: unknown,
  flags: Record<string, FlagSpec>,
  where: string,
): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const known = Object.keys(flags);
  const unknown = /Unknown option '(-{1,2})([^'=]+)'/.exec(message);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) {
    const flag = `${unknown[1]}${unknown[2]}`;
    return new UsageError(
      `unknown flag ${flag} for ${where}${didYouMean(unknown[2], known, "--")}`,
      {
        hint: `run 'datason-bench ${
          where === "datason-bench" ? "" : `${where} `
        }--help' for the flags`,
      },
    );
  }
  const needsValue = /Option '(?:-\w, )?--([\w-]+)(?: <value>)?' argument missing/.exec(message);
  if (needsValue) {
    return new UsageError(`flag --${needsValue[1]} needs a value`, {
      hint: `write --${needsValue[1]} ${flags[needsValue[1]]?.valueName ?? "VALUE"}`,
    });
  }
  const noValue = /Option '(?:-\w, )?--([\w-]+)' does not take an argument/.exec(message);
  if (noValue) {
    return new UsageError(`flag --${noValue[1]} does not take a value`, {
      hint: `write --${noValue[1]} on its own`,
    });
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return new UsageError(`${where} takes no arguments here: ${message}`);
  }
  return new UsageError(message);
}

export function parseCommandLine(
  args: readonly string[],
  commands: readonly Command[],
): ParsedCommandLine {
  const index = findCommandIndex(args);
  let command: Command | null = null;
  let rest = [...args];
  if (index >= 0) {
    const name = args[index];
    command = commands.find((c) => c.name === name) ?? null;
    if (command === null) {
      const names = commands.map((c) => c.name);
      throw new UsageError(unknownName("command", name, names, { list: false }), {
        hint: `commands: ${names.join(", ")}`,
      });
    }
    rest = [...args.slice(0, index), ...args.slice(index + 1)];
  }
  const flagSpecs: Record<string, FlagSpec> = { ...GLOBAL_FLAGS, ...(command?.flags ?? {}) };
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: toParseArgsOptions(flagSpecs),
      strict: true,
      allowPositionals: command !== null,
    });
  } catch (error) {
    throw explainParseError(error, flagSpecs, command?.name ?? "datason-bench");
  }
  const values = parsed.values as FlagValues;
  const global = resolveGlobal(values, command);
  const flags: FlagValues = {};
  for (const name of Object.keys(command?.flags ?? {})) flags[name] = values[name];
  const help = values.help === true;
  if (command !== null && !help) checkPositionals(command, parsed.positionals);
  return {
    command,
    global,
    help,
    version: values.version === true,
    flags,
    positionals: parsed.positionals,
  };
}

function resolveGlobal(values: FlagValues, command: Command | null): GlobalOptions {
  let format: OutputFormat = "text";
  if (values.format !== undefined) {
    const value = String(values.format);
    if (!FORMATS.includes(value as OutputFormat)) {
      throw new UsageError(
        `--format must be one of ${FORMATS.join(", ")} (got "${value}")${
          didYouMean(value, FORMATS)
        }`,
      );
    }
    format = value as OutputFormat;
  }
  if (values.json === true) {
    if (values.format !== undefined && format !== "json") {
      throw new UsageError(`--json conflicts with --format ${format}`, {
        hint: "give only one of them",
      });
    }
    format = "json";
  }
  if (command?.formats && !command.formats.includes(format)) {
    throw new UsageError(
      `${command.name} does not support --format ${format} (supported: ${
        command.formats.join(", ")
      })`,
    );
  }
  if (values.quiet === true && values.verbose === true) {
    throw new UsageError("--quiet conflicts with --verbose", { hint: "give only one of them" });
  }
  return {
    configPath: typeof values.config === "string" ? values.config : undefined,
    format,
    quiet: values.quiet === true,
    verbose: values.verbose === true,
  };
}

function checkPositionals(command: Command, positionals: string[]): void {
  const specs = command.positionals ?? [];
  const variadic = specs.some((p) => p.variadic);
  const required = specs.filter((p) => !p.optional && !p.variadic).length;
  if (!variadic && positionals.length > specs.length) {
    const extra = positionals.slice(specs.length).map((p) => `"${p}"`).join(", ");
    throw new UsageError(`${command.name}: unexpected argument ${extra}`, {
      hint: `usage: ${command.name}${specs.map((p) => ` ${p.name}`).join("")} [flags]`,
    });
  }
  if (positionals.length < required) {
    const missing = specs.filter((p) => !p.optional && !p.variadic)[positionals.length];
    throw new UsageError(`${command.name}: missing argument ${missing.name}`, {
      hint: `run 'datason-bench ${command.name} --help'`,
    });
  }
}
