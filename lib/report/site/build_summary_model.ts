/**
 * The Markdown summary (`report --format markdown`, `site/summary.md`): for `$GITHUB_STEP_SUMMARY`
 * and a README section. Headline ratios per scenario and tier (DataSON's default target against
 * json and against the fastest competitor whose fidelity is at least DataSON's, both operations,
 * ratios only where the fidelities compare: lib/regression/speed_ratio.ts), fidelity problems, the trend
 * findings of the window and the last comparison's status. Every untrusted string (targets,
 * scenarios, versions, messages) goes through `escapeMarkdown()`.
 */

import type { MeasuredRunRecord } from "../../results/run_record.ts";
import { formatChange, formatNs } from "../../_common/format.ts";
import { escapeMarkdown } from "../markdown_escape.ts";
import { foldFidelity } from "./fold_fidelity.ts";
import { compactText, type HeadlineOperation, headlineRatios } from "./headline_ratios.ts";
import { latestSuites, newestRunBySuite } from "./latest_runs.ts";
import { formatTimestamp } from "./run_ref.ts";
import { inSlot, orderScenarios, orderSlots, slotLabel } from "./scenario_order.ts";
import { DATA_TIERS, tierLabel } from "../../_common/vocabulary.ts";
import { isDatasonTarget, referenceTarget } from "./target_roles.ts";
import type { ReportInput } from "./types.ts";

/** Findings listed per direction. */
const MAX_FINDINGS = 5;

export interface SummaryHeadlineRow {
  scenario: string;
  serialize: string;
  serializeVsJson: string;
  serializeVsFastest: string;
  deserialize: string;
  deserializeVsJson: string;
  deserializeVsFastest: string;
}

export interface SummaryModel {
  title: string;
  context: string;
  empty: boolean;
  notices: string[];
  headline: { run: string; reference: string; rows: SummaryHeadlineRow[] } | null;
  fidelity: string[];
  findingsWindow: string;
  findings: string[];
  comparison: string;
  problems: string;
}

function vsText(h: HeadlineOperation, which: "json" | "fastest"): string {
  // Target names may come from a pull request's config: escaped before they enter the text.
  const escape = <O extends { target: string } | null>(o: O): O =>
    o === null ? o : { ...o, target: escapeMarkdown(o.target, 40) };
  return compactText({
    ...h,
    reference: escape(h.reference),
    json: escape(h.json),
    fastest: escape(h.fastest),
    passedOver: h.passedOver.map(escape),
  }, which);
}

function headline(record: MeasuredRunRecord, suite: string) {
  const cells = record.cells.filter((c) => c.suite === suite);
  const reference = referenceTarget([...new Set(cells.map((c) => c.target))]);
  if (reference === null) return null;
  const environment = cells.find((c) => c.target === reference)!.environment;
  const ofEnvironment = cells.filter((c) => c.environment === environment);
  const rows = orderSlots(ofEnvironment).map((slot) => {
    const inScenario = inSlot(ofEnvironment, slot);
    const s = headlineRatios(inScenario, reference, "serialize");
    const d = headlineRatios(inScenario, reference, "deserialize");
    const time = (h: HeadlineOperation) =>
      h.reference.ns === null ? escapeMarkdown(h.reference.status, 40) : formatNs(h.reference.ns);
    return {
      scenario: escapeMarkdown(slotLabel(slot), 80),
      serialize: time(s),
      serializeVsJson: vsText(s, "json"),
      serializeVsFastest: vsText(s, "fastest"),
      deserialize: time(d),
      deserializeVsJson: vsText(d, "json"),
      deserializeVsFastest: vsText(d, "fastest"),
    };
  });
  return {
    run: `run \`${record.runId.slice(0, 12)}\`, ${formatTimestamp(record.startedAt)}, profile ${
      escapeMarkdown(record.config.profile, 40)
    } (${record.config.measure.processes} processes)${
      record.complete ? "" : "; the run stopped early, so some cells were not measured"
    }`,
    reference: escapeMarkdown(reference, 40),
    rows,
  };
}

/**
 * DataSON's targets that do not round-trip exactly, and a line per competitor that fails, per tier
 * when the suite measured more than one.
 */
function fidelityLines(record: MeasuredRunRecord, suite: string): string[] {
  const cells = record.cells.filter((c) => c.suite === suite && c.target !== "noop");
  const targets = [...new Set(cells.map((c) => c.target))];
  const tiers = DATA_TIERS.filter((tier) => cells.some((c) => c.tier === tier));
  const lines: string[] = [];
  for (const tier of tiers) {
    const inTier = cells.filter((c) => c.tier === tier);
    const suffix = tiers.length > 1 ? ` (${tierLabel(tier)})` : "";
    const competitorParts: string[] = [];
    for (const target of targets) {
      const byVerdict = new Map<string, string[]>();
      const scenarios = orderScenarios(
        inTier.filter((c) => c.target === target).map((c) => c.scenario),
      );
      for (const scenario of scenarios) {
        const find = (operation: string) =>
          inTier.find((c) =>
            c.target === target && c.scenario === scenario && c.operation === operation
          );
        const verdict = foldFidelity(find("serialize"), find("deserialize"))?.verdict ??
          "unknown";
        // Not a fidelity problem: the run stopped before the cell (the context line says so).
        if (verdict === "exact" || verdict === "not measured") continue;
        byVerdict.set(verdict, [...(byVerdict.get(verdict) ?? []), escapeMarkdown(scenario, 60)]);
      }
      if (byVerdict.size === 0) continue;
      const parts = [...byVerdict].map(([verdict, list]) =>
        `${verdict} on ${
          list.length === scenarios.length ? `all ${list.length} scenarios` : list.join(", ")
        }`
      );
      if (isDatasonTarget(target)) {
        lines.push(`**${escapeMarkdown(target, 60)}**${suffix}: ${parts.join("; ")}`);
      } else {
        competitorParts.push(`${escapeMarkdown(target, 60)} ${parts.join(", ")}`);
      }
    }
    if (competitorParts.length > 0) {
      lines.push(`Competitors${suffix}: ${competitorParts.join("; ")}`);
    }
  }
  return lines;
}

export function buildSummaryModel(input: ReportInput): SummaryModel {
  const records = input.listing.records.map((r) => r.record);
  const title = escapeMarkdown(input.title, 120);
  const problems = input.listing.problems.length + (input.comparisonProblems?.length ?? 0);
  const problemText = problems === 0
    ? ""
    : `${problems} result file(s) could not be read and were skipped (\`datason-bench check\` ` +
      "lists them).";
  if (records.length === 0) {
    return {
      title,
      context: "No runs yet: create results with `datason-bench generate`, `datason-bench run` " +
        "(or `datason-bench import OLD_DIR`), then run `datason-bench report` again.",
      empty: true,
      notices: [],
      headline: null,
      fidelity: [],
      findingsWindow: "",
      findings: [],
      comparison: "",
      problems: problemText,
    };
  }
  const bySuite = newestRunBySuite(records);
  const suite = latestSuites(bySuite)[0];
  const record = suite === undefined ? null : bySuite.get(suite)!;
  const measured = records.filter((r) => r.source !== "legacy").length;
  const window = input.trends.window;
  const finding = (f: typeof window.findings.regressions[number]) =>
    `${f.kind === "regression" ? "🔴" : "🟢"} ${f.date.slice(0, 10)} **${
      formatChange(f.change)
    }** ${escapeMarkdown(f.label, 120)} \\[${escapeMarkdown(f.suite, 40)}\\]${
      f.source === "legacy" ? " (imported, per call)" : ""
    }${f.attribution ? ` — ${escapeMarkdown(f.attribution.summary, 160)}` : ""}`;
  const comparison = input.comparison?.result;
  return {
    title,
    context: `${records.length} run${records.length === 1 ? "" : "s"} (${measured} measured, ${
      records.length - measured
    } imported), ${records[0].startedAt.slice(0, 10)} → ${
      records[records.length - 1].startedAt.slice(0, 10)
    }`,
    empty: false,
    notices: measured === 0 ? ["No run measured by datason-bench yet: only imported history."] : [],
    headline: record === null ? null : headline(record, suite!),
    fidelity: record === null ? [] : fidelityLines(record, suite!),
    findingsWindow: window.window.days === null
      ? "whole history"
      : `last ${window.window.days} days`,
    findings: [
      ...window.findings.regressions.slice(0, MAX_FINDINGS).map(finding),
      ...window.findings.improvements.slice(0, MAX_FINDINGS).map(finding),
    ],
    comparison: comparison === undefined
      ? ""
      : `**${comparison.summary.status}** — ${
        escapeMarkdown(comparison.summary.line, 300)
      } (run \`${comparison.current.runId.slice(0, 12)}\` vs \`${
        comparison.baseline.runId.slice(0, 12)
      }\`)`,
    problems: problemText,
  };
}
