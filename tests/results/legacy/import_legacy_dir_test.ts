import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../../../lib/_common/errors.ts";
import { importLegacyDir } from "../../../lib/results/legacy/import_legacy_dir.ts";
import { LEGACY_FIXTURES, SAMPLE_FILES } from "./legacy_fixtures.ts";

async function copySamples(dir: string, names = SAMPLE_FILES): Promise<void> {
  for (const name of names) await Deno.copyFile(join(LEGACY_FIXTURES, name), join(dir, name));
}

Deno.test("importLegacyDir() imports every sample with zero errors and ignores the README", async () => {
  const { report, records } = await importLegacyDir(LEGACY_FIXTURES);
  assert.equal(report.filesRead, 8);
  assert.equal(report.imported.length, 8);
  assert.equal(records.length, 8);
  assert.deepEqual(report.duplicates, []);
  assert.deepEqual(report.unrecognised, []);
  assert.deepEqual(report.unreadable, []);
  assert.deepEqual(report.ignored, [{ file: "README.md", reason: "not a .json file" }]);
  assert.deepEqual(
    report.imported.map((r) => r.format).sort(),
    ["A", "A", "B", "C", "D", "E", "G", "I"],
  );
  const perfect = records.flatMap((r) => r.cells).filter((c) =>
    c.target === "datason_perfect" && c.operation === "deserialize"
  );
  assert.ok(perfect.length > 0 && perfect.every((c) => c.status === "error"));
});

Deno.test("importLegacyDir() is idempotent: same input, same runIds; a second import stores nothing", async () => {
  const first = await importLegacyDir(LEGACY_FIXTURES);
  const second = await importLegacyDir(LEGACY_FIXTURES, { existing: first.records });
  assert.deepEqual(
    second.report.imported.map((r) => r.runId),
    first.report.imported.map((r) => r.runId),
  );
  assert.ok(second.report.imported.every((r) => r.alreadyStored));
  assert.equal(second.records.length, 0);
});

Deno.test("importLegacyDir() keeps one run for copies under other names", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await copySamples(dir);
    const original = "ci_20250617_112444_15705893992_competitive.json";
    // Byte-identical copy (the predecessor re-committed runs under new names).
    await Deno.copyFile(join(dir, original), join(dir, "latest_competitive.json"));
    // Same content, other formatting and key order.
    const doc = JSON.parse(await Deno.readTextFile(join(dir, original)));
    await Deno.writeTextFile(
      join(dir, "zz_reformatted.json"),
      JSON.stringify(Object.fromEntries(Object.entries(doc).reverse())),
    );
    const { report, records } = await importLegacyDir(dir);
    assert.equal(report.filesRead, 10);
    assert.equal(records.length, 8);
    assert.deepEqual(report.duplicates, [
      { file: "latest_competitive.json", duplicateOf: original, reason: "byte-identical copy" },
      {
        file: "zz_reformatted.json",
        duplicateOf: original,
        reason: "same JSON content (only formatting or key order differ)",
      },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("importLegacyDir() on a copy already stored under another name reports a duplicate", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await copySamples(dir, ["datason_baseline.json"]);
    const stored = (await importLegacyDir(dir)).records;
    await Deno.rename(join(dir, "datason_baseline.json"), join(dir, "baseline_copy.json"));
    const { report, records } = await importLegacyDir(dir, { existing: stored });
    assert.equal(records.length, 0);
    assert.equal(report.duplicates.length, 1);
    assert.match(report.duplicates[0].duplicateOf, /^datason_baseline\.json \(stored run/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("importLegacyDir() lists every bad file with its reason and still imports the good ones", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await copySamples(dir, ["configurations_1786935917.json", "datason_baseline.json"]);
    const good = await Deno.readTextFile(join(dir, "datason_baseline.json"));
    await Deno.writeTextFile(join(dir, "truncated.json"), good.slice(0, good.length / 2));
    await Deno.writeTextFile(join(dir, "empty.json"), "");
    await Deno.writeFile(
      join(dir, "binary.json"),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
    );
    await Deno.writeTextFile(
      join(dir, "future.json"),
      JSON.stringify({ schema: "datason-bench/run@2", runId: "x" }),
    );
    await Deno.writeTextFile(join(dir, "summary.json"), JSON.stringify({ total_runs: 3 }));
    const ours = (await importLegacyDir(LEGACY_FIXTURES)).records[0];
    await Deno.writeTextFile(join(dir, "ours.json"), JSON.stringify(ours));
    await Deno.mkdir(join(dir, "nested"));
    await Deno.copyFile(
      join(LEGACY_FIXTURES, "daily_api_modes_20250828_141943.json"),
      join(dir, "nested", "daily.json"),
    );
    const { report, records } = await importLegacyDir(dir);
    assert.equal(records.length, 3);
    assert.deepEqual(report.imported.map((r) => r.file).sort(), [
      "configurations_1786935917.json",
      "datason_baseline.json",
      "nested/daily.json",
    ]);
    const reasons = Object.fromEntries(
      [...report.unreadable, ...report.unrecognised].map((e) => [e.file, e.reason]),
    );
    assert.match(reasons["truncated.json"], /malformed JSON at line \d+/);
    assert.equal(reasons["empty.json"], "empty file");
    assert.equal(reasons["binary.json"], "binary content, not JSON");
    assert.match(reasons["future.json"], /newer datason-bench/);
    assert.match(reasons["summary.json"], /no known predecessor schema/);
    assert.deepEqual(report.unreadable.map((e) => e.file).sort(), [
      "binary.json",
      "empty.json",
      "truncated.json",
    ]);
    assert.deepEqual(report.ignored, [
      { file: "ours.json", reason: "already a datason-bench RunRecord" },
    ]);
    assert.equal(report.filesRead, 9);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("importLegacyDir() of a missing folder is an input error (exit 2)", async () => {
  await assert.rejects(
    () => importLegacyDir("/nonexistent/legacy-results"),
    (error: unknown) => error instanceof InputError && /no such folder/.test(error.message),
  );
});
