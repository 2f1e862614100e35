/**
 * The two trend analyses the report needs: the whole history, for the charts (restricted to the
 * series the charts draw — DataSON's default target and the competitors of the charted suites, and
 * the same targets of imported runs — so five years of every suite's series are not analysed for
 * nothing), and the lookback window of the config, for the findings (every series).
 */

import { trendsOptions } from "../../trends/trends_options.ts";
import { COMPETITOR_TARGETS } from "../../_common/targets.ts";
import type { TrendsConfig } from "../../config/types.ts";
import type { RunRecord } from "../../results/run_record.ts";
import { analyzeTrends } from "../../trends/analyze_trends.ts";
import type { TrendsResult } from "../../trends/types.ts";
import { latestSuites, newestRunBySuite } from "./latest_runs.ts";

/** The `metric` filter of the whole-history analysis (see `matchesMetric`). */
export function historyMetric(records: readonly RunRecord[]): string {
  const suites = latestSuites(newestRunBySuite(records));
  const legacyTargets = ["datason", ...COMPETITOR_TARGETS].map((t) => `legacy-*/*/${t}/*`);
  return [...suites.map((s) => `${s}/*`), ...legacyTargets].join(",");
}

export function reportTrends(
  records: readonly RunRecord[],
  trends: TrendsConfig,
  seed: number,
): { history: TrendsResult; window: TrendsResult } {
  return {
    history: analyzeTrends(
      records,
      trendsOptions(trends, seed, { days: null, metric: historyMetric(records) }),
    ),
    window: analyzeTrends(
      records,
      trendsOptions(trends, seed, { days: trends.days, metric: null }),
    ),
  };
}
