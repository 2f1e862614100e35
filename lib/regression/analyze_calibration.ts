import { clopperPearson } from "../stats/clopper_pearson.ts";
import { PRIMARY_MEASURE } from "./measures.ts";
import { median } from "../stats/median.ts";
import { processesForMde } from "../stats/processes_for_mde.ts";
import type { CompareResult, CompareRow } from "./types.ts";

export interface CalibrationInput {
  /** A/A comparisons: the same target on both sides, so every flagged change is a false alarm. */
  aa: CompareResult[];
  /** A/B comparisons against a copy slowed by a known fraction (0.05 = 5%). */
  ab: { injected: number; results: CompareResult[] }[];
  /** The change the user wants to detect (fraction), for the processes-needed figure. */
  targetMde?: number;
}

export interface RateWithBounds {
  /** Number of statistical rows (one per compared cell). */
  trials: number;
  count: number;
  rate: number;
  /** Clopper–Pearson 95% two-sided bounds of the rate. */
  lower95: number;
  upper95: number;
}

export interface CalibrationAnalysis {
  falseAlarms: RateWithBounds & {
    /** One-sided Clopper–Pearson 95% upper bound: "at most this often, with 95% confidence". */
    upper95OneSided: number;
    regressed: number;
    improved: number;
  };
  detection: (RateWithBounds & {
    injected: number;
    /** Median estimated change of these rows (should sit near `injected`). */
    medianEffect: number | null;
    /**
     * Rows where the test found a significant slowdown (p, Holm-adjusted when gated, ≤ α and a
     * positive effect), whatever the severity band: the power of the test. A slowdown injected
     * exactly at the notice threshold is `regressed` only when its estimate reaches the threshold
     * (about half the time), but significant nearly always once the noise allows.
     */
    significant: number;
  })[];
  noise: {
    /** Median robust CV of the per-process medians over every side of every A/A row. */
    medianCv: number | null;
    /**
     * Median SD of one observation on the log scale: the robust SD of the process medians of two
     * runs, the sample SD of a round's log-ratio when paired.
     */
    medianSdLog: number | null;
  };
  /** Median minimum detectable change over the A/A rows. */
  medianMde: number | null;
  processesForTarget: {
    targetMde: number;
    paired: boolean;
    alpha: number;
    power: number;
    processes: number;
  } | null;
}

function statisticalRows(results: readonly CompareResult[]): CompareRow[] {
  return results.flatMap((r) =>
    r.rows.filter((row) => row.metric === PRIMARY_MEASURE.id && row.test !== null)
  );
}

function rate(count: number, trials: number): RateWithBounds {
  if (trials === 0) return { trials, count, rate: NaN, lower95: 0, upper95: 1 };
  const bounds = clopperPearson(count, trials);
  return { trials, count, rate: count / trials, lower95: bounds.lower, upper95: bounds.upper };
}

function significantSlowdown(row: CompareRow, alpha: number): boolean {
  const p = row.gated ? row.pAdjusted : row.pValue;
  return p !== null && p <= alpha && (row.effect ?? 0) > 0;
}

const medianOrNull = (values: number[]) => (values.length > 0 ? median(values) : null);

/**
 * Summarizes a calibration: the false-alarm rate of the A/A rows (a `regressed` verdict at notice
 * or above, or an `improved` one — with no true difference both are false) with Clopper–Pearson
 * bounds; the detection rate (`regressed`) per injected slowdown; the noise (robust CV, SD of
 * log-ratios); the median MDE; and the processes a chosen MDE needs at the median α′ of the rows.
 */
export function analyzeCalibration(input: CalibrationInput): CalibrationAnalysis {
  const aaRows = statisticalRows(input.aa);
  const regressed = aaRows.filter((r) => r.verdict === "regressed").length;
  const improved = aaRows.filter((r) => r.verdict === "improved").length;
  const alarms = rate(regressed + improved, aaRows.length);
  const detection = input.ab.map(({ injected, results }) => {
    const rows = statisticalRows(results);
    const alpha = results[0]?.options.alpha ?? 0.01;
    return {
      injected,
      ...rate(rows.filter((r) => r.verdict === "regressed").length, rows.length),
      significant: rows.filter((r) => significantSlowdown(r, alpha)).length,
      medianEffect: medianOrNull(rows.flatMap((r) => (r.effect === null ? [] : [r.effect]))),
    };
  });
  const cvs = aaRows.flatMap((r) =>
    [r.baseline?.cv, r.current?.cv].filter((v): v is number => typeof v === "number")
  );
  const sds = aaRows.flatMap((r) => (r.noiseSdLog === null ? [] : [r.noiseSdLog]));
  const medianSdLog = medianOrNull(sds);
  const reference = input.aa[0] ?? input.ab[0]?.results[0];
  let processesForTarget: CalibrationAnalysis["processesForTarget"] = null;
  if (reference && medianSdLog !== null) {
    const targetMde = input.targetMde ?? reference.options.thresholds.notice;
    const alphas = aaRows.flatMap((r) => (r.alphaThreshold === null ? [] : [r.alphaThreshold]));
    const alpha = medianOrNull(alphas) ?? reference.options.alpha;
    const power = reference.options.power;
    processesForTarget = {
      targetMde,
      paired: reference.paired,
      alpha,
      power,
      processes: processesForMde(Math.log1p(targetMde), medianSdLog, reference.paired, {
        alpha,
        power,
      }),
    };
  }
  return {
    falseAlarms: {
      ...alarms,
      upper95OneSided: aaRows.length === 0
        ? 1
        : clopperPearson(regressed + improved, aaRows.length, { sided: "upper" }).upper,
      regressed,
      improved,
    },
    detection,
    noise: { medianCv: medianOrNull(cvs), medianSdLog },
    medianMde: medianOrNull(aaRows.flatMap((r) => (r.mde === null ? [] : [r.mde]))),
    processesForTarget,
  };
}
