/** `datason-bench check`: validates the config and every stored result file. */

import { defineCommand } from "../cli/command.ts";
import { resultsFlag } from "./shared/flags.ts";
import { EXIT_OK, EXIT_USAGE } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { checkProject } from "../pipelines/check_project.ts";
import { checkDocument, renderCheck } from "../report/render_check.ts";
import { displayPath } from "../_common/display_path.ts";

export const checkCommand = defineCommand({
  name: "check",
  summary: "Validate the config and every stored result file",
  description:
    "Loads the config (reporting every problem with its JSON path) and reads every RunRecord under the\n" +
    "results folder, listing each file that is unreadable, malformed or of a newer schema.\n" +
    "Exits 2 when anything is wrong, 0 otherwise.",
  flags: {
    ...resultsFlag("Results folder to check (default: results.dir of the config)"),
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench check",
    "datason-bench check --results data/results --json | python3 -m json.tool",
  ],
  async run(ctx) {
    const check = await checkProject(() => ctx.loadConfig(), ctx.flags.results, ctx.io.cwd);
    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, checkDocument(check, ctx.global.configPath ?? null));
    } else {
      ctx.io.stdout(renderCheck(check, ctx.io.cwd));
    }
    for (const p of check.listing?.problems ?? []) {
      ctx.log.warn(`skipped ${displayPath(p.path, ctx.io.cwd)} (${p.kind}): ${p.reason}`);
    }
    return check.ok ? EXIT_OK : EXIT_USAGE;
  },
});
