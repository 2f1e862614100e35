/**
 * The runner's fidelity rules, unit-tested in Python (stdlib unittest,
 * tests/bench/python/test_runner_fidelity.py) with the test interpreter; numpy and pandas cases
 * are skipped where those are not installed.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { testPython } from "./fixtures.ts";

Deno.test("the runner's fidelity section passes its Python unit tests", async () => {
  const dir = fileURLToPath(new URL("./python/", import.meta.url));
  const output = await new Deno.Command(testPython(), {
    args: ["-X", "utf8", "-m", "unittest", "discover", "-s", dir, "-p", "test_*.py", "-v"],
    cwd: dir,
    env: { PYTHONDONTWRITEBYTECODE: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const report = new TextDecoder().decode(output.stderr);
  assert.ok(output.success, report);
  assert.match(report, /^OK/m, report);
  assert.match(report, /Ran \d+ tests/);
});
