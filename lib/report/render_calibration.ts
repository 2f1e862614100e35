/** The text report of `datason-bench calibrate`. */

import { terminalText } from "./control_characters.ts";
import { formatDuration, formatPercent } from "../_common/format.ts";
import type { CalibrationReport } from "../regression/calibration_report.ts";

export function renderCalibration(report: CalibrationReport): string {
  const { analysis, options, settings, alternative } = report;
  const fa = analysis.falseAlarms;
  const other = alternative.analysis;
  const lines = [
    `calibration of profile ${options.profile} on ${options.scenario} (${options.view} view), ` +
    `environment ${options.environment}: ${report.repetitions} paired run(s) of ${settings.processes} ` +
    `round(s) × ${settings.values} value(s) ≥ ${settings.minValueSeconds} s, in ${
      formatDuration(report.seconds)
    }`,
    "",
    `verdicts with each process's ${
      report.alternative.processSummary === "min" ? "median" : "minimum"
    } (compare.processSummary)`,
    `noise: median robust CV between processes ${formatPercent(analysis.noise.medianCv, 2)}, ` +
    `median SD of a round's log-ratio ${formatPercent(analysis.noise.medianSdLog, 2)}`,
    `A/A false alarms (a verdict at notice or above): ${fa.count} of ${fa.trials} comparisons ` +
    `(${formatPercent(fa.rate, 2)}; 95% upper bound ${formatPercent(fa.upper95OneSided, 2)})`,
    `median MDE: ${formatPercent(analysis.medianMde)}` +
    (analysis.processesForTarget
      ? `; an MDE of ${
        formatPercent(analysis.processesForTarget.targetMde, 0)
      } needs ${analysis.processesForTarget.processes} ` +
        `${analysis.processesForTarget.paired ? "paired rounds" : "processes per side"} at α′ ${
          analysis.processesForTarget.alpha.toPrecision(2)
        }`
      : ""),
    "",
    "detection of injected slowdowns:",
  ];
  for (const d of analysis.detection) {
    lines.push(
      `  +${formatPercent(d.injected, 0)}: regressed ${d.count}/${d.trials} (${
        formatPercent(d.rate, 0)
      }), ` +
        `significant slowdown ${d.significant}/${d.trials} (${
          formatPercent(d.trials ? d.significant / d.trials : null, 0)
        }), ` +
        `median estimate ${d.medianEffect === null ? "—" : `+${formatPercent(d.medianEffect)}`}`,
    );
  }
  lines.push(
    "",
    `the same runs with each process's ${
      alternative.processSummary === "min" ? "minimum" : "median"
    } (compare.processSummary "${alternative.processSummary}"): A/A false alarms ` +
      `${other.falseAlarms.count}/${other.falseAlarms.trials}; significant slowdown ` +
      other.detection.map((d) => `+${formatPercent(d.injected, 0)} ${d.significant}/${d.trials}`)
        .join(", ") +
      `; median SD of a round's log-ratio ${formatPercent(other.noise.medianSdLog, 2)}`,
  );
  lines.push("", "per target:");
  for (const t of report.perTarget) {
    const detected = Object.entries(t.detected)
      .map(([size, d]) => `${size}: ${d.significant}/${d.trials}`)
      .join(", ");
    lines.push(
      `  ${t.target} ${t.operation}: A/A flagged ${t.aaFlagged}/${t.aaTrials}; caught ${detected}`,
    );
  }
  return terminalText(`${lines.join("\n")}\n`);
}
