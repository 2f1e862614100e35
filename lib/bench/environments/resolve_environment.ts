/**
 * `resolveEnvironment()`: where a configured environment stands — which interpreter runs it, whether
 * it is ready, and if not, why. Costs one short interpreter start (the base interpreter's identity
 * is part of the requirements hash) plus hashing local-path requirements; never runs pip.
 */

import { ownValue } from "../../_common/own_key.ts";
import { join } from "node:path";
import { InputError } from "../../_common/errors.ts";
import { unknownName } from "../../_common/suggest.ts";
import { isLocalRequirement } from "../../config/load_config.ts";
import type { Config } from "../../config/types.ts";
import { hashLocalRequirement } from "./hash_local_requirement.ts";
import { ProbeError, probeInterpreter } from "./probe_interpreter.ts";
import {
  type BaseIdentity,
  environmentHash,
  type EnvironmentStamp,
  readStamp,
  STAMP_FILE_NAME,
} from "./stamp.ts";
import { EnvironmentSetupError, type ResolvedEnvironment } from "./types.ts";

/** Environment names become folder names: no leading dot, no separators. */
const ENVIRONMENT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export interface ResolveOptions {
  /** Neutral working folder for interpreter starts. */
  cwd?: string;
  signal?: AbortSignal;
  /**
   * Base interpreter identities already probed in this command, by configured `python` (several
   * environments usually share `python3`; probing it once saves a start per environment).
   */
  baseCache?: Map<string, Promise<BaseIdentity & { command: string }>>;
}

/** Folder of the environment's virtual environment. */
export function environmentDir(config: Config, name: string): string {
  return join(config.work.dir, "envs", name);
}

/** The interpreter inside a virtual environment (`bin/python`, `Scripts\python.exe` on Windows). */
export function venvPython(dir: string): string {
  return Deno.build.os === "windows"
    ? join(dir, "Scripts", "python.exe")
    : join(dir, "bin", "python");
}

/** Looks up `name` in the config; unknown names are input errors with a suggestion. */
export function environmentConfig(config: Config, name: string) {
  const env = ownValue(config.environments, name);
  const known = Object.keys(config.environments);
  if (env === undefined) {
    throw new InputError(
      unknownName("environment", name, known),
      { hint: "declare it under `environments` in datason-bench.json" },
    );
  }
  if (!ENVIRONMENT_NAME.test(name)) {
    throw new InputError(
      `environments.${name}: the name must start with a letter, digit or _ and use only ` +
        "letters, digits, _ . - (it becomes a folder name)",
      { hint: "rename the environment in datason-bench.json" },
    );
  }
  return env;
}

/** Probes the base interpreter; a missing one is an execution failure naming the config field. */
export async function probeBase(
  name: string,
  python: string,
  options: ResolveOptions = {},
): Promise<BaseIdentity & { command: string }> {
  try {
    const probe = await probeInterpreter(python, options);
    return {
      command: python,
      executable: probe.executable,
      python: probe.python,
      implementation: probe.implementation,
    };
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    throw new EnvironmentSetupError(name, `base interpreter: ${error.message}`, {
      outputTail: error.outputTail,
      hint: `install that Python, or set environments.${name}.python to an interpreter on PATH ` +
        "or an absolute path",
      cause: error,
    });
  }
}

export async function resolveEnvironment(
  config: Config,
  name: string,
  options: ResolveOptions = {},
): Promise<ResolvedEnvironment> {
  const env = environmentConfig(config, name);
  let probe = options.baseCache?.get(env.python);
  if (probe === undefined) {
    probe = probeBase(name, env.python, options);
    options.baseCache?.set(env.python, probe);
    // A failed probe is reported for each environment that uses it, under that environment's name.
    probe.catch(() => options.baseCache?.delete(env.python));
  }
  const base = await probe;
  const requirements = [...env.requirements];
  if (requirements.length === 0) {
    return {
      name,
      python: base.executable,
      ready: true,
      stampPath: null,
      dir: null,
      requirements,
      base,
      hash: null,
      localTrees: {},
      staleReason: null,
    };
  }
  const localTrees: Record<string, string> = {};
  for (const [i, requirement] of requirements.entries()) {
    if (requirement.trim().startsWith("-")) {
      throw new InputError(
        `environments.${name}.requirements[${i}]: "${requirement}" is an installer option, ` +
          "not a requirement",
        {
          hint: "list only `name==version` pins and local paths (installed as snapshots, never " +
            "editable); pass index options through PIP_* / UV_* environment variables",
        },
      );
    }
    if (!isLocalRequirement(requirement)) continue;
    try {
      localTrees[requirement] = (await hashLocalRequirement(requirement)).sha256;
    } catch (error) {
      const reason = error instanceof Deno.errors.NotFound
        ? "does not exist"
        : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
      throw new InputError(
        `environments.${name}.requirements[${i}]: local requirement "${requirement}" ${reason}`,
        { hint: "point it at a DataSON checkout (a folder with pyproject.toml) or a wheel" },
      );
    }
  }
  const dir = environmentDir(config, name);
  const stampPath = join(dir, STAMP_FILE_NAME);
  const python = venvPython(dir);
  const hash = environmentHash(base, requirements, localTrees);
  const stamp = await readStamp(stampPath);
  let staleReason = await whyStale(stamp, hash, dir, base, requirements, localTrees);
  if (staleReason === null && !(await exists(python))) {
    staleReason = `its interpreter ${python} is missing`;
  }
  return {
    name,
    python,
    ready: staleReason === null,
    stampPath,
    dir,
    requirements,
    base,
    hash,
    localTrees,
    staleReason,
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function whyStale(
  stamp: EnvironmentStamp | null,
  hash: string,
  dir: string,
  base: BaseIdentity,
  requirements: string[],
  localTrees: Record<string, string>,
): Promise<string | null> {
  if (stamp === null) {
    return (await exists(dir)) ? "no stamp: an earlier setup did not finish" : "not built yet";
  }
  if (stamp.hash === hash) return null;
  const changes: string[] = [];
  const removed = stamp.requirements.filter((r) => !requirements.includes(r));
  const added = requirements.filter((r) => !stamp.requirements.includes(r));
  if (removed.length > 0 || added.length > 0) {
    const parts = [...removed.map((r) => `-${r}`), ...added.map((r) => `+${r}`)];
    changes.push(`requirements changed (${parts.join(" ")})`);
  } else if (stamp.requirements.join("\n") !== requirements.join("\n")) {
    changes.push("requirements reordered");
  }
  const old = stamp.base;
  if (
    old.executable !== base.executable || old.python !== base.python ||
    old.implementation !== base.implementation
  ) {
    changes.push(
      `base interpreter changed (${old.implementation} ${old.python} ${old.executable} → ` +
        `${base.implementation} ${base.python} ${base.executable})`,
    );
  }
  for (const [path, tree] of Object.entries(localTrees)) {
    const before = stamp.localTrees[path];
    if (before !== undefined && before !== tree) changes.push(`local requirement ${path} changed`);
  }
  return changes.length > 0 ? changes.join("; ") : "built by another version of datason-bench";
}
