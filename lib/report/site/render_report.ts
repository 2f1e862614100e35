/**
 * Rendering of the site (`templates/report.html.eta` with the stylesheet `templates/report.css`
 * inlined) and of its Markdown summary (`templates/report_summary.md.eta`).
 */

import css from "../../../templates/report.css" with { type: "text" };
import htmlTemplate from "../../../templates/report.html.eta" with { type: "text" };
import summaryTemplate from "../../../templates/report_summary.md.eta" with { type: "text" };
import { htmlEta, markdownEta, renderTemplate } from "../eta.ts";
import type { SummaryModel } from "./build_summary_model.ts";
import type { ReportModel } from "./types.ts";

export function renderReportHtml(model: ReportModel): string {
  return renderTemplate(htmlEta, htmlTemplate, { ...model, css });
}

export function renderReportSummary(model: SummaryModel): string {
  return renderTemplate(markdownEta, summaryTemplate, model);
}
