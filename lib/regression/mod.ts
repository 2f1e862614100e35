/** Regression verdicts: comparisons of runs and of labels inside a run, and calibration analysis. */

export * from "./types.ts";
export { compareRuns, type RecordSources, requireMeasured } from "./compare_runs.ts";
export { compareWithinRun, inferAxis, type WithinRunSelection } from "./compare_within_run.ts";
export { rowFailsGate } from "./build_comparison.ts";
export { resolveCompareOptions } from "./resolve_compare_options.ts";
export { matchesGate } from "./matches_gate.ts";
export { competitorLibrary } from "./environment_notes.ts";
export {
  analyzeCalibration,
  type CalibrationAnalysis,
  type CalibrationInput,
  type RateWithBounds,
} from "./analyze_calibration.ts";
