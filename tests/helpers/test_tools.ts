/**
 * The tools the tests need beyond Deno, as `deno task test` prepared them (scripts/prepare_tests.ts
 * records them in `.bench/test-tools.json`). An environment variable overrides each one, for
 * running `deno test` directly: DATASON_BENCH_TEST_PYTHON, ACTIONLINT, CHROMIUM. A tool that is
 * missing throws the recorded reason and what to install, so exactly the tests that need it fail.
 */

import { testEnvironmentPython } from "../../scripts/prepare/prepare_python.ts";
import { readTestTool } from "../../scripts/prepare/test_tools_file.ts";
import { REPO_ROOT } from "./run_cli.ts";

const OVERRIDES = {
  python: "DATASON_BENCH_TEST_PYTHON",
  actionlint: "ACTIONLINT",
  chromium: "CHROMIUM",
  valgrind: "DATASON_BENCH_VALGRIND",
} as const;

export type TestTool = keyof typeof OVERRIDES;

/** Path of a prepared tool; throws (naming the fix) when preparation could not provide it. */
export function testToolPath(name: TestTool): string {
  const fromEnv = Deno.env.get(OVERRIDES[name]);
  if (fromEnv !== undefined && fromEnv !== "") {
    if (name !== "python" && !isFile(fromEnv)) {
      throw new Error(
        `${name} is not available for this test: ${OVERRIDES[name]} is set to "${fromEnv}", ` +
          `which is not a file; point it at the executable, or unset it`,
      );
    }
    return fromEnv;
  }
  const recorded = readTestTool(REPO_ROOT, name);
  if (recorded?.status === "ready") return recorded.path;
  if (recorded?.status === "missing") {
    throw new Error(
      `${name} is not available for this test: ${recorded.reason}; ${recorded.fix} ` +
        `(then run \`deno task test\` again)`,
    );
  }
  // Not prepared (plain `deno test`): the test environment has a fixed place.
  if (name === "python") return testEnvironmentPython(REPO_ROOT);
  throw new Error(
    `${name} has not been prepared: run the tests with \`deno task test\`, which prepares it, ` +
      `or set ${OVERRIDES[name]}`,
  );
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}
