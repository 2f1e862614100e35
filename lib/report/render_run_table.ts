/**
 * The plain text table `run` prints: one block per scenario and tier, failures and fidelity notes
 * below. The ratio column divides by the reference's time only where the fidelities compare
 * (lib/regression/speed_ratio.ts): plain, with both fidelities, or withheld.
 */

import { ownValue } from "../_common/own_key.ts";
import { terminalLine, terminalText } from "./control_characters.ts";
import { formatBytes, formatNs, formatPercent, formatSiCount } from "../_common/format.ts";
import { median } from "../stats/median.ts";
import { textTable } from "../_common/text_table.ts";
import { tieredScenario, tierLabel } from "../_common/vocabulary.ts";
import { documentedException } from "../config/documented_exceptions.ts";
import { speedRatio } from "../regression/speed_ratio.ts";
import type { MeasuredCell, MeasuredRunRecord } from "../results/run_record.ts";
import { fidelityPair } from "./ratio_text.ts";
import { targetFidelity } from "./site/headline_ratios.ts";
import { inSlot, orderSlots } from "./site/scenario_order.ts";

export interface RunTableExtras {
  /** Fidelity notes by `scenario/target/environment` (`scenario@json` on the JSON tier). */
  fidelityNotes?: Record<string, string>;
  /** Memory failures by `scenario/target/environment/operation` (likewise). */
  memoryErrors?: Record<string, string>;
  /** Target the ratio column compares with. @default "datason" */
  reference?: string;
}

export function renderRunTable(record: MeasuredRunRecord, extras: RunTableExtras = {}): string {
  const reference = extras.reference ?? "datason";
  const multiEnv = Object.keys(record.environments).length > 1;
  // Instructions per record (median over the layouts) where the run counted them.
  const counted = record.cells.some((c) => (c.instructionsPerRecord?.length ?? 0) > 0);
  const lines: string[] = [];
  const tiers = new Set(record.cells.map((c) => c.tier));
  for (const slot of orderSlots(record.cells)) {
    const { scenario, tier } = slot;
    // A cell measured for several suites is shown once.
    const seen = new Set<string>();
    const cells = inSlot(record.cells, slot).filter((c) => {
      const key = `${c.environment}/${c.target}/${c.operation}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const dataset = ownValue(record.datasets, scenario);
    const file = tier === "json" ? dataset?.jsonTier : dataset;
    const used = ownValue(record.config.measure.records, scenario);
    const count = dataset && file
      ? `${
        used === null || used === undefined ? dataset.records : Math.min(used, dataset.records)
      }` +
        ` of ${dataset.records} records, sha256 ${file.sha256.slice(0, 12)}`
      : "";
    const title = tiers.size > 1 || tier !== "typed" ? `${scenario}, ${tierLabel(tier)}` : scenario;
    lines.push(`${title}${count ? ` (${count})` : ""}`);
    const header = [
      ...(multiEnv ? ["environment"] : []),
      "target",
      "operation",
      "status",
      "time/record",
      "95% CI",
      "cv",
      ...(counted ? ["instr/record"] : []),
      "MB/s",
      `× ${reference}`,
      "output",
      "fidelity",
      "traced peak",
      "rss delta",
    ];
    const fidelityOf = (target: string, environment: string) =>
      targetFidelity(cells.filter((c) => c.environment === environment), target);
    const rows = cells.map((cell) => {
      const ref = cells.find((c) =>
        c.target === reference && c.operation === cell.operation &&
        c.environment === cell.environment
      );
      const ratio = speedRatio(
        {
          ns: cell.summary?.median ?? null,
          fidelity: fidelityOf(cell.target, cell.environment),
        },
        {
          ns: ref?.summary?.median ?? null,
          fidelity: ref ? fidelityOf(ref.target, ref.environment) : null,
        },
      );
      const records = cell.records ??
        (used === null || used === undefined
          ? dataset?.records
          : Math.min(used, dataset?.records ?? used));
      const throughput = cell.summary && cell.outputBytes !== null && records
        ? (cell.outputBytes / records) / cell.summary.median * 1e9 / 1e6
        : null;
      return [
        ...(multiEnv ? [cell.environment] : []),
        cell.target,
        cell.operation,
        cell.status,
        cell.summary ? formatNs(cell.summary.median) : "-",
        cell.summary?.ci95
          ? `${formatNs(cell.summary.ci95[0])} – ${formatNs(cell.summary.ci95[1])}`
          : "-",
        cell.summary && cell.summary.n > 1 ? formatPercent(cell.summary.cv) : "-",
        ...(counted
          ? [
            cell.instructionsPerRecord?.length
              ? formatSiCount(median(cell.instructionsPerRecord))
              : "-",
          ]
          : []),
        throughput === null
          ? "-"
          : throughput >= 10
          ? throughput.toFixed(0)
          : throughput.toFixed(2),
        ratio.kind === "none"
          ? "-"
          : ratio.kind === "plain"
          ? ratio.ratio.toFixed(2)
          : ratio.kind === "qualified"
          ? `${ratio.ratio.toFixed(2)} (${fidelityPair(ratio.subject, ratio.other)})`
          : `- (${fidelityPair(ratio.subject, ratio.other)})`,
        cell.outputBytes === null ? "-" : formatBytes(cell.outputBytes),
        cell.fidelity ?? "-",
        cell.peakTracedBytes === null ? "-" : formatBytes(cell.peakTracedBytes),
        cell.rssDeltaBytes === null ? "-" : formatBytes(cell.rssDeltaBytes),
      ];
    });
    lines.push(...textTable([header, ...rows], { indent: "  " }));
    const notes = notesFor(cells, extras, tieredScenario(scenario, tier));
    if (notes.length > 0) lines.push(...notes.map((n) => `  ${n}`));
    lines.push("");
  }
  const failed = record.cells.filter((c) => c.status !== "ok").length;
  lines.push(
    `${record.cells.length} cells, ${record.cells.length - failed} ok, ${failed} not ok; ` +
      `profile ${record.config.profile}, ${record.config.measure.processes} processes × ` +
      `${record.config.measure.values} values; run ${record.runId.slice(0, 12)}`,
  );
  return terminalText(`${lines.join("\n")}\n`);
}

function notesFor(cells: MeasuredCell[], extras: RunTableExtras, scenario: string): string[] {
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    if (cell.status !== "ok" && cell.error) {
      const how = [
        cell.error.signal ? `signal ${cell.error.signal}` : null,
        cell.error.exitCode !== undefined && cell.error.exitCode !== null
          ? `exit code ${cell.error.exitCode}`
          : null,
      ].filter((x) => x !== null).join(", ");
      const documented = cell.status === "unsupported"
        ? documentedException(cell.target, cell.tier, cell.scenario)
        : undefined;
      notes.push(
        `${cell.target} ${cell.operation}: ${cell.status}${how ? ` (${how})` : ""} — ` +
          `${cell.error.type}: ${terminalLine(cell.error.message)}` +
          (documented ? ` (documented: ${documented.docs})` : ""),
      );
    }
    const noteKey = `${scenario}/${cell.target}/${cell.environment}`;
    const note = extras.fidelityNotes?.[noteKey];
    if (note && cell.fidelity !== "exact" && !seen.has(noteKey)) {
      seen.add(noteKey);
      notes.push(`${cell.target}: ${cell.fidelity}, ${note}`);
    }
    const memory = extras.memoryErrors?.[`${noteKey}/${cell.operation}`];
    if (memory) notes.push(`${cell.target} ${cell.operation}: memory not measured (${memory})`);
  }
  return notes;
}
