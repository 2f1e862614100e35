/**
 * check, trends and report treat a missing results folder alike: the config's folder not made yet
 * is an empty history (exit 0, said on stderr or in the report); a folder named with --results
 * that does not exist is an input error (exit 2) naming it.
 */

import assert from "node:assert/strict";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";

Deno.test("check, trends and report agree: a missing config results folder is empty, a missing --results is exit 2", async () => {
  await using dir = await tempDir();
  const check = await runCliProcess(["check"], { cwd: dir.path });
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /results: ok {2}data[\\/]results does not exist yet: no runs stored/);
  const trends = await runCliProcess(["trends", "--json"], { cwd: dir.path });
  assert.equal(trends.code, 0, trends.stderr);
  assert.equal(JSON.parse(trends.stdout).counts.runs, 0);
  assert.match(trends.stderr, /no results folder at data[\\/]results yet/);
  const report = await runCliProcess(["report", "--format", "markdown"], { cwd: dir.path });
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stderr, /no results folder at data[\\/]results yet/);

  for (const command of ["check", "trends", "report"]) {
    const result = await runCliProcess([command, "--results", "nowhere"], { cwd: dir.path });
    assert.equal(result.code, 2, `${command}: ${result.stdout}${result.stderr}`);
    assert.match(
      result.stdout + result.stderr,
      /cannot read results folder ".*nowhere": no such folder/,
      command,
    );
  }
});
