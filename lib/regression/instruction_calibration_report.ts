/**
 * The instruction-count calibration report (`datason-bench/calibrate-instructions@1`): per
 * (scenario, target, operation), the A/A and no-op comparisons and the detection of each injected
 * share, with the options and settings it was made with.
 */

import type { Operation, ScenarioName } from "../_common/vocabulary.ts";
import type { LayoutThresholds } from "./types.ts";

export interface InstructionCalibrateOptions {
  profile: string;
  targets: string[];
  scenarios: ScenarioName[];
  /** The DataSON source folder the three copies are made from (absolute). */
  source: string;
  repeat: number;
  /** Injected shares as fractions (0.01 = 1%). */
  inject: number[];
  view: "native" | "json";
  dataDir: string;
  /** The thresholds the comparisons are judged with (`compare.instructions`). */
  thresholds: LayoutThresholds;
}

/** One comparison of per-layout counts: its estimate, spread and whether the rule flags it. */
export interface LayoutTrial {
  change: number;
  spread: number;
  verdict: "regressed" | "improved" | "unchanged" | "inconclusive";
  /** Regressed or improved, at any severity. */
  flagged: boolean;
}

export interface InstructionCalibrationCell {
  scenario: string;
  target: string;
  operation: Operation;
  /** a vs b on the plain cells, one per repetition. */
  aa: LayoutTrial[];
  /** a vs n, every label (all plain in both). */
  noop: LayoutTrial[];
  /** Per injected size (as "1%"): a vs b on the `~size` cells. */
  injected: Record<string, { injected: number; trials: LayoutTrial[] }>;
  /** Relative range of the plain cell's counts over the layouts of `a`, per repetition. */
  layoutSpread: number[];
  /** Instructions per record in `a` (median over layouts), per repetition. */
  instructionsPerRecord: number[];
}

export interface InstructionCalibrationReport {
  schema: "datason-bench/calibrate-instructions@1";
  options: InstructionCalibrateOptions;
  settings: Record<
    string,
    {
      layouts: number;
      passes: number;
      warmups: number;
      records: number | null;
    } | null
  >;
  repetitions: number;
  seconds: number;
  /** Valgrind processes started, and their summed wall seconds. */
  processes: number;
  processSeconds: number;
  cells: InstructionCalibrationCell[];
}
