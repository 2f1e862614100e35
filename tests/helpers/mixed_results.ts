import { join } from "node:path";
import { saveRunRecord } from "../../lib/results/store.ts";
import { fixtureRunRecord } from "./run_record_fixture.ts";

/** Writes a results folder with two good runs and one bad file of each kind. */
export async function writeMixedResults(dir: string): Promise<void> {
  const good = fixtureRunRecord();
  await saveRunRecord(dir, good);
  await saveRunRecord(dir, fixtureRunRecord({ startedAt: "2026-11-16T02:00:00.000Z" }));
  const text = JSON.stringify(good);
  await Deno.mkdir(join(dir, "bad"), { recursive: true });
  await Deno.writeTextFile(join(dir, "bad", "truncated.json"), text.slice(0, text.length / 2));
  await Deno.writeTextFile(join(dir, "bad", "empty.json"), "");
  await Deno.writeTextFile(
    join(dir, "bad", "future.json"),
    JSON.stringify({ ...good, schema: "datason-bench/run@2" }),
  );
  await Deno.writeFile(
    join(dir, "bad", "binary.json"),
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
  );
  await Deno.writeTextFile(join(dir, "journal.jsonl"), "not json at all");
  await Deno.mkdir(join(dir, "comparisons"), { recursive: true });
  await Deno.writeTextFile(
    join(dir, "comparisons", "c.json"),
    JSON.stringify({ schema: "datason-bench/compare@1", rows: [] }),
  );
}
