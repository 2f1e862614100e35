/**
 * The PR gate as one function: two environments that differ only in DataSON (the pull request's
 * base and head, as checkouts or requirement strings), measured interleaved in one run with the
 * `pr` profile, then compared paired by round with the gate on DataSON's cells. Everything else in
 * the environments (Python, the competitors, numpy, pandas) is the default environment's, so a
 * control target such as pickle should not move: when it does, the machine was noisy.
 */

import { isAbsolute, resolve } from "node:path";
import { UsageError } from "../_common/errors.ts";
import { isLocalRequirement } from "../config/load_config.ts";
import type { Config, LoadedConfig } from "../config/types.ts";
import { canonicalJson } from "../_common/canonical_json.ts";
import { sha256Hex } from "../_common/sha256.ts";

export const BASE_ENVIRONMENT = "base";
export const HEAD_ENVIRONMENT = "head";
export const PR_SUITE = "pr";

/** A `--base`/`--head` value: a local DataSON checkout (path) or a requirement string. */
export async function resolveDatasonSpec(
  value: string,
  flag: string,
  cwd: string,
): Promise<string> {
  const trimmed = value.trim();
  if (trimmed === "") {
    throw new UsageError(`${flag} is empty`, {
      hint: `${flag} ../datason or ${flag} datason==0.13.0`,
    });
  }
  const path = isAbsolute(trimmed) ? trimmed : resolve(cwd, trimmed);
  const isDir = await Deno.stat(path).then((s) => s.isDirectory, () => false);
  if (isDir || isLocalRequirement(trimmed)) {
    if (!isDir) {
      throw new UsageError(`${flag} ${value}: no such folder`, {
        hint: "pass a DataSON checkout folder, or a requirement such as datason==0.13.0",
      });
    }
    return path;
  }
  if (!/^datason(\s*(\[[^\]]*\])?\s*([=<>!~]=?|@).*)?$/i.test(trimmed)) {
    throw new UsageError(`${flag} "${value}" is neither a folder nor a DataSON requirement`, {
      hint: "pass a DataSON checkout folder, or a requirement such as datason==0.13.0",
    });
  }
  return trimmed;
}

const DATASON_REQUIREMENT = /^datason(\s*\[[^\]]*\])?\s*([=<>!~]=?|@|$)/i;

/** The environment's requirements with the DataSON pin replaced by `spec`. */
export function withDatason(requirements: readonly string[], spec: string): string[] {
  const others = requirements.filter((r) => !DATASON_REQUIREMENT.test(r.trim()));
  return [spec, ...others];
}

/**
 * The config the gate runs with: environments `base` and `head` made from the default environment
 * with DataSON replaced, and a suite `pr` over them (targets, scenarios and operations from the
 * config's `pr` section, or the flags).
 */
export function prGateConfig(
  loaded: LoadedConfig,
  base: string,
  head: string,
  overrides: { targets?: string[]; scenarios?: string[] } = {},
): LoadedConfig {
  const config = loaded.config;
  const template = config.environments.default;
  if (template === undefined) {
    throw new UsageError(
      "the PR gate builds its environments from environments.default, which is missing",
      {
        hint: 'declare "default" under "environments" in the config',
      },
    );
  }
  const pr = config.pr;
  const next: Config = {
    ...config,
    environments: {
      ...config.environments,
      [BASE_ENVIRONMENT]: {
        python: template.python,
        requirements: withDatason(template.requirements, base),
      },
      [HEAD_ENVIRONMENT]: {
        python: template.python,
        requirements: withDatason(template.requirements, head),
      },
    },
    suites: {
      ...config.suites,
      [PR_SUITE]: {
        description: "PR gate: DataSON at the pull request's base and head",
        environments: [BASE_ENVIRONMENT, HEAD_ENVIRONMENT],
        targets: overrides.targets ?? pr.targets,
        scenarios: (overrides.scenarios ?? pr.scenarios) as Config["suites"][string]["scenarios"],
        operations: pr.operations,
      },
    },
  };
  return {
    ...loaded,
    config: next,
    hash: sha256Hex(
      canonicalJson({
        base: loaded.hash,
        pr: next.suites[PR_SUITE],
        base_env: next.environments[BASE_ENVIRONMENT],
        head_env: next.environments[HEAD_ENVIRONMENT],
      }),
    ),
  };
}
