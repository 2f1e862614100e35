/** Appends Markdown to `$GITHUB_STEP_SUMMARY` when it is set (GitHub Actions); warns on failure. */

import type { Io } from "./io.ts";
import type { Logger } from "../_common/logger.ts";

export async function appendStepSummary(io: Io, log: Logger, markdown: string): Promise<void> {
  const path = io.env("GITHUB_STEP_SUMMARY");
  if (!path) return;
  try {
    await Deno.writeTextFile(path, `${markdown}\n`, { append: true });
  } catch (error) {
    log.warn(
      `cannot append to $GITHUB_STEP_SUMMARY (${path}): ${
        error instanceof Error ? error.message : error
      }`,
    );
  }
}
