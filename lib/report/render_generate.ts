/** The tables `datason-bench generate` prints: what was generated, and what `--verify` found. */

import { terminalText } from "./control_characters.ts";
import { formatBytesSi } from "../_common/format.ts";
import { textTable } from "../_common/text_table.ts";

interface DatasetEntryView {
  file: string;
  records: number;
  bytes: number;
  sha256: string;
}

/** A scenario's outcome (`ScenarioOutcome` of lib/generate/generate_datasets.ts). */
export type GenerateOutcomeView =
  | { scenario: string; status: "unchanged"; entry: DatasetEntryView }
  | { scenario: string; status: "projected"; entry: DatasetEntryView; seconds: number }
  | { scenario: string; status: "generated"; entry: DatasetEntryView; seconds: number };

export function renderGenerateOutcomes(outcomes: readonly GenerateOutcomeView[]): string {
  const rows = [["scenario", "status", "records", "size", "sha256", "MB/s"]];
  for (const o of outcomes) {
    const rate = o.status === "generated" && o.seconds > 0
      ? (o.entry.bytes / 1e6 / o.seconds).toFixed(1)
      : "-";
    rows.push([
      o.scenario,
      o.status,
      String(o.entry.records),
      formatBytesSi(o.entry.bytes),
      o.entry.sha256.slice(0, 12),
      rate,
    ]);
  }
  const align = ["left", "left", "right", "right", "left", "right"] as const;
  return terminalText(`${textTable(rows, { align }).join("\n")}\n`);
}

/** A dataset file against its manifest entry; `problem` describes what differs, null when ok. */
export interface DatasetCheckView {
  entry: DatasetEntryView;
  status: "ok" | "missing" | "size-mismatch" | "hash-mismatch";
  problem: string | null;
}

/**
 * The `generate --verify` table; `notListed` are scenarios the manifest has no entry for,
 * `unlistedFiles` dataset files in the folder that it does not list.
 */
export function renderDatasetCheck(
  checks: readonly DatasetCheckView[],
  notListed: readonly string[],
  unlistedFiles: readonly string[] = [],
): string {
  const rows = [["file", "status", "detail"]];
  for (const c of checks) {
    const word = c.status === "ok" ? "ok" : c.status === "missing" ? "MISSING" : "MODIFIED";
    const detail = c.problem ?? `${c.entry.records} records, ${formatBytesSi(c.entry.bytes)}, ` +
        `sha256 ${c.entry.sha256.slice(0, 12)}`;
    rows.push([c.entry.file, word, detail]);
  }
  for (const name of notListed) rows.push([`${name}.jsonl`, "NOT LISTED", "no manifest entry"]);
  for (const file of unlistedFiles.filter((f) => !notListed.some((n) => `${n}.jsonl` === f))) {
    rows.push([file, "NOT LISTED", "a dataset file manifest.json does not list"]);
  }
  return terminalText(`${textTable(rows).join("\n")}\n`);
}
