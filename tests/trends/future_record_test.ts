/**
 * A stored run dated in the future (a machine with a wrong clock) must not hide the history: it is
 * skipped and named on stderr, and the window ends at the newest plausible run.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { saveRunRecord } from "../../lib/results/store.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";
import { fixtureRunRecord } from "../helpers/run_record_fixture.ts";

Deno.test("trends skips a run dated in the future, says so on stderr, and keeps the history", async () => {
  await using dir = await tempDir();
  const results = join(dir.path, "results");
  for (let week = 0; week < 6; week++) {
    const startedAt = new Date(Date.UTC(2026, 8, 7 + 7 * week, 2)).toISOString();
    await saveRunRecord(results, fixtureRunRecord({ startedAt, finishedAt: startedAt }));
  }
  await saveRunRecord(
    results,
    fixtureRunRecord({
      startedAt: "2099-01-01T02:00:00.000Z",
      finishedAt: "2099-01-01T02:20:00.000Z",
    }),
  );
  for (const days of ["90", "all"]) {
    const result = await runCliProcess(
      ["trends", "--results", "results", "--days", days, "--json"],
      {
        cwd: dir.path,
      },
    );
    assert.equal(result.code, 0, result.stderr);
    const trends = JSON.parse(result.stdout);
    assert.equal(trends.counts.runs, 6, `--days ${days}`);
    assert.equal(trends.window.to, "2026-10-12T02:00:00.000Z");
    assert.match(
      result.stderr,
      /skipped results[\\/]2099-01-01[\\/][0-9a-f]{64}\.json \(future-date\): startedAt 2099-01-01T02:00:00\.000Z lies in the future/,
    );
  }
  const check = await runCliProcess(["check", "--results", "results"], { cwd: dir.path });
  assert.equal(check.code, 2, check.stdout);
  assert.match(check.stdout, /future-date/);
});
