import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../../lib/_common/errors.ts";
import { readBaselinePointer, writeBaselinePointer } from "../../lib/results/baseline_pointer.ts";
import { resolveRun } from "../../lib/results/resolve_run.ts";
import { saveRunRecord } from "../../lib/results/store.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";

const older = makeRunRecord({
  rounds: 3,
  sigma: 0.02,
  label: "older",
  startedAt: "2025-03-01T10:00:00.000Z",
  cells: [{ target: "datason" }],
});
const newer = makeRunRecord({
  rounds: 3,
  sigma: 0.02,
  label: "newer",
  startedAt: "2025-03-05T10:00:00.000Z",
  cells: [{ target: "datason" }],
});

Deno.test("resolveRun() takes a folder's newest run by startedAt, not by file time", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // Written second, so the older run has the newer modification time.
    const newerPath = join(dir, "b.json");
    await Deno.writeTextFile(newerPath, JSON.stringify(newer));
    await Deno.writeTextFile(join(dir, "a.json"), JSON.stringify(older));
    await Deno.utime(newerPath, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const resolved = await resolveRun(dir, { cwd: dir, resultsDir: dir, what: "--baseline" });
    assert.equal(resolved.how, "folder");
    assert.equal(resolved.record.runId, newer.runId);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("resolveRun() follows baseline pointers and run ids into the results folder", async () => {
  const dir = await Deno.makeTempDir();
  const resultsDir = join(dir, "results");
  const baselinesDir = join(dir, "baselines");
  try {
    await saveRunRecord(resultsDir, older);
    await saveRunRecord(resultsDir, newer);
    const { path } = await writeBaselinePointer(baselinesDir, "main", older, new Date(0));
    assert.equal((await readBaselinePointer(path)).runId, older.runId);
    const options = { cwd: dir, resultsDir, baselinesDir, what: "--baseline" };
    const byName = await resolveRun("main", options);
    assert.equal(byName.how, "pointer");
    assert.equal(byName.record.runId, older.runId);
    const byId = await resolveRun(newer.runId.slice(0, 10), options);
    assert.equal(byId.how, "run-id");
    assert.equal(byId.record.runId, newer.runId);
    await assert.rejects(
      () => resolveRun("release", options),
      (e: unknown) => e instanceof InputError && /no baseline pointer/.test(e.message),
    );
    await assert.rejects(
      () => writeBaselinePointer(baselinesDir, "../escape", older, new Date(0)),
      InputError,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
