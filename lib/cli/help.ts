/** Help texts for the tool and for each command. */

import { textTable } from "../_common/text_table.ts";
import { TOOL_NAME, VERSION } from "../_common/version.ts";
import type { Command, FlagSpec } from "./command.ts";
import { GLOBAL_FLAGS } from "./global_flags.ts";

function flagLabel(name: string, spec: FlagSpec): string {
  const short = spec.short ? `-${spec.short}, ` : "    ";
  const value = spec.type === "string" ? ` ${spec.valueName ?? "VALUE"}` : "";
  return `${short}--${name}${value}`;
}

function table(rows: [string, string][]): string {
  return textTable(rows, { indent: "  " }).join("\n");
}

export function usageLine(command: Command): string {
  const positionals = (command.positionals ?? []).map((p) => {
    const name = p.variadic ? `${p.name}...` : p.name;
    return p.optional || p.variadic ? `[${name}]` : name;
  });
  return [TOOL_NAME, command.name, ...positionals, "[flags]"].join(" ");
}

export function renderToolHelp(commands: readonly Command[]): string {
  const lines = [
    `${TOOL_NAME} ${VERSION} — benchmarks DataSON against the Python serializers it competes with`,
    "",
    `Usage: ${TOOL_NAME} <command> [flags]`,
    "",
    "Commands:",
    table(commands.map((c) => [c.name, c.summary])),
    "",
    "Global flags:",
    table(
      Object.entries(GLOBAL_FLAGS).map(([name, spec]) => [flagLabel(name, spec), spec.description]),
    ),
    "",
    "Exit codes: 0 success, 1 gating regression, 2 usage/config/input error, 3 execution failure,\n" +
    "130 interrupted (Ctrl-C or SIGTERM).",
    `Run '${TOOL_NAME} <command> --help' for a command's flags and examples.`,
    "",
  ];
  return lines.join("\n");
}

export function renderCommandHelp(command: Command): string {
  const lines = [
    `${TOOL_NAME} ${command.name} — ${command.summary}`,
    "",
    `Usage: ${usageLine(command)}`,
  ];
  if (command.description) lines.push("", command.description);
  if (command.positionals && command.positionals.length > 0) {
    lines.push("", "Arguments:", table(command.positionals.map((p) => [p.name, p.description])));
  }
  const flags = Object.entries(command.flags);
  if (flags.length > 0) {
    lines.push(
      "",
      "Flags:",
      table(flags.map(([name, spec]) => [flagLabel(name, spec), spec.description])),
    );
  }
  if (command.formats) lines.push("", `Output formats: ${command.formats.join(", ")}`);
  lines.push(
    "",
    "Global flags:",
    table(
      Object.entries(GLOBAL_FLAGS).map(([name, spec]) => [flagLabel(name, spec), spec.description]),
    ),
    "",
    "Examples:",
    ...command.examples.map((e) => `  ${e}`),
    "",
  );
  return lines.join("\n");
}
