/** Two runs started in the same second into one results folder each get their own journal. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { createLogger } from "../../lib/cli/logger.ts";
import { MemoryIo } from "../../lib/cli/io.ts";
import { parseConfigText } from "../../lib/config/load_config.ts";
import { prepareRun, resolveRunOptions, runBenchmark } from "../../lib/bench/run_benchmark.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { plainRecords, testPython, writeDataset, writeManifest } from "./fixtures.ts";

Deno.test("two runs started in the same second into one results folder both measure and journal", async () => {
  await using dir = await tempDir();
  const data = join(dir.path, "data");
  await Deno.mkdir(data);
  await writeManifest(data, [await writeDataset(data, "api_fast", plainRecords(3))]);
  const loaded = parseConfigText(
    JSON.stringify({
      environments: { default: { python: testPython(), requirements: [] } },
      profiles: {
        tiny: {
          processes: 1,
          values: 1,
          warmups: 0,
          minValueSeconds: 0.001,
          records: 3,
          timeoutSeconds: 60,
          memory: false,
        },
      },
      suites: {
        competitive: { targets: ["json"], scenarios: ["api_fast"], operations: ["serialize"] },
      },
      data: { dir: "data" },
      results: { dir: "results" },
    }),
    join(dir.path, "datason-bench.json"),
  );
  const sameSecond = new Date("2026-12-03T10:00:00.250Z");
  const once = async () => {
    const prepared = await prepareRun(
      loaded,
      resolveRunOptions(loaded, { profile: "tiny" }),
    );
    const io = new MemoryIo({ cwd: dir.path });
    return await runBenchmark(loaded, prepared, {
      cwd: dir.path,
      env: () => undefined,
      log: createLogger(io, { quiet: true, verbose: false }),
      outDir: loaded.config.results.dir,
    }, { now: () => sameSecond });
  };
  const [first, second] = await Promise.all([once(), once()]);
  assert.notEqual(first.journalPath, second.journalPath);
  for (const run of [first, second]) {
    assert.ok(run.record?.complete);
    assert.match(run.journalPath, /run-2026-12-03T100000Z-[0-9a-f]{8}\.journal\.jsonl$/);
    assert.equal(run.record?.cells[0].status, "ok");
  }
});
