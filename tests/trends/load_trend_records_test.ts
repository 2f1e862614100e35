import assert from "node:assert/strict";
import { join } from "node:path";
import { listRunRecords, saveRunRecord } from "../../lib/results/store.ts";
import { loadTrendRecords } from "../../lib/trends/load_trend_records.ts";
import { measuredRecord, weekly } from "./trend_fixtures.ts";

Deno.test("loadTrendRecords() skips date folders outside the window and reads everything else", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (let week = 0; week < 52; week++) {
      await saveRunRecord(
        dir,
        measuredRecord({
          startedAt: weekly("2025-01-06T23:30:00.000Z", week),
          cells: [{ scenario: "api_fast", target: "datason", value: 1000 + week }],
        }),
      );
    }
    // A run kept outside the date layout is always read.
    const stray = measuredRecord({
      startedAt: "2024-06-01T00:00:00.000Z",
      cells: [{ scenario: "api_fast", target: "datason", value: 5 }],
    });
    await Deno.mkdir(join(dir, "archive"));
    await Deno.writeTextFile(join(dir, "archive", "old.json"), JSON.stringify(stray));

    const all = await listRunRecords(dir);
    assert.equal(all.records.length, 53);
    const window = await loadTrendRecords(dir, 30);
    // Newest folder 2025-12-29 (week 51); folders from 2025-11-27 on: weeks 47–51, plus the stray.
    assert.deepEqual(
      window.records.map((r) => r.record.startedAt.slice(0, 10)),
      ["2024-06-01", "2025-12-01", "2025-12-08", "2025-12-15", "2025-12-22", "2025-12-29"],
    );
    assert.equal((await loadTrendRecords(dir, null)).records.length, 53);
    assert.equal((await loadTrendRecords(join(dir, "missing"), 30)).records.length, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
