/** The static site of `datason-bench report` and its Markdown summary. */

export { buildReportModel, EMPTY_STATE, STALE_DAYS } from "./build_report_model.ts";
export { buildSummaryModel, type SummaryModel } from "./build_summary_model.ts";
export { type NewestComparison, newestComparison } from "./load_comparison.ts";
export { renderReportHtml, renderReportSummary } from "./render_report.ts";
export { reportTrends } from "./report_trends.ts";
export { FIDELITY_RULE, foldFidelity } from "./fold_fidelity.ts";
export { type Candidate, recommend, RECOMMENDATION_RULE } from "./build_recommendations.ts";
export type * from "./types.ts";
export { buildSite, type BuiltSite, type SiteInputs, writeSite } from "./write_site.ts";
