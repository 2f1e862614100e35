import assert from "node:assert/strict";
import { join } from "node:path";
import { VERSION } from "../../lib/_common/version.ts";
import { commentWorkflow, OWN_POSTER_TOOL } from "../../lib/init/starter_files.ts";
import { toolPin } from "../../lib/init/tool_pin.ts";
import { actionlint } from "../helpers/actionlint.ts";
import { REPO_ROOT, runCliProcess, tempDir } from "../helpers/run_cli.ts";

const FILES = [
  "datason-bench.json",
  "datason-bench.schema.json",
  ".github/workflows/datason-bench-pr.yml",
  ".github/workflows/datason-bench-comment.yml",
  ".github/workflows/datason-bench-weekly.yml",
];

const SHA = "0123456789abcdef0123456789abcdef01234567";

Deno.test("init writes a starter config and workflows that actionlint accepts", async () => {
  await using dir = await tempDir();
  const result = await runCliProcess(["init", "repo", "--tool-ref", SHA], { cwd: dir.path });
  assert.equal(result.code, 0, result.stderr);
  for (const file of FILES) assert.match(result.stdout, new RegExp(file.replaceAll(".", "\\.")));
  assert.match(result.stdout, /GitHub Pages with 'GitHub Actions' as the source/);
  const repo = join(dir.path, "repo");
  const lint = await actionlint(FILES.filter((f) => f.endsWith(".yml")), repo);
  assert.equal(lint.code, 0, lint.output);
  const pr = await Deno.readTextFile(join(repo, ".github/workflows/datason-bench-pr.yml"));
  assert.match(
    pr,
    new RegExp(
      `uses: datason/datason-bench/\\.github/workflows/pr-performance\\.yml@${SHA} # v${VERSION}\n`,
    ),
  );
  const poster = await Deno.readTextFile(join(repo, ".github/workflows/datason-bench-comment.yml"));
  assert.match(
    poster,
    /workflows: \[datason-bench PR\]/,
    "the poster listens to the PR workflow by its name",
  );
  const check = await runCliProcess(["check"], { cwd: repo });
  assert.equal(check.code, 0, `the starter config is valid: ${check.stdout}${check.stderr}`);
});

Deno.test("init never overwrites without --force, and then writes nothing at all", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(join(dir.path, "datason-bench.json"), "{}");
  const refused = await runCliProcess(["init"], { cwd: dir.path });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /1 file\(s\) already exist.*datason-bench\.json/);
  assert.match(refused.stderr, /pass --force/);
  assert.equal(await Deno.readTextFile(join(dir.path, "datason-bench.json")), "{}");
  await assert.rejects(() => Deno.stat(join(dir.path, ".github")));
  const forced = await runCliProcess(["init", "--force", "--json"], { cwd: dir.path });
  assert.equal(forced.code, 0, forced.stderr);
  const doc = JSON.parse(forced.stdout);
  assert.equal(doc.schema, "datason-bench/init@1");
  assert.deepEqual(doc.overwritten, ["datason-bench.json"]);
});

Deno.test("this repository's comment poster is the same template init writes", async () => {
  const ours = await Deno.readTextFile(join(REPO_ROOT, ".github/workflows/pr-comment.yml"));
  assert.equal(ours, commentWorkflow("pr-performance", OWN_POSTER_TOOL));
});

Deno.test("toolPin() pins the build's commit, with its version as the comment", () => {
  assert.deepEqual(toolPin({ version: "1.2.3", buildCommit: SHA }), {
    ref: SHA,
    comment: " # v1.2.3",
    warning: null,
  });
  assert.equal(
    toolPin({ ref: "f".repeat(40), version: "1.2.3", buildCommit: SHA }).ref,
    "f".repeat(40),
  );
});
