/**
 * Goal and exceptions: every built-in competitor round-trips every scenario in both tiers, except
 * the cells `DOCUMENTED_EXCEPTIONS` lists with the library's documented reason — measured through
 * the real runner on generated data (a few records per scenario), both ways: no cell fails that is
 * not listed, and every listed cell does fail.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { RunnerProcess } from "../../lib/bench/runner_process.ts";
import type { LoadedReply, ResultReply } from "../../lib/bench/protocol.ts";
import { COMPETITOR_TARGETS } from "../../lib/_common/targets.ts";
import { DATA_TIERS } from "../../lib/_common/vocabulary.ts";
import { DOCUMENTED_EXCEPTIONS } from "../../lib/config/documented_exceptions.ts";
import { generateDatasets } from "../../lib/generate/generate_datasets.ts";
import { SCENARIOS } from "../../scenarios/mod.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { testPython } from "./fixtures.ts";

const TIMEOUT_SECONDS = 300;
/** Enough records for every value kind the exceptions are about to appear (checked below). */
const COUNTS = { api_fast: 20, ml_training: 2, secure_storage: 10, large_data: 1, edge_cases: 40 };

Deno.test("every competitor is ok on every scenario in both tiers but for the documented exceptions", async () => {
  await using dir = await tempDir();
  const { manifest } = await generateDatasets({
    dir: dir.path,
    scenarios: SCENARIOS,
    seed: 22, // large_data record 0 is a 1 MB float64 matrix: the test stays quick
    counts: COUNTS,
    referenceDate: "2025-01-01T00:00:00.000Z",
    force: false,
  });
  const failing: string[] = [];
  const runner = await RunnerProcess.start({ python: testPython() });
  try {
    for (const [scenario, entry] of Object.entries(manifest.files)) {
      for (const tier of DATA_TIERS) {
        const file = tier === "typed" ? entry.file : entry.jsonTier?.file ?? "(none)";
        const loaded = await runner.request<LoadedReply>(
          { type: "load", path: join(dir.path, file), limit: null },
          TIMEOUT_SECONDS,
        );
        assert.equal(loaded.tier, tier, file);
        for (const target of COMPETITOR_TARGETS) {
          const reply = await runner.request<ResultReply>(
            {
              type: "measure",
              target: { id: target },
              operation: "deserialize",
              warmups: 0,
              values: 1,
              minValueSeconds: 0.001,
              loops: 1,
            },
            TIMEOUT_SECONDS,
          );
          if (reply.status !== "ok") failing.push(`${target} ${tier} ${scenario} ${reply.status}`);
        }
      }
    }
  } finally {
    await runner.close();
  }
  const documented = DOCUMENTED_EXCEPTIONS.map((e) =>
    `${e.target} ${e.tier} ${e.scenario} ${e.status}`
  );
  assert.deepEqual(failing.sort(), documented.sort());
});
