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
  /** Commit of datason-bench the workflows use (`toolPin()`). */
  toolRef: string;
  /** The comment after each pin, with its leading ` # ` (the version). */
  toolComment: string;
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

/** Where the comment poster gets the datason-bench that renders the comment. */
export interface PosterTool {
  repository: string;
  ref: string;
  /** Comment after the ref (with its leading ` # `), or "". */
  refComment: string;
  /** Why this checkout is trusted, in the step's name. */
  note: string;
}

/** This repository's own poster: the tool of its default branch's newest commit. */
export const OWN_POSTER_TOOL: PosterTool = {
  repository: "${{ github.repository }}",
  ref: "${{ github.sha }}",
  refComment: "",
  note: "the default branch's newest commit, never the pull request's",
};

export function starterFiles(options: StarterOptions): StarterFile[] {
  const tool: PosterTool = {
    repository: options.toolRepository,
    ref: options.toolRef,
    refComment: options.toolComment,
    note: "the pinned commit, never the pull request's",
  };
  const model = { ...options, prWorkflowName: PR_WORKFLOW_NAME, tool };
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
      content: commentWorkflow(PR_WORKFLOW_NAME, tool),
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
export function commentWorkflow(prWorkflowName: string, tool: PosterTool): string {
  return renderTemplate(markdownEta, commentTemplate, { prWorkflowName, tool });
}

/** The inside of a JSON string literal (quotes and backslashes escaped). */
function jsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
