/** Every subcommand, in the order `--help` lists them. */

import type { Command } from "../cli/command.ts";
import { checkCommand } from "./check.ts";
import { generateCommand } from "./generate.ts";

export const COMMANDS: readonly Command[] = [
  generateCommand,
  checkCommand,
];
