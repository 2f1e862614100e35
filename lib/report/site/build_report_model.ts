/**
 * `buildReportModel()`: everything the site shows, as plain data, from stored files alone — the
 * store's listing (runs, problems, other documents), the trend analyses of the whole history and
 * of the lookback window, and the newest stored comparison.
 */

import { displayPath } from "../../_common/display_path.ts";
import { VERSION } from "../../_common/version.ts";
import { buildChoicesModel } from "./build_choices_model.ts";
import { buildComparisonModel } from "./build_comparison_model.ts";
import { buildFidelityMatrix } from "./build_fidelity_matrix.ts";
import { buildFingerprintModel } from "./build_fingerprint_model.ts";
import { buildHistoryModel } from "./build_history_model.ts";
import { buildLatestRunModel } from "./build_latest_run_model.ts";
import { buildOverviewModel } from "./build_overview_model.ts";
import { latestSuites, newestRunBySuite } from "./latest_runs.ts";
import { formatTimestamp } from "./run_ref.ts";
import type { EmptyState, NavItem, ReportInput, ReportModel } from "./types.ts";

/** A newest run older than this (days) when the page is generated gets a warning. */
export const STALE_DAYS = 8;

export const EMPTY_STATE: EmptyState = {
  message: "There are no results yet: the results folder holds no benchmark runs.",
  steps: [
    { command: "datason-bench generate", why: "write the synthetic datasets" },
    { command: "datason-bench setup", why: "build the Python environments" },
    {
      command: "datason-bench run",
      why: "measure (add --profile quick for a first look in a few minutes)",
    },
    {
      command: "datason-bench import OLD_RESULTS_DIR",
      why: "or bring in the predecessor's history (datason-benchmarks result files)",
    },
    { command: "datason-bench report", why: "then build this page again" },
  ],
};

export function buildReportModel(input: ReportInput): ReportModel {
  const { listing, trends, comparison, title, now } = input;
  const records = listing.records.map((r) => r.record);
  const problems = [...listing.problems, ...(input.comparisonProblems ?? [])].map((p) => ({
    path: displayPath(p.path, listing.dir),
    kind: p.kind,
    reason: p.reason,
  }));
  const generated = now === undefined ? "" : formatTimestamp(now.toISOString());
  const base = {
    title,
    generated,
    toolVersion: VERSION,
    problems,
    overview: null,
    latest: [],
    fidelity: null,
    choices: null,
    history: null,
    comparison: null,
    fingerprint: null,
  };
  if (records.length === 0) {
    return {
      ...base,
      subtitle: "No runs yet",
      notices: [],
      nav: problems.length > 0 ? [{ id: "problems", label: "Problems" }] : [],
      empty: EMPTY_STATE,
    };
  }

  const bySuite = newestRunBySuite(records);
  const shownSuites = latestSuites(bySuite);
  const latest = shownSuites.map((suite) => buildLatestRunModel(bySuite.get(suite)!, suite));
  const matrixSuites = [...shownSuites, "configurations", "versions"]
    .filter((suite) => bySuite.has(suite))
    .map((suite) => ({ suite, record: bySuite.get(suite)! }));
  const fidelity = buildFidelityMatrix(matrixSuites);
  const choices = buildChoicesModel(
    bySuite.get("configurations") ?? null,
    bySuite.get("versions") ?? null,
  );
  const history = buildHistoryModel(trends.history, trends.window, shownSuites);
  const newestMeasured =
    matrixSuites.map((s) => s.record).sort((a, b) =>
      a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0
    )[0] ?? null;
  const comparisonModel = comparison === null ? null : buildComparisonModel(
    { ...comparison, path: displayPath(comparison.path, listing.dir) },
    newestMeasured?.runId ?? null,
  );
  const overview = shownSuites.length === 0 ? null : buildOverviewModel(
    bySuite.get(shownSuites[0])!,
    shownSuites[0],
    trends.window,
    comparison === null
      ? ""
      : `Last stored comparison: ${comparison.result.summary.status} — ${comparison.result.summary.line}.`,
  );
  const fingerprint = newestMeasured === null
    ? null
    : buildFingerprintModel(newestMeasured, matrixSuites);

  const measured = records.filter((r) => r.source !== "legacy").length;
  const newest = records.reduce(
    (m, r) => (r.startedAt > m ? r.startedAt : m),
    records[0].startedAt,
  );
  const oldest = records.reduce(
    (m, r) => (r.startedAt < m ? r.startedAt : m),
    records[0].startedAt,
  );
  const notices: string[] = [];
  if (measured === 0) {
    notices.push(
      "No run measured by datason-bench yet: only imported (legacy) history is shown. Run " +
        "`datason-bench run` for latest results, fidelity and configuration tables.",
    );
  }
  if (now !== undefined) {
    const ageDays = (now.getTime() - Date.parse(newest)) / 86_400_000;
    if (ageDays > STALE_DAYS) {
      notices.push(
        `The newest run is ${Math.floor(ageDays)} days old (${newest.slice(0, 10)}): the weekly ` +
          "benchmark may have stopped — check the weekly workflow.",
      );
    }
  }

  const nav: NavItem[] = [];
  if (problems.length > 0) nav.push({ id: "problems", label: "Problems" });
  if (overview) nav.push({ id: "overview", label: "At a glance" });
  for (const l of latest) {
    nav.push({
      id: l.anchor,
      label: l.suite === "competitive" ? "Latest results" : `Suite ${l.suite}`,
    });
  }
  if (fidelity) nav.push({ id: "fidelity", label: "Fidelity" });
  if (choices) nav.push({ id: "choices", label: "Configurations & versions" });
  if (history) nav.push({ id: "history", label: "History" });
  if (comparisonModel) nav.push({ id: "comparison", label: "Last comparison" });
  if (fingerprint) nav.push({ id: "fingerprint", label: "Fingerprint" });

  return {
    ...base,
    subtitle: `${records.length} run${records.length === 1 ? "" : "s"} (${measured} measured, ${
      records.length - measured
    } imported) from ${oldest.slice(0, 10)} to ${newest.slice(0, 10)}`,
    notices,
    nav,
    empty: null,
    overview,
    latest,
    fidelity,
    choices,
    history,
    comparison: comparisonModel,
    fingerprint,
  };
}
