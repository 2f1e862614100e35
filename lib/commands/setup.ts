/** `datason-bench setup`: builds (or reuses) the Python environments declared in the config. */

import { renderSetup } from "../report/render_setup.ts";
import { defineCommand } from "../cli/command.ts";
import { EXIT_EXECUTION, EXIT_OK, InterruptedError } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { INSTALLER_ENV_VAR, parseInstallerChoice } from "../bench/environments/choose_installer.ts";
import { type EnvironmentOutcome } from "../bench/environments/types.ts";
import { ensureEnvironments } from "../bench/environments/ensure_environments.ts";

export const setupCommand = defineCommand({
  name: "setup",
  summary: "Build the Python environments of the config (reused while unchanged)",
  description:
    "Creates each environment declared under `environments` as a virtual environment in\n" +
    "<work.dir>/envs/<name>/ (python -m venv + pip, or uv when it is on PATH) and installs its\n" +
    "pinned requirements; a local path (a DataSON checkout) is installed as a snapshot. A stamp\n" +
    "holding the hash of the requirements, the base interpreter and local trees is written last,\n" +
    "so an unchanged environment is reused in well under a second and a half-built one never\n" +
    "counts as ready. An environment without requirements is the base interpreter as it is.\n" +
    `Set ${INSTALLER_ENV_VAR}=pip|uv to choose the installer. Exits 3 when an environment cannot\n` +
    "be built, naming the requirement and keeping the installer's last lines.",
  flags: {
    env: {
      type: "string",
      multiple: true,
      valueName: "NAME",
      description: "Environment to set up (repeatable; default: every environment of the config)",
    },
    force: {
      type: "boolean",
      description: "Rebuild even when the stamp says the environment is up to date",
    },
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench setup",
    "datason-bench setup --env datason-0.12 --env datason-0.13",
    "datason-bench setup --env default --force --json",
  ],
  async run(ctx) {
    const { config } = await ctx.loadConfig();
    const requested = ctx.flags.env ?? [];
    const names = requested.length > 0 ? [...new Set(requested)] : Object.keys(config.environments);
    const started = performance.now();
    let outcomes: EnvironmentOutcome[];
    try {
      outcomes = await ensureEnvironments(config, names, ctx.log, {
        force: ctx.flags.force === true,
        installer: parseInstallerChoice(ctx.io.env(INSTALLER_ENV_VAR), INSTALLER_ENV_VAR),
        signal: ctx.signal,
      });
    } catch (error) {
      if (ctx.signal.aborted) {
        throw new InterruptedError(
          "setup interrupted: environments that did not finish are not marked ready",
          { hint: "run `datason-bench setup` again to build them" },
        );
      }
      throw error;
    }
    const totalSeconds = (performance.now() - started) / 1000;
    const failed = outcomes.filter((o) => o.status === "failed");

    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, {
        schema: "datason-bench/setup@1",
        ok: failed.length === 0,
        workDir: config.work.dir,
        seconds: round(totalSeconds),
        environments: outcomes.map(toJson),
      });
    } else {
      ctx.io.stdout(renderSetup(outcomes, ctx.io.cwd, totalSeconds));
    }
    if (failed.length > 0) {
      ctx.io.stderr(
        `error: ${failed.length} of ${outcomes.length} environment(s) could not be set up: ${
          failed.map((o) => o.name).join(", ")
        } (details above)\n`,
      );
      return EXIT_EXECUTION;
    }
    return EXIT_OK;
  },
});

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function toJson(outcome: EnvironmentOutcome) {
  if (outcome.status === "failed") {
    const e = outcome.error;
    return {
      name: outcome.name,
      status: outcome.status,
      seconds: round(outcome.seconds),
      error: {
        message: e.summary,
        requirements: e.requirements,
        outputTail: e.outputTail,
        hint: e.hint ?? null,
      },
    };
  }
  const env = outcome.environment;
  return {
    name: outcome.name,
    status: outcome.status,
    seconds: round(outcome.seconds),
    reason: outcome.reason,
    installer: outcome.installer,
    python: env.python,
    pythonVersion: env.pythonVersion,
    implementation: env.implementation,
    executable: env.executable,
    dir: env.dir,
    stampPath: env.stampPath,
    requirements: env.requirements,
    freeze: env.freeze,
    error: null,
  };
}
