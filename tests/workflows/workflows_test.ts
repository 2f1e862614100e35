import assert from "node:assert/strict";
import { join } from "node:path";
import { actionlint } from "../helpers/actionlint.ts";
import { REPO_ROOT } from "../helpers/run_cli.ts";

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
  assert.doesNotMatch(poster, /actions\/checkout/, "the poster never checks out PR code");
  assert.match(poster, /pull-requests: write/);
});

Deno.test("the weekly workflow runs Monday 02:00 UTC, commits only to bench-data and deploys Pages", async () => {
  const weekly = await Deno.readTextFile(join(WORKFLOWS, "weekly.yml"));
  assert.match(weekly, /cron: "0 2 \* \* 1"/);
  assert.match(weekly, /workflow_dispatch:/);
  assert.match(weekly, /git push origin HEAD:bench-data/);
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
