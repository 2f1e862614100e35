/**
 * The workflows `init` writes pin datason-bench by commit SHA, with the version as a comment: a tag
 * or a branch can be moved to other code after the workflows were reviewed.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { VERSION } from "../../lib/_common/version.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const WORKFLOWS = [
  ".github/workflows/datason-bench-pr.yml",
  ".github/workflows/datason-bench-comment.yml",
  ".github/workflows/datason-bench-weekly.yml",
];

Deno.test("init pins every use of datason-bench by commit SHA, with the version as a comment", async () => {
  await using dir = await tempDir();
  const result = await runCliProcess(["init", "--tool-ref", SHA, "--json"], { cwd: dir.path });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).toolRefIsCommit, true);
  let pins = 0;
  for (const file of WORKFLOWS) {
    const text = await Deno.readTextFile(join(dir.path, file));
    for (
      const line of text.split("\n").filter((l) =>
        /datason-bench\/\.github|tool-ref:|ref: /.test(l)
      )
    ) {
      assert.match(line, new RegExp(`(@|: )${SHA} # v${VERSION}$`), `${file}: ${line}`);
      pins++;
    }
  }
  assert.equal(pins, 5, "pr: uses + tool-ref; weekly: uses + tool-ref; poster: its checkout");
});

Deno.test("init refuses a tag or branch as --tool-ref; a build without a commit says so", async () => {
  await using dir = await tempDir();
  const tag = await runCliProcess(["init", "--tool-ref", "v9.9.9"], { cwd: dir.path });
  assert.equal(tag.code, 2);
  assert.match(
    tag.stderr,
    /--tool-ref must be a full commit SHA \(40 hex digits\), not "v9\.9\.9"/,
  );
  assert.match(
    tag.stderr,
    /git ls-remote https:\/\/github\.com\/datason\/datason-bench refs\/tags\//,
  );
  await assert.rejects(() => Deno.stat(join(dir.path, ".github")));

  // Run from a checkout, the tool carries no commit (BUILD_COMMIT is null).
  const none = await runCliProcess(["init"], { cwd: dir.path });
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stderr, /carries no commit SHA .* pin the tag v\d/s);
  const pr = await Deno.readTextFile(join(dir.path, ".github/workflows/datason-bench-pr.yml"));
  assert.match(
    pr,
    new RegExp(
      `pr-performance\\.yml@v${VERSION} # not a commit SHA: this datason-bench build has none`,
    ),
  );
});
