/** Every subcommand, in the order `--help` lists them. */

import type { Command } from "../cli/command.ts";
import { checkCommand } from "./check.ts";
import { importCommand } from "./import.ts";
import { trendsCommand } from "./trends.ts";

export const COMMANDS: readonly Command[] = [
  trendsCommand,
  importCommand,
  checkCommand,
];
