/**
 * The calibration report (`datason-bench/calibrate@2`): what a profile's A/B comparison can see on
 * this machine with each pairing, with the options and settings it was made with.
 */

import type { Pairing, ProcessSummary } from "../config/types.ts";
import type { ScenarioSettings } from "../results/run_record.ts";
import type { CalibrationAnalysis } from "./analyze_calibration.ts";

export interface CalibrateOptions {
  profile: string;
  /** DataSON's targets compared (the gated ones by default). */
  targets: string[];
  scenarios: string[];
  repeat: number;
  /** Injected slowdowns as fractions (0.05 = 5%). */
  inject: number[];
  /** The pairings compared, run in a fresh random order in every repetition. */
  pairings: Pairing[];
  /**
   * The DataSON both environments install (a requirement or a checkout folder); null: the default
   * environment's requirements as they are (they pin no DataSON).
   */
  datason: string | null;
  /** Records per pass instead of the profile's (null: the profile's). */
  records: number | null;
  /** A background process takes one core in random bursts during the whole calibration. */
  bursts: boolean;
  view: "native" | "json";
  /** MDE the processes-needed figure is computed for (fraction). */
  targetMde: number;
  dataDir: string;
}

/** One pairing judged with one process summary. */
export interface PairingCalibration {
  pairing: Pairing;
  processSummary: ProcessSummary;
  analysis: CalibrationAnalysis;
  /** Per scenario and operation: the A/A rows flagged and the injected rows found significant. */
  perCell: {
    scenario: string;
    target: string;
    operation: string;
    aaFlagged: number;
    aaTrials: number;
    detected: Record<string, { significant: number; trials: number }>;
  }[];
}

export interface CalibrationReport {
  schema: "datason-bench/calibrate@2";
  options: CalibrateOptions;
  /** The measurement settings per scenario (the profile's, records as measured). */
  settings: Record<string, ScenarioSettings>;
  repetitions: number;
  seconds: number;
  /** What the burst generator did, when it ran. */
  bursts: string | null;
  /** Seconds each pairing's runs took: the median over the repetitions. */
  secondsPerRun: Partial<Record<Pairing, number>>;
  /** Every pairing with the config's process summary first, then with the other one. */
  pairings: PairingCalibration[];
}
