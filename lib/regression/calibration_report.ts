/**
 * The calibration report (`datason-bench/calibrate@1`): what a profile can see on this machine,
 * with the options and measurement settings it was made with.
 */

import type { ProcessSummary } from "../config/types.ts";
import type { Operation } from "../_common/vocabulary.ts";
import type { ScenarioSettings } from "../results/run_record.ts";
import type { CalibrationAnalysis } from "./analyze_calibration.ts";

export interface CalibrateOptions {
  profile: string;
  targets: string[];
  scenario: string;
  environment: string;
  repeat: number;
  /** Injected slowdowns as fractions (0.05 = 5%). */
  inject: number[];
  view: "native" | "json";
  /** MDE the processes-needed figure is computed for (fraction). */
  targetMde: number;
  dataDir: string;
}

export interface CalibrationReport {
  schema: "datason-bench/calibrate@1";
  options: CalibrateOptions;
  settings: ScenarioSettings;
  repetitions: number;
  seconds: number;
  /** Verdicts with the config's `compare.processSummary` (what `pr` and `compare` will do). */
  analysis: CalibrationAnalysis;
  /** The same runs judged with the other process summary, to choose between them on this machine. */
  alternative: { processSummary: ProcessSummary; analysis: CalibrationAnalysis };
  /** Per target and operation: the A/A verdicts and the detection per injection. */
  perTarget: {
    target: string;
    operation: Operation;
    aaFlagged: number;
    aaTrials: number;
    detected: Record<string, { regressed: number; significant: number; trials: number }>;
  }[];
}
