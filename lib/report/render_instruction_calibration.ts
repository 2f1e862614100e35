/** The text report of `datason-bench calibrate --measures instructions`. */

import { formatCount, formatDuration, formatPercent } from "../_common/format.ts";
import { textTable } from "../_common/text_table.ts";
import type {
  InstructionCalibrationReport,
  LayoutTrial,
} from "../regression/instruction_calibration_report.ts";
import { median } from "../stats/median.ts";

const flagged = (trials: readonly LayoutTrial[]) =>
  `${trials.filter((t) => t.flagged).length}/${trials.length}`;
const largest = (trials: readonly LayoutTrial[]) =>
  trials.length === 0 ? null : Math.max(...trials.map((t) => Math.abs(t.change)));
const signed = (value: number | null, digits = 2) =>
  value === null ? "—" : `${value >= 0 ? "+" : ""}${formatPercent(value, digits)}`;

export function renderInstructionCalibration(report: InstructionCalibrationReport): string {
  const { options } = report;
  const sizes = options.inject.map((f) => `${Math.round(f * 1000) / 10}%`);
  const layouts = Object.values(report.settings)[0]?.layouts ?? 0;
  const lines = [
    `instruction-count calibration of profile ${options.profile}: ${report.repetitions} ` +
    `repetition(s), ${layouts} fresh layout(s) each, ${options.scenarios.join(", ")} ` +
    `(${options.view} view), in ${formatDuration(report.seconds)}; ${report.processes} Valgrind ` +
    `process(es), ${formatDuration(report.processSeconds)} of their wall time`,
    `compare.instructions: a change is flagged when it is ≥ ${
      formatPercent(options.thresholds.notice, 1)
    } (speed-ups ≥ ${formatPercent(options.thresholds.improvement, 1)}) and more than ` +
    `${options.thresholds.spreadMultiple} × the layout spread`,
    "",
  ];
  const header = [
    "scenario",
    "target",
    "operation",
    "instr/record",
    "layout spread",
    "A/A max |Δ|",
    "A/A flagged",
    "no-op max |Δ|",
    "no-op flagged",
    ...sizes.flatMap((s) => [`+${s} caught`, `+${s} est.`]),
  ];
  const rows = report.cells.map((cell) => [
    cell.scenario,
    cell.target,
    cell.operation,
    cell.instructionsPerRecord.length ? formatCount(median(cell.instructionsPerRecord)) : "—",
    cell.layoutSpread.length ? formatPercent(Math.max(...cell.layoutSpread), 2) : "—",
    signed(largest(cell.aa), 3).replace("+", ""),
    flagged(cell.aa),
    signed(largest(cell.noop), 3).replace("+", ""),
    flagged(cell.noop),
    ...sizes.flatMap((s) => {
      const trials = cell.injected[s]?.trials ?? [];
      const caught = `${trials.filter((t) => t.verdict === "regressed").length}/${trials.length}`;
      return [caught, trials.length ? signed(median(trials.map((t) => t.change))) : "—"];
    }),
  ]);
  lines.push(
    ...textTable([header, ...rows], {
      align: header.map((_, i) => (i < 3 ? "left" : "right")),
    }),
  );
  lines.push(
    "",
    "layout spread: the largest relative range of a cell's counts over one repetition's layouts; " +
      "max |Δ|: the largest change of any A/A (a vs b) or no-op (a vs n) comparison; est.: the " +
      "median estimate of the injected copies.",
  );
  return lines.join("\n") + "\n";
}
