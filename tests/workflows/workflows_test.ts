import assert from "node:assert/strict";
import { join } from "node:path";
import { actionlint } from "../helpers/actionlint.ts";
import { REPO_ROOT } from "../helpers/run_cli.ts";
import { starterFiles } from "../../lib/init/starter_files.ts";

const WORKFLOWS = join(REPO_ROOT, ".github", "workflows");

async function workflowFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(WORKFLOWS)) {
    if (entry.name.endsWith(".yml")) files.push(join(WORKFLOWS, entry.name));
  }
  return files.sort();
}

Deno.test("every workflow passes actionlint", async () => {
  const files = await workflowFiles();
  assert.ok(files.length >= 5, `workflows found: ${files}`);
  const result = await actionlint(files, REPO_ROOT);
  assert.equal(result.code, 0, result.output);
});

Deno.test("every action is pinned to a full commit SHA", async () => {
  for (const file of await workflowFiles()) {
    const text = await Deno.readTextFile(file);
    for (const match of text.matchAll(/uses:\s*([^\s#]+)/g)) {
      assert.match(match[1], /@[0-9a-f]{40}$/, `${file}: ${match[1]} is not pinned to a commit`);
    }
  }
});

Deno.test("jobs that run untrusted pull-request code hold no write token", async () => {
  const pr = await Deno.readTextFile(join(WORKFLOWS, "pr-performance.yml"));
  assert.doesNotMatch(pr, /:\s*write/);
  assert.match(pr, /^permissions:\n {2}contents: read$/m);
  const poster = await Deno.readTextFile(join(WORKFLOWS, "pr-comment.yml"));
  assert.match(poster, /workflow_run:/);
  assert.doesNotMatch(poster, /ref: \$\{\{ github\.event/, "the poster never checks out PR code");
  assert.match(poster, /pull-requests: write/);
});

Deno.test("the weekly workflow runs Monday 02:00 UTC, commits only to bench-data and deploys Pages", async () => {
  const weekly = await Deno.readTextFile(join(WORKFLOWS, "weekly.yml"));
  assert.match(weekly, /cron: "0 2 \* \* 1"/);
  assert.match(weekly, /workflow_dispatch:/);
  assert.match(weekly, /push origin HEAD:bench-data/);
  assert.doesNotMatch(weekly, /push origin (HEAD:)?main/);
  assert.doesNotMatch(weekly, /continue-on-error/);
  assert.match(weekly, /pages: write/);
  assert.match(weekly, /id-token: write/);
  assert.match(weekly, /name: github-pages/);
});

Deno.test("the PR gate installs Valgrind before it runs, since the pr profile counts instructions", async () => {
  const pr = await Deno.readTextFile(join(WORKFLOWS, "pr-performance.yml"));
  const install = pr.indexOf("apt-get install -y -q valgrind");
  const gate = pr.indexOf("datason-bench pr ");
  assert.ok(install > 0, "pr-performance.yml does not install valgrind");
  assert.ok(install < gate, "valgrind is installed after the gate runs");
});

/** The `run:` scripts and github-script `script:` blocks of a workflow, with their line numbers. */
function scripts(text: string): { line: number; body: string }[] {
  const lines = text.split("\n");
  const out: { line: number; body: string }[] = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)(?:- )?(run|script):\s*(.*)$/.exec(line);
    if (match === null) return;
    const indent = match[1].length;
    const body = [match[3]];
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j];
      if (next.trim() !== "" && next.length - next.trimStart().length <= indent) break;
      body.push(next);
    }
    out.push({ line: i + 1, body: body.join("\n") });
  });
  return out;
}

Deno.test("no script interpolates an expression: step outputs and event fields go through env", async () => {
  for (const file of [...await workflowFiles(), ...await initWorkflows()]) {
    const text = await Deno.readTextFile(file);
    for (const { line, body } of scripts(text)) {
      for (const match of body.matchAll(/\$\{\{\s*([^}]*?)\s*\}\}/g)) {
        assert.match(
          match[1],
          /^matrix\.[A-Za-z_-]+$/,
          `${file}:${line}: \${{ ${match[1]} }} inside a script; pass it through env:`,
        );
      }
    }
  }
});

Deno.test("the comment poster renders the comment itself from the validated comparison", async () => {
  const poster = await Deno.readTextFile(join(WORKFLOWS, "pr-comment.yml"));
  assert.doesNotMatch(poster, /artifact\/comment\.md/, "never reads the PR job's Markdown");
  assert.match(poster, /readFileSync\("rendered\/comment\.md"/, "posts what render wrote");
  assert.match(poster, /datason-bench compare --from artifact\/comparison\.json --format markdown/);
  // Only cancelled-free, finished gates: success, or failure (a regression); not cancelled.
  assert.match(poster, /github\.event\.workflow_run\.conclusion == 'success'/);
  assert.doesNotMatch(poster, /conclusion == 'cancelled'|conclusion != /);
  // The artifact's size is checked before it is downloaded, and each file's before it is read.
  const sizeCheck = poster.indexOf("size_in_bytes");
  assert.ok(sizeCheck > 0 && sizeCheck < poster.indexOf("actions/download-artifact"));
  assert.ok(poster.indexOf("lstatSync(`artifact/") < poster.indexOf("readFileSync(`artifact/"));
  // Its own bot's comment only.
  assert.match(poster, /const bot = "github-actions\[bot\]"/);
  assert.match(poster, /c\.user\?\.login === bot && c\.user\?\.type === "Bot"/);
});

Deno.test("in the comment poster, only the job that installs nothing holds a write token", async () => {
  const poster = await Deno.readTextFile(join(WORKFLOWS, "pr-comment.yml"));
  const jobs = poster.split(/\n {2}(?=[a-z-]+:\n)/).slice(1);
  const byName = Object.fromEntries(jobs.map((j) => [j.slice(0, j.indexOf(":")), j]));
  assert.deepEqual(Object.keys(byName).sort(), ["post", "render"]);
  assert.doesNotMatch(byName.render, /:\s*write/);
  assert.match(byName.post, /pull-requests: write/);
  assert.doesNotMatch(byName.post, /actions\/checkout|install-datason-bench|^\s*datason-bench /m);
  // The tool that renders is the base repository's, never the pull request's code.
  assert.match(byName.render, /persist-credentials: false/);
  assert.doesNotMatch(byName.render, /head_sha \}\}|head_branch|pull_request\.head/);
});

Deno.test("the weekly publish job persists no token; only the steps that fetch and push get it", async () => {
  const weekly = await Deno.readTextFile(join(WORKFLOWS, "weekly.yml"));
  const publish = weekly.slice(weekly.indexOf("\n  publish:"), weekly.indexOf("\n  deploy:"));
  const steps = publish.split(/\n {6}- /).slice(1);
  const checkouts = steps.filter((s) => s.includes("actions/checkout@"));
  assert.ok(checkouts.length >= 2);
  for (const step of checkouts) assert.match(step, /persist-credentials: false/);
  const withToken = steps.filter((s) => /github\.token|secrets\.GITHUB_TOKEN/.test(s));
  assert.deepEqual(
    withToken.map((s) => /name: ([^\n]+)/.exec(s)?.[1]),
    ["Check out the bench-data branch", "Commit to bench-data (rebase and retry)"],
  );
  const install = steps.findIndex((s) => s.includes("install-datason-bench.sh"));
  assert.ok(install >= 0 && install < steps.indexOf(withToken[0]), "the token comes after install");
});

Deno.test("the release build embeds its commit SHA and checks the binary reports it", async () => {
  const release = await Deno.readTextFile(join(WORKFLOWS, "release.yml"));
  assert.match(release, /DATASON_BENCH_COMMIT: \$\{\{ github\.sha \}\}/);
  assert.match(release, /--version --json \| grep -q "\\"commit\\": \\"\$GITHUB_SHA\\""/);
});

/** The workflows `init` writes, rendered into a temporary folder. */
async function initWorkflows(): Promise<string[]> {
  const dir = await Deno.makeTempDir({ prefix: "datason-bench-init-workflows-" });
  const files = starterFiles({
    toolRepository: "datason/datason-bench",
    toolRef: "0123456789abcdef0123456789abcdef01234567",
    toolComment: " # v0.1.0",
    title: "t",
    weekly: true,
  });
  const out: string[] = [];
  for (const file of files.filter((f) => f.path.endsWith(".yml"))) {
    const path = join(dir, file.path.replaceAll("/", "_"));
    await Deno.writeTextFile(path, file.content);
    out.push(path);
  }
  return out;
}
