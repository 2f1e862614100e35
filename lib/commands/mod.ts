/** Every subcommand, in the order `--help` lists them. */

import type { Command } from "../cli/command.ts";
import { calibrateCommand } from "./calibrate.ts";
import { checkCommand } from "./check.ts";
import { compareCommand } from "./compare.ts";
import { generateCommand } from "./generate.ts";
import { importCommand } from "./import.ts";
import { initCommand } from "./init.ts";
import { mergeCommand } from "./merge.ts";
import { prCommand } from "./pr.ts";
import { reportCommand } from "./report.ts";
import { runCommand } from "./run.ts";
import { setupCommand } from "./setup.ts";
import { trendsCommand } from "./trends.ts";
import { weeklyCommand } from "./weekly.ts";

export const COMMANDS: readonly Command[] = [
  generateCommand,
  setupCommand,
  runCommand,
  compareCommand,
  calibrateCommand,
  trendsCommand,
  reportCommand,
  importCommand,
  mergeCommand,
  checkCommand,
  weeklyCommand,
  prCommand,
  initCommand,
];
