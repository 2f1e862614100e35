/** `datason-bench init [DIR]`: a starter config and the workflows that call this tool. */

import { dirname, join, resolve } from "node:path";
import { defineCommand } from "../cli/command.ts";
import { UsageError } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { starterFiles } from "../init/starter_files.ts";
import { toolPin, toolRefProblem } from "../init/tool_pin.ts";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import { VERSION } from "../_common/version.ts";
import { BUILD_COMMIT } from "../_common/build_info.ts";

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export const initCommand = defineCommand({
  name: "init",
  summary: "Write a starter config and the GitHub workflows that call datason-bench",
  description:
    "Writes datason-bench.json (+ its schema), .github/workflows/datason-bench-pr.yml (the PR check\n" +
    "through this tool's reusable workflow), datason-bench-comment.yml (posts the PR comment; it must\n" +
    "live in your repository) and datason-bench-weekly.yml (weekly run + GitHub Pages). Existing\n" +
    "files are never overwritten without --force: then nothing is written at all. The workflows pin\n" +
    "datason-bench by commit SHA with its version as a comment (`@<sha> # v1.2.3`): --tool-ref, or\n" +
    "the commit of this build; a build without one pins the version tag and says so.",
  flags: {
    force: { type: "boolean", description: "Overwrite existing files" },
    "tool-repo": {
      type: "string",
      valueName: "OWNER/NAME",
      description: "Repository of datason-bench the workflows call (default datason/datason-bench)",
    },
    "tool-ref": {
      type: "string",
      valueName: "SHA",
      description: "Commit of datason-bench to pin, 40 hex digits (default: the commit this " +
        "build was made from)",
    },
    title: { type: "string", valueName: "TEXT", description: "Title of the report site" },
    "no-weekly": { type: "boolean", description: "Do not write the weekly workflow" },
  },
  positionals: [{
    name: "DIR",
    description: "Repository folder (default: the current folder)",
    optional: true,
  }],
  formats: ["text", "json"],
  examples: [
    "datason-bench init",
    "datason-bench init ../datason --tool-ref 0123456789abcdef0123456789abcdef01234567",
  ],
  async run(ctx) {
    const dir = resolve(ctx.io.cwd, ctx.positionals[0] ?? ".");
    const toolRepository = ctx.flags["tool-repo"] ??
      "datason/datason-bench";
    if (!REPOSITORY.test(toolRepository)) {
      throw new UsageError(`--tool-repo must look like owner/name (got "${toolRepository}")`);
    }
    const givenRef = ctx.flags["tool-ref"];
    const refProblem = givenRef === undefined ? null : toolRefProblem(givenRef);
    if (refProblem !== null) {
      throw new UsageError(refProblem, {
        hint: `find a release's commit with git ls-remote https://github.com/${toolRepository} ` +
          `refs/tags/v${VERSION}`,
      });
    }
    const pin = toolPin({ ref: givenRef, version: VERSION, buildCommit: BUILD_COMMIT });
    if (pin.warning !== null) ctx.log.warn(pin.warning);
    const toolRef = pin.ref;
    const files = starterFiles({
      toolRepository,
      toolRef,
      toolComment: pin.comment,
      title: ctx.flags.title ?? "DataSON performance",
      weekly: ctx.flags["no-weekly"] !== true,
    });
    const existing: string[] = [];
    for (const file of files) {
      if (await Deno.stat(join(dir, file.path)).then(() => true, () => false)) {
        existing.push(file.path);
      }
    }
    if (existing.length > 0 && ctx.flags.force !== true) {
      throw new UsageError(
        `init: ${existing.length} file(s) already exist in ${dir}: ${existing.join(", ")}`,
        {
          hint: "nothing was written; pass --force to overwrite them",
        },
      );
    }
    for (const file of files) {
      const path = join(dir, file.path);
      await Deno.mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, file.content);
    }
    const nextSteps = [
      "Review datason-bench.json (it only sets what differs from the defaults; the schema documents every field).",
      "Commit the files and open a pull request: the 'datason-bench PR' check benchmarks its base against its head.",
      "Enable GitHub Pages with 'GitHub Actions' as the source (Settings → Pages → Build and deployment).",
      "Run the weekly workflow once by hand (Actions → datason-bench weekly → Run workflow) to create the bench-data branch.",
    ];
    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, {
        schema: "datason-bench/init@1",
        dir,
        overwritten: existing,
        files: files.map((f) => f.path),
        toolRepository,
        toolRef,
        toolRefIsCommit: pin.warning === null,
        nextSteps,
      });
    } else {
      ctx.io.stdout(
        [
          `wrote ${files.length} file(s) in ${dir}:`,
          ...files.map((f) => `  ${f.path}${existing.includes(f.path) ? " (overwritten)" : ""}`),
          "",
          "next steps:",
          ...nextSteps.map((s, i) => `  ${i + 1}. ${s}`),
          "",
        ].join("\n"),
      );
    }
    return 0;
  },
});
