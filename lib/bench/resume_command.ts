/**
 * The command that finishes an interrupted or stopped run, printed so that it works as printed:
 * with `--config` when the run started from a config file other than the working folder's own
 * `datason-bench.json` (the journal records its path, and `--resume` refuses another config), and
 * both paths relative to the working folder when they lie inside it, else absolute; quoted for a
 * POSIX shell when they need it.
 */

import { join, resolve } from "node:path";
import { CONFIG_FILE_NAME } from "../config/load_config.ts";
import { displayPath } from "../_common/display_path.ts";

/** `datason-bench run --config CONFIG --resume JOURNAL` for a shell in `cwd`. */
export function resumeCommand(journalPath: string, configPath: string | null, cwd: string): string {
  const parts = ["datason-bench", "run"];
  if (configPath !== null && resolve(configPath) !== resolve(join(cwd, CONFIG_FILE_NAME))) {
    parts.push("--config", shellWord(displayPath(configPath, cwd)));
  }
  parts.push("--resume", shellWord(displayPath(journalPath, cwd)));
  return parts.join(" ");
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
