/** The text report of `datason-bench calibrate` (time): one row per pairing and process summary. */

import { terminalText } from "./control_characters.ts";
import { formatDuration, formatPercent } from "../_common/format.ts";
import { textTable } from "../_common/text_table.ts";
import type { CalibrationReport } from "../regression/calibration_report.ts";

export function renderCalibration(report: CalibrationReport): string {
  const { options, settings } = report;
  const first = settings[options.scenarios[0]];
  const records = options.scenarios.map((s) => `${s} ${settings[s]?.records ?? "all"}`).join(
    ", ",
  );
  const lines = [
    `calibration of profile ${options.profile}: ${options.targets.join(", ")} on ${
      options.scenarios.join(", ")
    } (records per pass: ${records}), DataSON ${
      options.datason ?? "of the default environment"
    } on both sides; ` +
    `${report.repetitions} repetition(s) of ${first?.processes ?? "?"} round(s) × ${
      first?.values ?? "?"
    } value(s) per pairing, in ${formatDuration(report.seconds)}`,
    report.bursts === null
      ? "machine: as it was (no burst generator)"
      : `machine: ${report.bursts}`,
    "",
    "false alarms: A/A rows with a verdict at notice or above (one-sided 95% upper bound);",
    "detected: injected rows found significantly slower (Holm over each run's rows), with the",
    "median estimated change; SD: median over A/A rows of the SD of a round's log-ratio.",
    "",
  ];
  const sizes = options.inject.map((f) => `+${formatPercent(f, 0)}`);
  const header = [
    "pairing",
    "summary",
    "false alarms",
    ...sizes.map((s) => `detected ${s}`),
    "SD",
    "median MDE",
    "s per run",
  ];
  const rows = report.pairings.map((p) => {
    const fa = p.analysis.falseAlarms;
    return [
      p.pairing,
      p.processSummary,
      `${fa.count}/${fa.trials} (≤ ${formatPercent(fa.upper95OneSided, 1)})`,
      ...p.analysis.detection.map((d) =>
        `${d.significant}/${d.trials} (${
          formatPercent(d.trials ? d.significant / d.trials : null, 0)
        }) est ${d.medianEffect === null ? "—" : formatPercent(d.medianEffect, 1)}`
      ),
      formatPercent(p.analysis.noise.medianSdLog, 2),
      formatPercent(p.analysis.medianMde, 1),
      report.secondsPerRun[p.pairing] === undefined
        ? "—"
        : formatDuration(report.secondsPerRun[p.pairing]!),
    ];
  });
  lines.push(...textTable([header, ...rows]));
  lines.push("", "per scenario and operation (first process summary):");
  const summary = report.pairings[0]?.processSummary;
  for (const p of report.pairings.filter((p) => p.processSummary === summary)) {
    for (const c of p.perCell) {
      const detected = Object.entries(c.detected)
        .map(([size, d]) => `${size} ${d.significant}/${d.trials}`)
        .join(", ");
      lines.push(
        `  ${p.pairing} ${c.scenario} ${c.target} ${c.operation}: A/A flagged ${c.aaFlagged}/${c.aaTrials}; detected ${detected}`,
      );
    }
  }
  return terminalText(`${lines.join("\n")}\n`);
}
