/**
 * The files `datason-bench init` writes into a repository: a starter config (with a local copy of
 * the schema so editors complete it offline) and the workflows that call this tool — the PR check
 * through the reusable workflow, the comment poster (it must live in the calling repository,
 * because `workflow_run` only fires there), and the weekly run with its Pages deployment.
 */

import schema from "../../datason-bench.schema.json" with { type: "json" };
import commentTemplate from "../../templates/init/comment_workflow.yml.eta" with { type: "text" };
import configTemplate from "../../templates/init/datason-bench.json.eta" with { type: "text" };
import prTemplate from "../../templates/init/pr_workflow.yml.eta" with { type: "text" };
import weeklyTemplate from "../../templates/init/weekly_workflow.yml.eta" with { type: "text" };
import { markdownEta, renderTemplate } from "../report/eta.ts";

export interface StarterOptions {
  /** Repository of datason-bench, `owner/name`. */
  toolRepository: string;
  /** Tag or commit of datason-bench the workflows use. */
  toolRef: string;
  /** Title of the report site. */
  title: string;
  /** Also write the weekly workflow. */
  weekly: boolean;
}

export interface StarterFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  content: string;
}

export const PR_WORKFLOW_NAME = "datason-bench PR";

export function starterFiles(options: StarterOptions): StarterFile[] {
  const model = { ...options, prWorkflowName: PR_WORKFLOW_NAME };
  const files: StarterFile[] = [
    {
      path: "datason-bench.json",
      content: renderTemplate(markdownEta, configTemplate, { title: jsonString(options.title) }),
    },
    { path: "datason-bench.schema.json", content: `${JSON.stringify(schema, null, 2)}\n` },
    {
      path: ".github/workflows/datason-bench-pr.yml",
      content: renderTemplate(markdownEta, prTemplate, model),
    },
    {
      path: ".github/workflows/datason-bench-comment.yml",
      content: renderTemplate(markdownEta, commentTemplate, model),
    },
  ];
  if (options.weekly) {
    files.push({
      path: ".github/workflows/datason-bench-weekly.yml",
      content: renderTemplate(markdownEta, weeklyTemplate, model),
    });
  }
  return files;
}

/** The comment poster for a PR workflow of the given name (this repository uses it too). */
export function commentWorkflow(prWorkflowName: string): string {
  return renderTemplate(markdownEta, commentTemplate, { prWorkflowName });
}

/** The inside of a JSON string literal (quotes and backslashes escaped). */
function jsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
