/**
 * Instruction counts move with the memory layout, and the layout moves with the lengths of paths,
 * argv and the environment. Base and head (and calibrate's copies) must differ in none of them, so
 * that a change in counts is DataSON's, not its folder name's.
 */

import assert from "node:assert/strict";
import { makeTempDir } from "../../../lib/_common/make_temp_dir.ts";
import { loadConfig } from "../../../lib/config/load_config.ts";
import { environmentDir, venvPython } from "../../../lib/bench/environments/resolve_environment.ts";
import { callgrindLauncher } from "../../../lib/bench/valgrind/callgrind_launcher.ts";
import { drawLayouts, layoutEnvironment } from "../../../lib/bench/valgrind/layouts.ts";
import { CALIBRATE_ENVIRONMENTS } from "../../../lib/pipelines/calibrate_instructions.ts";
import { COPY_NAMES } from "../../../lib/pipelines/datason_source_copies.ts";
import { BASE_ENVIRONMENT, HEAD_ENVIRONMENT, withDatason } from "../../../lib/pipelines/pr_gate.ts";

const argvLength = (args: readonly string[]) => args.reduce((n, a) => n + a.length + 1, 0);

Deno.test("base and head run from interpreters at paths of equal length", async () => {
  const { config } = await loadConfig({ cwd: await Deno.makeTempDir() });
  for (
    const names of [[BASE_ENVIRONMENT, HEAD_ENVIRONMENT], Object.values(CALIBRATE_ENVIRONMENTS)]
  ) {
    const lengths = names.map((name) => venvPython(environmentDir(config, name)).length);
    assert.equal(new Set(lengths).size, 1, `${names.join(", ")}: ${lengths.join(", ")}`);
  }
  // calibrate's source copies: equal-length folder names beside each other, so the requirement
  // strings that install them are of equal length too.
  const copies = Object.values(COPY_NAMES);
  assert.equal(new Set(copies.map((c) => c.length)).size, 1);
  const requirements = copies.map((c) => withDatason(["datason==0.13.0", "orjson"], `/w/${c}`));
  assert.equal(new Set(requirements.map((r) => r.join(" ").length)).size, 1);
});

Deno.test("Valgrind's argv and a layout's environment have one length for every side", async () => {
  const dirs = await Promise.all(
    Array.from({ length: 8 }, () => makeTempDir("datason-bench-callgrind-")),
  );
  try {
    const lengths = dirs.map((dir) =>
      argvLength(callgrindLauncher("/usr/bin/valgrind", "client-request", dir).args)
    );
    assert.equal(new Set(lengths).size, 1, `argv lengths ${lengths.join(", ")}`);
  } finally {
    for (const dir of dirs) await Deno.remove(dir, { recursive: true });
  }
  const [first, second] = drawLayouts(7, 2);
  // Same layout, same bytes; different layouts differ in seed and padding.
  assert.deepEqual(layoutEnvironment(drawLayouts(7, 2)[0]), layoutEnvironment(first));
  assert.notEqual(first.hashSeed, second.hashSeed);
  assert.equal(layoutEnvironment(first).DATASON_BENCH_LAYOUT_PADDING.length, first.paddingBytes);
});
