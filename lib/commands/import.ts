/** `datason-bench import SRC_DIR`: converts the predecessor's result files into RunRecords. */

import { resolve } from "node:path";
import { defineCommand } from "../cli/command.ts";
import { EXIT_INTERRUPTED, EXIT_OK } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { importCounts, importLegacyDir } from "../results/legacy/import_legacy_dir.ts";
import { renderImportReport } from "../report/render_import_report.ts";
import type { LegacyRunRecord } from "../results/run_record.ts";
import { listRunRecords, saveRunRecord } from "../results/store.ts";
import { displayPath } from "../_common/display_path.ts";

export const importCommand = defineCommand({
  name: "import",
  summary: "Convert the predecessor's result files into RunRecords",
  description:
    "Reads every result file of the predecessor (danielendler/datason-benchmarks, schemas A, B, C, D,\n" +
    "E, G and I) under SRC_DIR, converts each run into a RunRecord marked `source: legacy` (mean ns per\n" +
    "call, sample counts kept, failures as failed cells, timestamps in UTC) and stores it under --out.\n" +
    "Copies of one run under several names are stored once; importing again changes nothing.\n" +
    "Unreadable or unknown files are listed with the reason and skipped: the exit code is 0 unless\n" +
    "SRC_DIR itself cannot be read (2) or the import was interrupted (130; what was read is stored).",
  flags: {
    out: {
      type: "string",
      valueName: "DIR",
      description: "Results folder to write (default: results.dir of the config)",
    },
  },
  positionals: [{
    name: "SRC_DIR",
    description: "Folder with the predecessor's result files (searched recursively)",
  }],
  formats: ["text", "json"],
  examples: [
    "datason-bench import ../datason-benchmarks/data/results",
    "datason-bench import old-results --out data/results --json",
  ],
  async run(ctx) {
    const srcDir = resolve(ctx.io.cwd, ctx.positionals[0]);
    const outFlag = ctx.flags.out;
    const outDir = outFlag !== undefined
      ? resolve(ctx.io.cwd, outFlag)
      : (await ctx.loadConfig()).config.results.dir;
    const stored = await listRunRecords(outDir);
    for (const problem of stored.problems) {
      ctx.log.debug(`ignoring ${displayPath(problem.path, ctx.io.cwd)}: ${problem.reason}`);
    }
    const existing = stored.records
      .map((r) => r.record)
      .filter((r): r is LegacyRunRecord => r.source === "legacy");
    const { report, records } = await importLegacyDir(srcDir, {
      existing,
      signal: ctx.signal,
    });
    for (const record of records) await saveRunRecord(outDir, record);
    const interrupted = ctx.signal.aborted;

    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, {
        schema: "datason-bench/import@1",
        source: report.source,
        out: outDir,
        interrupted,
        counts: importCounts(report, records.length),
        imported: report.imported,
        duplicates: report.duplicates,
        unrecognised: report.unrecognised,
        unreadable: report.unreadable,
        ignored: report.ignored,
      });
    } else {
      ctx.io.stdout(renderImportReport(report, records.length, outDir, ctx.io.cwd, interrupted));
    }
    if (report.unreadable.length + report.unrecognised.length > 0) {
      ctx.log.warn(
        `${report.unreadable.length} unreadable and ${report.unrecognised.length} unrecognised ` +
          `file(s) skipped (see the report)`,
      );
    }
    return interrupted ? EXIT_INTERRUPTED : EXIT_OK;
  },
});
