import assert from "node:assert/strict";
import { listRunRecords } from "../../lib/results/store.ts";
import { writeMixedResults } from "../helpers/mixed_results.ts";
import { tempDir } from "../helpers/run_cli.ts";

Deno.test("listRunRecords() uses every good file and reports each bad one with its reason", async () => {
  await using dir = await tempDir();
  await writeMixedResults(dir.path);
  const listing = await listRunRecords(dir.path);
  assert.equal(listing.records.length, 2);
  assert.deepEqual(
    listing.records.map((r) => r.record.startedAt),
    ["2026-11-16T02:00:00.000Z", "2026-11-23T02:00:00.000Z"],
    "sorted by startedAt",
  );
  const byFile = Object.fromEntries(listing.problems.map((p) => [p.path.split("/").pop(), p]));
  assert.deepEqual(Object.keys(byFile).sort(), [
    "binary.json",
    "empty.json",
    "future.json",
    "truncated.json",
  ]);
  assert.match(byFile["truncated.json"].reason, /malformed JSON/);
  assert.match(byFile["empty.json"].reason, /the file is empty/);
  assert.equal(byFile["future.json"].kind, "future-schema");
  assert.match(byFile["binary.json"].reason, /binary content/);
  assert.deepEqual(listing.others.map((o) => o.schema), ["datason-bench/compare@1"]);
});

Deno.test("listRunRecords() of a missing folder is empty, not an error", async () => {
  const listing = await listRunRecords("/nonexistent/datason-bench/results");
  assert.deepEqual([listing.records, listing.problems], [[], []]);
});
