/** Every subcommand, in the order `--help` lists them. */

import type { Command } from "../cli/command.ts";
import { checkCommand } from "./check.ts";
import { runCommand } from "./run.ts";

export const COMMANDS: readonly Command[] = [
  runCommand,
  checkCommand,
];
