/** Statistics for summaries, regression verdicts and calibration: pure functions, no I/O. */

export { erfc, normalCdf, normalQuantile, normalSurvival } from "./normal.ts";
export { median, medianOfSorted } from "./median.ts";
export { quantile, quantileOfSorted } from "./quantile.ts";
export { mad, MAD_TO_SD } from "./mad.ts";
export { robustCv } from "./robust_cv.ts";
export { type MedianCi, medianCi } from "./median_ci.ts";
export { processMedians, summarizeProcesses } from "./summarize_processes.ts";
export { detectDrift, type DriftOptions, type DriftResult } from "./detect_drift.ts";
export {
  detectSlowProcesses,
  type SlowProcess,
  type SlowProcessOptions,
} from "./detect_slow_processes.ts";
export { rank, type Ranking, tieSum } from "./rank.ts";
export { mannWhitneyCdf, mannWhitneyDistribution } from "./mann_whitney_distribution.ts";
export { signedRankCdf, signedRankDistribution } from "./signed_rank_distribution.ts";
export {
  MANN_WHITNEY_EXACT_LIMIT,
  mannWhitney,
  type MannWhitneyOptions,
  type MannWhitneyResult,
} from "./mann_whitney.ts";
export {
  SIGNED_RANK_EXACT_LIMIT,
  wilcoxonSignedRank,
  type WilcoxonSignedRankOptions,
  type WilcoxonSignedRankResult,
} from "./wilcoxon_signed_rank.ts";
export { hodgesLehmann, type ShiftEstimate, type ShiftOptions } from "./hodges_lehmann.ts";
export { hodgesLehmannPaired } from "./hodges_lehmann_paired.ts";
export { holm, holmThresholds } from "./holm.ts";
export type { Design, PowerOptions } from "./design.ts";
export { minimumDetectableEffect } from "./minimum_detectable_effect.ts";
export { processesForSmallestP, smallestPValue } from "./smallest_p_value.ts";
export { processesForMde } from "./processes_for_mde.ts";
export { logBeta, logGamma } from "./log_gamma.ts";
export { regularizedIncompleteBeta } from "./incomplete_beta.ts";
export { inverseRegularizedIncompleteBeta } from "./inverse_incomplete_beta.ts";
export { binomialCdf } from "./binomial_cdf.ts";
export { clopperPearson, type ClopperPearsonOptions } from "./clopper_pearson.ts";
export { theilSen, type TheilSenLine } from "./theil_sen.ts";
export { mannKendall, type MannKendallResult } from "./mann_kendall.ts";
export {
  binarySegmentation,
  type BinarySegmentationOptions,
  type DetectedChange,
} from "./binary_segmentation.ts";
export { differenceScale, medianInPlace } from "./trend_robust.ts";
