/**
 * `buildEnvironment()`: makes the virtual environment of a resolved environment from scratch.
 *
 * Order, so that a half-built environment is never taken for a ready one: remove the old stamp,
 * remove the old folder, create the venv (`python -m venv`, or `uv venv`), install every requirement
 * in one installer call (pip resolves them together; local paths are installed as snapshots, never
 * editable), describe the new interpreter (version, full freeze), and only then write the stamp,
 * atomically. Any failure removes the folder again and reports the requirements to blame with the
 * installer's last lines; when the output names none, each requirement is installed alone to find
 * the one that fails.
 */

import { dirname } from "node:path";
import type { Logger } from "../../_common/logger.ts";
import { isLocalRequirement } from "../../config/load_config.ts";
import type { Installer } from "./choose_installer.ts";
import { findFailedRequirements } from "./find_failed_requirements.ts";
import { type InterpreterDescription, ProbeError, probeInterpreter } from "./probe_interpreter.ts";
import { lastLines, type ProcessResult, runProcess, SpawnError } from "./run_process.ts";
import { STAMP_SCHEMA, writeStamp } from "./stamp.ts";
import { EnvironmentSetupError, type ResolvedEnvironment } from "./types.ts";

export interface BuildOptions {
  installer: Installer;
  /** Neutral working folder for the installer and interpreter starts. */
  cwd: string;
  log: Logger;
  signal?: AbortSignal;
}

export interface BuildResult {
  description: InterpreterDescription;
  seconds: number;
}

const TAIL_LINES = 20;

export async function buildEnvironment(
  env: ResolvedEnvironment,
  options: BuildOptions,
): Promise<BuildResult> {
  if (env.dir === null || env.stampPath === null || env.hash === null) {
    throw new Error(`environment "${env.name}" has no requirements: nothing to build`);
  }
  const started = performance.now();
  const dir = env.dir;
  await Deno.remove(env.stampPath).catch(() => {});
  await clearFolder(env.name, dir);
  await Deno.mkdir(dirname(dir), { recursive: true });
  try {
    await createVenv(env, options);
    await install(env, options);
    let description: InterpreterDescription;
    try {
      description = await probeInterpreter(env.python, {
        freeze: true,
        cwd: options.cwd,
        signal: options.signal,
      });
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      throw new EnvironmentSetupError(
        env.name,
        `the new interpreter does not run: ${error.message}`,
        {
          outputTail: error.outputTail,
          cause: error,
        },
      );
    }
    const seconds = (performance.now() - started) / 1000;
    await writeStamp(env.stampPath, {
      schema: STAMP_SCHEMA,
      hash: env.hash,
      name: env.name,
      base: {
        executable: env.base.executable,
        python: env.base.python,
        implementation: env.base.implementation,
      },
      requirements: env.requirements,
      localTrees: env.localTrees,
      installer: options.installer.kind,
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round(seconds * 1000) / 1000,
    });
    return { description, seconds };
  } catch (error) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw error;
  }
}

/** Removes an earlier (stale or half-built) environment, refusing to delete a foreign folder. */
async function clearFolder(name: string, dir: string): Promise<void> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (names.length > 0 && !names.includes("pyvenv.cfg")) {
    throw new EnvironmentSetupError(
      name,
      `folder ${dir} exists and is not a virtual environment made by datason-bench`,
      { hint: "move that folder away, or set work.dir in the config to another folder" },
    );
  }
  await Deno.remove(dir, { recursive: true });
}

async function run(
  env: ResolvedEnvironment,
  options: BuildOptions,
  command: string,
  args: string[],
): Promise<ProcessResult> {
  options.log.debug(`[${env.name}] ${command} ${args.join(" ")}`);
  try {
    return await runProcess(command, args, {
      cwd: options.cwd,
      signal: options.signal,
      onLine: (line) => options.log.debug(`[${env.name}] ${line}`),
    });
  } catch (error) {
    if (!(error instanceof SpawnError)) throw error;
    throw new EnvironmentSetupError(env.name, error.message, { cause: error });
  }
}

function exitText(result: ProcessResult): string {
  return result.code === null ? `killed by ${result.signal}` : `exit code ${result.code}`;
}

async function createVenv(env: ResolvedEnvironment, options: BuildOptions): Promise<void> {
  const dir = env.dir!;
  const { kind, uv } = options.installer;
  const result = kind === "uv"
    ? await run(env, options, uv!, ["venv", "--quiet", "--python", env.base.executable, dir])
    : await run(env, options, env.base.executable, ["-m", "venv", dir]);
  if (result.code !== 0) {
    throw new EnvironmentSetupError(
      env.name,
      `could not create the virtual environment with ${
        kind === "uv" ? "uv venv" : "python -m venv"
      } (${exitText(result)})`,
      {
        outputTail: lastLines(result.output, TAIL_LINES),
        hint: kind === "pip"
          ? "on Debian/Ubuntu the venv module comes with the python3-venv package"
          : undefined,
      },
    );
  }
}

function installArgs(env: ResolvedEnvironment, options: BuildOptions, requirements: string[]) {
  if (options.installer.kind === "uv") {
    // uv caches builds of local folders by the mtime of pyproject.toml/setup.py: force a fresh
    // build so an edited checkout is really reinstalled.
    const fresh = requirements.some(isLocalRequirement) ? ["--reinstall", "--refresh"] : [];
    return {
      command: options.installer.uv!,
      args: ["pip", "install", "--python", env.python, ...fresh, ...requirements],
    };
  }
  return {
    command: env.python,
    args: [
      "-m",
      "pip",
      "install",
      "--no-input",
      "--disable-pip-version-check",
      "--progress-bar",
      "off",
      ...requirements,
    ],
  };
}

async function install(env: ResolvedEnvironment, options: BuildOptions): Promise<void> {
  const tool = options.installer.kind === "uv" ? "uv pip install" : "pip install";
  const all = installArgs(env, options, env.requirements);
  const result = await run(env, options, all.command, all.args);
  if (result.code === 0) return;
  let blamed = findFailedRequirements(result.output, env.requirements, options.cwd);
  let tail = lastLines(result.output, TAIL_LINES);
  if (blamed.length === 0 && env.requirements.length > 1) {
    options.log.info(
      `environment "${env.name}": ${tool} failed without naming a requirement; ` +
        "installing them one at a time to find it",
    );
    let found = false;
    for (const requirement of env.requirements) {
      const one = installArgs(env, options, [requirement]);
      const alone = await run(env, options, one.command, one.args);
      if (alone.code !== 0) {
        blamed = [requirement];
        tail = lastLines(alone.output, TAIL_LINES);
        found = true;
        break;
      }
    }
    if (!found) {
      throw new EnvironmentSetupError(
        env.name,
        `the requirements install one by one but not together (${tool} ${exitText(result)})`,
        {
          requirements: [...env.requirements],
          outputTail: tail,
          hint: `pick versions that agree in environments.${env.name}.requirements`,
        },
      );
    }
  }
  const where = (r: string) =>
    `environments.${env.name}.requirements[${env.requirements.indexOf(r)}]`;
  const summary = blamed.length === 0
    ? `${tool} failed (${exitText(result)})`
    : blamed.length === 1
    ? `requirement "${blamed[0]}" could not be installed (${tool} ${exitText(result)})`
    : `requirements ${blamed.map((r) => `"${r}"`).join(", ")} could not be installed together ` +
      `(${tool} ${exitText(result)})`;
  throw new EnvironmentSetupError(env.name, summary, {
    requirements: blamed,
    outputTail: tail,
    hint: blamed.length === 0
      ? `see the installer's lines above; fix environments.${env.name}.requirements`
      : `fix or remove ${blamed.map(where).join(", ")} in the config (check the published ` +
        "versions with `pip index versions NAME`)",
  });
}
