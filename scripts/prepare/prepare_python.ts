/**
 * The Python test environment: a virtual environment under `.bench/envs/tests/` with the pins of
 * `tests/requirements.txt`, built by the tool's own environment builder (`ensureEnvironments`), so
 * it is reused while the pins and the base interpreter are unchanged and rebuilt when they change.
 * `DATASON_BENCH_TEST_PYTHON` names another interpreter instead (nothing is built then).
 */

import { join } from "node:path";
import { ensureEnvironments } from "../../lib/bench/environments/ensure_environments.ts";
import type { InstallerChoice } from "../../lib/bench/environments/choose_installer.ts";
import { venvPython } from "../../lib/bench/environments/resolve_environment.ts";
import type { Logger } from "../../lib/_common/logger.ts";
import { resolveConfig } from "../../lib/config/load_config.ts";
import type { PrepareContext, TestToolStep, ToolOutcome } from "./types.ts";

export const TEST_ENVIRONMENT = "tests";

/** The interpreter of the test environment (where tests look for it by default). */
export function testEnvironmentPython(repoRoot: string): string {
  return venvPython(join(repoRoot, ".bench", "envs", TEST_ENVIRONMENT));
}

/** The requirement lines of a requirements file (comments and blank lines dropped). */
export function readRequirements(text: string): string[] {
  return text.split(/\r?\n/)
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line !== "");
}

export interface PythonStepOptions {
  /** Base interpreter the venv is made from. @default "python3" */
  base?: string;
  /** @default `<repo>/tests/requirements.txt` */
  requirementsFile?: string;
  /** @default automatic (uv when on PATH, else pip) */
  installer?: InstallerChoice;
}

export const pythonStep: TestToolStep = {
  name: "python",
  neededBy: "the runner, run, setup, weekly and calibrate tests",
  prepare: (ctx) => prepareTestPython(ctx),
};

export async function prepareTestPython(
  ctx: PrepareContext,
  options: PythonStepOptions = {},
): Promise<ToolOutcome> {
  const fromEnv = ctx.env("DATASON_BENCH_TEST_PYTHON");
  if (fromEnv !== undefined && fromEnv !== "") {
    return { status: "ready", path: fromEnv, detail: "DATASON_BENCH_TEST_PYTHON (not built)" };
  }
  const requirementsFile = options.requirementsFile ??
    join(ctx.repoRoot, "tests", "requirements.txt");
  const requirements = readRequirements(await Deno.readTextFile(requirementsFile));
  const { config } = resolveConfig(
    {
      work: { dir: ".bench" },
      environments: {
        [TEST_ENVIRONMENT]: { python: options.base ?? "python3", requirements },
      },
    },
    null,
    ctx.repoRoot,
  );
  // The builder's "building with pip (not built yet) …" line tells why this step takes a minute;
  // its closing line is replaced by the step's own.
  const log: Logger = {
    color: false,
    info(message) {
      if (/: building with /.test(message)) ctx.log(`prepare: python: ${message}`);
    },
    warn: (message) => ctx.log(`prepare: python: ${message}`),
    debug: () => {},
  };
  const [outcome] = await ensureEnvironments(config, [TEST_ENVIRONMENT], log, {
    installer: options.installer,
  });
  if (outcome.status === "failed") {
    return {
      status: "missing",
      reason: `the test environment could not be built: ${outcome.error.summary}`,
      fix: "make python3 (3.8+) with venv and PyPI reachable, then run `deno task test` again; " +
        "or set DATASON_BENCH_TEST_PYTHON to an interpreter that has tests/requirements.txt installed",
    };
  }
  return {
    status: "ready",
    path: outcome.environment.python,
    detail:
      `${outcome.status} (${outcome.environment.implementation} ${outcome.environment.pythonVersion})`,
  };
}
