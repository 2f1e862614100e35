/**
 * One real build: `python -m venv` + pip installing a tiny pure-Python pin (six, usually already in
 * pip's cache). Everything else about environments is tested with a fake interpreter.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { createLogger } from "../../../lib/cli/logger.ts";
import { MemoryIo } from "../../../lib/cli/io.ts";
import { resolveConfig } from "../../../lib/config/load_config.ts";
import { probeInterpreter } from "../../../lib/bench/environments/probe_interpreter.ts";
import { ensureEnvironments } from "../../../lib/bench/environments/ensure_environments.ts";
import { testPython } from "./fake_python.ts";

Deno.test("ensureEnvironments() builds a real venv with pip, then reuses it without touching the stamp", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = resolveConfig(
      {
        work: { dir: join(dir, ".bench") },
        environments: { tiny: { python: testPython(), requirements: ["six==1.16.0"] } },
        suites: {},
      },
      join(dir, "datason-bench.json"),
      dir,
    ).config;
    const log = createLogger(new MemoryIo(), { quiet: false, verbose: false });
    const [built] = await ensureEnvironments(config, ["tiny"], log, { installer: "pip" });
    assert.equal(built.status, "built", built.status === "failed" ? built.error.message : "");
    if (built.status !== "built") return;
    assert.equal(built.environment.freeze.six, "1.16.0");
    assert.ok("pip" in built.environment.freeze);
    assert.equal(
      "datason" in built.environment.freeze,
      false,
      "the venv does not see the base's packages",
    );
    const stampPath = built.environment.stampPath!;
    const stamp = JSON.parse(await Deno.readTextFile(stampPath));
    assert.deepEqual(stamp.requirements, ["six==1.16.0"]);
    assert.equal(stamp.installer, "pip");

    const probe = await probeInterpreter(built.environment.python);
    assert.equal(
      Deno.realPathSync(probe.prefix),
      Deno.realPathSync(join(dir, ".bench", "envs", "tiny")),
    );

    const [reused] = await ensureEnvironments(config, ["tiny"], log, { installer: "pip" });
    assert.equal(reused.status, "reused");
    assert.equal(await Deno.readTextFile(stampPath), JSON.stringify(stamp, null, 2) + "\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
