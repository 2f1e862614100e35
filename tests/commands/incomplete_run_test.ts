/**
 * A run stopped by --max-minutes: cells it never reached are `skipped` (not failed), the record
 * says it is an incomplete run and compare says so instead of calling those cells broken; the
 * printed resume command works as printed (with --config) and its record replaces the incomplete
 * one, so trends and report count the run once.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { parseRunRecord } from "../../lib/results/parse_run_record.ts";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";
import { printedResume, recordFiles, workspace } from "./stopped_run_fixtures.ts";

Deno.test("a run stopped by --max-minutes is an incomplete run with skipped cells, and resuming it leaves one record", async () => {
  await using dir = await tempDir();
  await workspace(dir.path);
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCliProcess(["--config", "conf/c.json", ...args], { cwd: dir.path, env });

  const baseline = await cli(["run", "--profile", "tiny", "--json"]);
  assert.equal(baseline.code, 0, baseline.stderr);
  const complete = parseRunRecord(JSON.parse(baseline.stdout), "stdout") as MeasuredRunRecord;
  assert.equal(complete.complete, true);

  // The slow first call outlasts the time limit: the run stops after that cell.
  const stopped = await cli(["run", "--profile", "tiny", "--max-minutes", "0.03", "--json"], {
    SLOW_FIRST: "4",
  });
  const partial = parseRunRecord(JSON.parse(stopped.stdout), "stdout") as MeasuredRunRecord;
  assert.equal(partial.complete, false);
  const notReached = partial.cells.filter((c) => c.error?.type === "NotMeasured");
  assert.ok(notReached.length > 0, "some cells were never reached");
  for (const cell of notReached) {
    assert.equal(cell.status, "skipped", `${cell.target}/${cell.operation}`);
    assert.match(cell.error!.message, /run stopped at its time limit \(--max-minutes\)/);
  }
  assert.ok(!partial.cells.some((c) => c.status === "error"), "no cell is an error");
  assert.match(partial.incomplete?.note ?? "", /^incomplete run: it stopped at its time limit/);
  assert.equal(partial.incomplete?.cellsNotReached, notReached.length);
  assert.match(stopped.stderr, /the record is marked incomplete/);

  const baselineFile = (await recordFiles(dir.path)).find((p) => p.includes(complete.runId))!;
  const partialFile = (await recordFiles(dir.path)).find((p) => p.includes(partial.runId))!;
  const compared = await cli(["compare", "--baseline", baselineFile, "--current", partialFile]);
  assert.equal(compared.code, 0, compared.stdout + compared.stderr);
  assert.match(compared.stdout, /incomplete run: the current run \([0-9a-f]{12}\) stopped/);
  assert.match(compared.stderr, /warn.*incomplete run/);
  const json = await cli([
    "compare",
    "--baseline",
    baselineFile,
    "--current",
    partialFile,
    "--json",
  ]);
  const result = JSON.parse(json.stdout);
  assert.equal(result.summary.counts.broken, 0);
  assert.equal(
    result.environmentNotes.some((n: { kind: string }) => n.kind === "incomplete"),
    true,
  );

  // The printed command works as printed: it names the config the run started with.
  const resumeArgs = printedResume(stopped.stderr);
  assert.ok(resumeArgs.includes("--config"), resumeArgs.join(" "));
  const resumed = await runCliProcess([...resumeArgs, "--json"], { cwd: dir.path });
  assert.equal(resumed.code, 0, resumed.stderr);
  const finished = parseRunRecord(JSON.parse(resumed.stdout), "stdout") as MeasuredRunRecord;
  assert.equal(finished.complete, true);
  assert.equal(finished.startedAt, partial.startedAt);
  assert.deepEqual(finished.supersedes, [partial.runId]);

  const files = await recordFiles(dir.path);
  assert.equal(files.length, 2, files.join("\n"));
  assert.ok(!files.some((p) => p.includes(partial.runId)), "the incomplete record is replaced");
  const trends = await cli(["trends", "--days", "all", "--json"]);
  assert.equal(trends.code, 0, trends.stderr);
  assert.equal(JSON.parse(trends.stdout).counts.runs, 2);

  // A copy of the incomplete record elsewhere in the store does not count the run twice either.
  await Deno.writeTextFile(
    join(dir.path, "results", "copy-of-partial.json"),
    stopped.stdout,
  );
  const again = await cli(["trends", "--days", "all", "--json"]);
  assert.equal(JSON.parse(again.stdout).counts.runs, 2);
  const report = await cli(["report", "--out", "site", "--json"]);
  assert.equal(report.code, 0, report.stderr);
  assert.equal(JSON.parse(report.stdout).runs, 2);
});
