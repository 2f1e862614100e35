/** Rendering and exporting: Eta instances, Markdown escaping, comparison outputs, exporters. */

export { htmlEta, markdownEta, renderTemplate } from "./eta.ts";
export { escapeMarkdown } from "./markdown_escape.ts";
export {
  formatBytes,
  formatChange,
  formatCi,
  formatCount,
  formatNs,
  formatPercent,
  formatPValue,
  formatRatio,
  formatThroughput,
} from "../_common/format.ts";
export { formatCompareText } from "./format_compare_text.ts";
export {
  buildPrCommentModel,
  PR_COMMENT_MARKER,
  type PrCommentModel,
  type PrCommentRow,
  type PrCommentSection,
} from "./pr_comment_model.ts";
export {
  PR_COMMENT_LIMIT,
  renderPrComment,
  type RenderPrCommentOptions,
  renderStepSummary,
  STEP_SUMMARY_LIMIT_BYTES,
} from "./render_pr_comment.ts";
export { benchmarkName, type Bmf, type BmfMetric, exportBmf } from "./export_bmf.ts";
export { exportGab, type GabEntry } from "./export_gab.ts";
