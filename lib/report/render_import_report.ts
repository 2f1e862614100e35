/** The text report of `datason-bench import`. */

import { terminalText } from "./control_characters.ts";
import { displayPath } from "../_common/display_path.ts";
import { importCounts, type LegacyImportReport } from "../results/legacy/import_legacy_dir.ts";

export function renderImportReport(
  report: LegacyImportReport,
  stored: number,
  outDir: string,
  cwd: string,
  interrupted = false,
): string {
  const c = importCounts(report, stored);
  const lines = [
    `import ${displayPath(report.source, cwd)} → ${displayPath(outDir, cwd)}${
      interrupted ? " (interrupted)" : ""
    }`,
    `  files read    ${c.filesRead}`,
    `  imported      ${c.imported} run(s): ${c.newRuns} new, ${c.alreadyStored} already stored; ` +
    `${c.cells} cells, ${c.failedCells} failed`,
    `  duplicates    ${c.duplicates}`,
    `  unrecognised  ${c.unrecognised}`,
    `  unreadable    ${c.unreadable}`,
  ];
  if (report.imported.length > 0) {
    lines.push("", "imported:");
    for (const r of report.imported) {
      lines.push(
        `  ${r.startedAt}  ${r.format}  ${r.runId.slice(0, 12)}  ${r.cells} cells` +
          `${r.failedCells > 0 ? ` (${r.failedCells} failed)` : ""}` +
          `${r.alreadyStored ? "  already stored" : ""}  ${r.file}`,
      );
    }
  }
  const section = (title: string, entries: { file: string; reason: string }[]) => {
    if (entries.length === 0) return;
    lines.push("", `${title}:`);
    for (const e of entries) lines.push(`  ${e.file}: ${e.reason}`);
  };
  section(
    "duplicates",
    report.duplicates.map((d) => ({ file: d.file, reason: `${d.reason} of ${d.duplicateOf}` })),
  );
  section("unrecognised", report.unrecognised);
  section("unreadable", report.unreadable);
  section("ignored (not result files)", report.ignored);
  return terminalText(`${lines.join("\n")}\n`);
}
