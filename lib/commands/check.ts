/** `datason-bench check`: validates the config and every stored result file. */

import { resolve } from "node:path";
import { defineCommand } from "../cli/command.ts";
import { resultsFlag } from "./shared/flags.ts";
import { CliError, EXIT_OK, EXIT_USAGE } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import type { LoadedConfig } from "../config/types.ts";
import { listRunRecords } from "../results/store.ts";
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
    let loaded: LoadedConfig | null = null;
    let configError: { message: string; hint?: string } | null = null;
    try {
      loaded = await ctx.loadConfig();
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      configError = { message: error.message, hint: error.hint };
    }
    const resultsArg = ctx.flags.results;
    const resultsDir = resultsArg !== undefined
      ? resolve(ctx.io.cwd, resultsArg)
      : loaded?.config.results.dir ?? null;
    const listing = resultsDir === null ? null : await listRunRecords(resultsDir);
    const ok = configError === null && (listing?.problems.length ?? 0) === 0;

    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, {
        schema: "datason-bench/check@1",
        ok,
        config: {
          path: loaded?.path ?? ctx.global.configPath ?? null,
          ok: configError === null,
          hash: loaded?.hash ?? null,
          error: configError?.message ?? null,
        },
        results: listing === null ? null : {
          dir: listing.dir,
          runs: listing.records.length,
          problems: listing.problems.length,
          files: [
            ...listing.records.map((r) => ({
              path: r.path,
              status: "ok",
              runId: r.record.runId,
              source: r.record.source,
              startedAt: r.record.startedAt,
            })),
            ...listing.problems.map((p) => ({ path: p.path, status: p.kind, reason: p.reason })),
          ],
        },
      });
    } else {
      const lines: string[] = [];
      if (configError) {
        lines.push(`config: INVALID`, `  ${configError.message.replaceAll("\n", "\n  ")}`);
        if (configError.hint) lines.push(`  hint: ${configError.hint}`);
      } else {
        const c = loaded!.config;
        lines.push(
          `config: ok  ${loaded!.path ?? "(embedded defaults)"}`,
          `  hash ${loaded!.hash.slice(0, 12)}, profile ${c.profile}, ` +
            `${Object.keys(c.environments).length} environment(s), ${
              Object.keys(c.suites).length
            } suite(s), ` +
            `${c.targets.length} custom target(s)`,
        );
      }
      if (listing === null) {
        lines.push("results: not checked (the config did not load; pass --results DIR)");
      } else {
        const where = displayPath(listing.dir, ctx.io.cwd);
        lines.push(
          `results: ${listing.problems.length === 0 ? "ok" : "PROBLEMS"}  ${where}: ` +
            `${listing.records.length} run(s) readable, ${listing.problems.length} problem(s)`,
        );
        for (const p of listing.problems) {
          lines.push(`  ${p.kind.padEnd(16)} ${displayPath(p.path, ctx.io.cwd)}: ${p.reason}`);
        }
      }
      ctx.io.stdout(`${lines.join("\n")}\n`);
    }
    for (const p of listing?.problems ?? []) {
      ctx.log.warn(`skipped ${displayPath(p.path, ctx.io.cwd)} (${p.kind}): ${p.reason}`);
    }
    return ok ? EXIT_OK : EXIT_USAGE;
  },
});
