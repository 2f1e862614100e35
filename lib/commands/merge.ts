/** `datason-bench merge`: joins the shard RunRecords of one run into one RunRecord. */

import { resolve } from "node:path";
import { defineCommand } from "../cli/command.ts";
import { EXIT_OK, UsageError } from "../_common/errors.ts";
import { type JsonDocument, writeJsonDocument } from "../cli/output.ts";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import { mergeRuns } from "../results/merge_runs.ts";
import { loadRunRecord, saveRunRecord } from "../results/store.ts";
import { displayPath } from "../_common/display_path.ts";

export const mergeCommand = defineCommand({
  name: "merge",
  summary: "Join the shard results of one run (run --shard i/n) into one RunRecord",
  description:
    "Reads the RunRecords written by `run --shard i/n` and joins them after checking that they\n" +
    "belong together: same tool version, config hash, profile, suites, measurement settings and\n" +
    "shard count, the same dataset for every scenario they share, the same Python and full freeze\n" +
    "in every environment they share, and no cell or shard index twice. Refuses (exit 2) naming\n" +
    "the differing field and both values otherwise. A missing shard makes the merged record\n" +
    "incomplete (with a warning). --out FILE writes the record to FILE; --out DIR (an existing\n" +
    "folder, e.g. the results folder) stores it as DIR/<date>/<runId>.json. --json prints it.",
  flags: {
    out: {
      type: "string",
      valueName: "FILE|DIR",
      description: "Where to write the merged record (required unless --json)",
    },
  },
  positionals: [{ name: "FILES", description: "Shard RunRecord files", variadic: true }],
  formats: ["text", "json"],
  examples: [
    "datason-bench merge shard-1/*.json shard-2/*.json --out data/results",
    "datason-bench merge a.json b.json --out merged.json --json",
  ],
  async run(ctx) {
    if (ctx.positionals.length === 0) {
      throw new UsageError("merge: missing argument FILES", {
        hint: "name the shard files, e.g. `datason-bench merge shard-*/run.json --out merged.json`",
      });
    }
    const outFlag = ctx.flags.out;
    if (outFlag === undefined && ctx.global.format !== "json") {
      throw new UsageError("merge: --out is required (or --json to print the merged record)", {
        hint: "add --out merged.json, or --out data/results to store it with the other runs",
      });
    }
    const inputs = [];
    for (const file of ctx.positionals) {
      const path = resolve(ctx.io.cwd, file);
      inputs.push({ path: displayPath(path, ctx.io.cwd), record: await loadRunRecord(path) });
    }
    const { record, warnings } = mergeRuns(inputs);
    for (const warning of warnings) ctx.log.warn(warning);

    let written: string | null = null;
    if (outFlag !== undefined) {
      const out = resolve(ctx.io.cwd, outFlag);
      const isDir = await Deno.stat(out).then((s) => s.isDirectory, () => false);
      if (isDir) {
        written = await saveRunRecord(out, record);
      } else {
        await writeFileAtomic(out, `${JSON.stringify(record, null, 1)}\n`);
        written = out;
      }
    }
    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, record as unknown as JsonDocument);
    } else {
      ctx.io.stdout(
        `merged ${inputs.length} shard file(s) into ${
          displayPath(written!, ctx.io.cwd)
        }: ${record.cells.length} cells, ${record.complete ? "complete" : "INCOMPLETE"}, ` +
          `run ${record.runId.slice(0, 12)}\n`,
      );
    }
    if (written !== null && ctx.global.format === "json") {
      ctx.log.info(`wrote ${displayPath(written, ctx.io.cwd)}`);
    }
    return EXIT_OK;
  },
});
