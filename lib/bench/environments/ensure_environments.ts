/**
 * `ensureEnvironments()`: makes the named environments usable — reuses every ready one (a stamp
 * check and one interpreter start for its freeze, well under a second), builds the missing or stale
 * ones, and reports each with one stderr line. An environment that cannot be built is returned as
 * `failed` (and logged once with the installer's last lines) rather than thrown, so a run can go on
 * with the others; configuration mistakes (unknown name, missing local path) throw `InputError`.
 * An environment with requirements is checked and built under its lock: a second `setup` waits
 * for the first and then reuses what it built (even with `force`, which the first one fulfilled).
 */

import { join } from "node:path";
import type { Logger } from "../../_common/logger.ts";
import type { Config } from "../../config/types.ts";
import { buildEnvironment } from "./build_environment.ts";
import { lockEnvironment } from "./environment_lock.ts";
import {
  chooseInstaller,
  type Installer,
  INSTALLER_ENV_VAR,
  type InstallerChoice,
  parseInstallerChoice,
} from "./choose_installer.ts";
import { type InterpreterDescription, ProbeError, probeInterpreter } from "./probe_interpreter.ts";
import { environmentConfig, resolveEnvironment } from "./resolve_environment.ts";
import { readStamp } from "./stamp.ts";
import {
  type EnvironmentDescription,
  type EnvironmentOutcome,
  EnvironmentSetupError,
  type ResolvedEnvironment,
} from "./types.ts";

export interface EnsureOptions {
  /** Rebuild environments with requirements even when they are ready. */
  force?: boolean;
  /** Installer choice; default from `DATASON_BENCH_INSTALLER`, else auto (uv when on PATH). */
  installer?: InstallerChoice;
  signal?: AbortSignal;
  /** Longest wait for another process's lock on an environment (default 30 minutes). */
  lockTimeoutMs?: number;
  /** Environments made ready at once (default 2). */
  concurrency?: number;
}

export async function ensureEnvironments(
  config: Config,
  names: readonly string[],
  log: Logger,
  options: EnsureOptions = {},
): Promise<EnvironmentOutcome[]> {
  for (const name of names) environmentConfig(config, name);
  const choice = options.installer ??
    parseInstallerChoice(Deno.env.get(INSTALLER_ENV_VAR), INSTALLER_ENV_VAR);
  let installer: Installer | null = null;
  const cwd = await Deno.makeTempDir({ prefix: "datason-bench-env-" });
  const baseCache = new Map();
  try {
    const outcomes: EnvironmentOutcome[] = new Array(names.length);
    // Two environments are made ready at a time: a build is mostly downloads, unpacking and
    // compiling `.pyc` files on one core, so a 2-core machine builds five in about half the time.
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < names.length) {
        const index = nextIndex++;
        outcomes[index] = await ensureNamed(names[index], join(cwd, String(index)));
      }
    };
    const ensureNamed = async (name: string, cwd: string): Promise<EnvironmentOutcome> => {
      await Deno.mkdir(cwd, { recursive: true });
      const started = performance.now();
      const elapsed = () => (performance.now() - started) / 1000;
      let lock = null;
      try {
        const waitedSince = new Date().toISOString();
        lock = config.environments[name].requirements.length > 0
          ? await lockEnvironment(config, name, log, {
            signal: options.signal,
            timeoutMs: options.lockTimeoutMs,
          })
          : null;
        const resolved = await resolveEnvironment(config, name, {
          cwd,
          signal: options.signal,
          baseCache,
        });
        // The process this one waited for may just have built it: that build was fresh.
        const builtMeanwhile = lock?.waited === true && resolved.ready &&
          resolved.stampPath !== null &&
          ((await readStamp(resolved.stampPath))?.builtAt ?? "") >= waitedSince;
        if (builtMeanwhile && options.force === true) {
          log.info(
            `environment "${name}": built by the process this one waited for; not rebuilt again`,
          );
        }
        const outcome = await ensureOne(resolved, {
          force: options.force === true && !builtMeanwhile,
          installer: () => (installer ??= chooseInstaller(choice)),
          cwd,
          log,
          signal: options.signal,
          elapsed,
        });
        return outcome;
      } catch (error) {
        if (!(error instanceof EnvironmentSetupError)) throw error;
        const seconds = elapsed();
        const tail = error.outputTail.map((line) => `\n  | ${line}`).join("");
        const hint = error.hint ? `\n  hint: ${error.hint}` : "";
        log.warn(
          `environment "${name}" failed after ${
            seconds.toFixed(1)
          } s: ${error.summary}${tail}${hint}`,
        );
        return { status: "failed", name, error, seconds };
      } finally {
        await lock?.release();
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency ?? 2, names.length) }, worker),
    );
    return outcomes;
  } finally {
    await Deno.remove(cwd, { recursive: true }).catch(() => {});
  }
}

interface EnsureOneContext {
  force: boolean;
  installer: () => Installer;
  cwd: string;
  log: Logger;
  signal?: AbortSignal;
  elapsed: () => number;
}

async function ensureOne(
  env: ResolvedEnvironment,
  ctx: EnsureOneContext,
): Promise<EnvironmentOutcome> {
  const { log } = ctx;
  if (env.dir === null) {
    const description = await describeOrFail(env, ctx);
    const seconds = ctx.elapsed();
    log.info(
      `environment "${env.name}": using the base interpreter ${env.python} as it is ` +
        `(${summarize(description)})`,
    );
    return {
      status: "base-interpreter",
      name: env.name,
      environment: toDescription(env, description),
      installer: null,
      reason: null,
      seconds,
    };
  }
  let reason = ctx.force ? "--force" : env.staleReason;
  if (reason === null) {
    try {
      const description = await probeInterpreter(env.python, {
        freeze: true,
        cwd: ctx.cwd,
        signal: ctx.signal,
      });
      const seconds = ctx.elapsed();
      log.info(
        `environment "${env.name}": reused (${summarize(description)}) in ${seconds.toFixed(2)} s`,
      );
      return {
        status: "reused",
        name: env.name,
        environment: toDescription(env, description),
        installer: null,
        reason: null,
        seconds,
      };
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      reason = `its interpreter does not run (${error.message})`;
    }
  }
  const installer = ctx.installer();
  log.info(`environment "${env.name}": building with ${installer.kind} (${reason}) …`);
  const built = await buildEnvironment(env, {
    installer,
    cwd: ctx.cwd,
    log,
    signal: ctx.signal,
  });
  const seconds = ctx.elapsed();
  log.info(
    `environment "${env.name}": built in ${seconds.toFixed(1)} s (${summarize(built.description)})`,
  );
  return {
    status: "built",
    name: env.name,
    environment: toDescription({ ...env, ready: true, staleReason: null }, built.description),
    installer: installer.kind,
    reason,
    seconds,
  };
}

async function describeOrFail(
  env: ResolvedEnvironment,
  ctx: EnsureOneContext,
): Promise<InterpreterDescription> {
  try {
    return await probeInterpreter(env.python, { freeze: true, cwd: ctx.cwd, signal: ctx.signal });
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    throw new EnvironmentSetupError(env.name, error.message, {
      outputTail: error.outputTail,
      cause: error,
    });
  }
}

function summarize(description: InterpreterDescription): string {
  const count = Object.keys(description.freeze).length;
  const datason = Object.entries(description.freeze).find(([n]) => n.toLowerCase() === "datason");
  return `${description.implementation} ${description.python}, ${count} distributions` +
    (datason ? `, datason ${datason[1]}` : "");
}

function toDescription(
  env: ResolvedEnvironment,
  description: InterpreterDescription,
): EnvironmentDescription {
  return {
    name: env.name,
    python: env.python,
    pythonVersion: description.python,
    implementation: description.implementation,
    executable: description.executable,
    freeze: description.freeze,
    requirements: env.requirements,
    usesBaseInterpreter: env.dir === null,
    dir: env.dir,
    stampPath: env.stampPath,
  };
}
