/**
 * `deno task test` runs this before the tests: it makes ready what the tests need (the list is
 * `TEST_TOOLS` in scripts/prepare/test_tools.ts), records where each tool is — or why it could not
 * be had — in `.bench/test-tools.json`, and prints one line per step on stderr. Nothing is
 * installed when everything is there. A missing tool never stops the run: only the tests that need
 * it fail, naming it and what to install.
 */

import { fileURLToPath } from "node:url";
import { runProcess } from "../lib/bench/environments/run_process.ts";
import { readOsId, runningAsRoot } from "./prepare/os_facts.ts";
import { TEST_TOOLS } from "./prepare/test_tools.ts";
import {
  TEST_TOOLS_SCHEMA,
  type TestToolsFile,
  writeTestToolsFile,
} from "./prepare/test_tools_file.ts";
import type { PrepareContext } from "./prepare/types.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url)).replace(/[\\/]$/, "");

const ctx: PrepareContext = {
  repoRoot,
  env: (name) => Deno.env.get(name),
  isRoot: runningAsRoot(),
  osId: readOsId(),
  run: (command, args, options) => runProcess(command, args, options),
  log: (line) => console.error(line),
};

const started = performance.now();
const file: TestToolsFile = { schema: TEST_TOOLS_SCHEMA, tools: {} };
for (const step of TEST_TOOLS) {
  const stepStarted = performance.now();
  const outcome = await step.prepare(ctx);
  file.tools[step.name] = { ...outcome, neededBy: step.neededBy };
  const seconds = ((performance.now() - stepStarted) / 1000).toFixed(1);
  console.error(
    outcome.status === "ready"
      ? `prepare: ${step.name}: ${outcome.path} — ${outcome.detail} (${seconds} s)`
      : `prepare: ${step.name}: MISSING — ${outcome.reason}; ${outcome.fix}. ` +
        `These tests will fail: ${step.neededBy}`,
  );
}
await writeTestToolsFile(repoRoot, file);
console.error(`prepare: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
