/**
 * Loads `datason-bench.json` (or the embedded defaults when there is none), validates it against
 * the schema, layers it over `defaults.json`, checks cross-references and resolves paths.
 */

import { dirname, isAbsolute, resolve } from "node:path";
import defaults from "./defaults.json" with { type: "json" };
import schemaJson from "../../datason-bench.schema.json" with { type: "json" };
import { InputError } from "../_common/errors.ts";
import { hasOwnKey } from "../_common/own_key.ts";
import { unknownName } from "../_common/suggest.ts";
import { canonicalJson } from "../_common/canonical_json.ts";
import { sha256Hex } from "../_common/sha256.ts";
import { BUILTIN_TARGETS } from "../_common/targets.ts";
import { isPlainObject, mergeConfig } from "./merge_config.ts";
import { JsonSyntaxError, parseJsonText } from "../_common/parse_json_text.ts";
import type { Config, LoadedConfig, MeasureOverride } from "./types.ts";
import { type SchemaIssue, type SchemaNode, validateSchema } from "../_common/validate_schema.ts";

export const CONFIG_FILE_NAME = "datason-bench.json";
export const CONFIG_SCHEMA: SchemaNode = schemaJson as SchemaNode;
export const DEFAULT_CONFIG: Readonly<Record<string, unknown>> = defaults;

const MAX_LISTED_ISSUES = 12;

export interface LoadConfigOptions {
  /** `--config` as given on the command line (relative to cwd), if any. */
  path?: string;
  /** Folder where `datason-bench.json` is looked for and relative `--config` resolves. */
  cwd: string;
}

/** Loads and resolves the config; throws `InputError` (exit 2) naming file, JSON path and fix. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const explicit = options.path !== undefined;
  const path = resolve(options.cwd, options.path ?? CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!explicit && error instanceof Deno.errors.NotFound) {
      return resolveConfig({}, null, options.cwd);
    }
    const reason = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new InputError(`cannot read config "${path}": ${reason}`, {
      hint:
        "pass an existing file with --config, or run `datason-bench init` to write a starter config",
    });
  }
  return parseConfigText(text, path);
}

/** Parses and resolves config text that came from `path`. */
export function parseConfigText(text: string, path: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = parseJsonText(text);
  } catch (error) {
    const message = error instanceof JsonSyntaxError ? error.message : String(error);
    throw new InputError(`cannot read config "${path}": ${message}`, {
      hint: (error instanceof JsonSyntaxError ? error.hint : undefined) ??
        "fix the JSON syntax (a trailing comma or a missing quote is the usual cause)",
    });
  }
  return resolveConfig(raw, path, dirname(path));
}

/** Validates a parsed user config and resolves it over the defaults. */
export function resolveConfig(raw: unknown, path: string | null, dir: string): LoadedConfig {
  const label = path ?? "(embedded defaults)";
  if (!isPlainObject(raw)) {
    throw new InputError(`cannot read config "${label}": the top level must be a JSON object`, {
      hint: `start from {"$schema": "./datason-bench.schema.json"} and add the fields to change`,
    });
  }
  failOnIssues(label, validateSchema(raw, CONFIG_SCHEMA, { enforceRequired: false }));
  const { $schema: _ignored, ...user } = raw;
  const merged = mergeConfig(DEFAULT_CONFIG, user) as Record<string, unknown>;
  failOnIssues(label, validateSchema(merged, CONFIG_SCHEMA, { enforceRequired: true }));
  const config = merged as unknown as Config;
  failOnIssues(label, crossCheck(config));
  // A suite that names no tiers measures the typed records, as every suite did before the JSON tier.
  for (const suite of Object.values(config.suites)) suite.tiers ??= ["typed"];
  const hash = sha256Hex(canonicalJson(config));
  return { config: resolvePaths(config, dir), path, dir, hash };
}

function failOnIssues(label: string, issues: SchemaIssue[]): void {
  if (issues.length === 0) return;
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `  ${i.path}: ${i.message}`);
  if (issues.length > MAX_LISTED_ISSUES) {
    listed.push(`  … and ${issues.length - MAX_LISTED_ISSUES} more`);
  }
  const first = issues[0];
  const message = issues.length === 1
    ? `cannot read config "${label}": ${first.path}: ${first.message}`
    : `cannot read config "${label}": ${issues.length} problems\n${listed.join("\n")}`;
  throw new InputError(message, {
    hint: "fix the field(s) named above; datason-bench.schema.json documents every field",
  });
}

/** Checks what the schema cannot: references between sections. */
function crossCheck(config: Config): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const environments = Object.keys(config.environments);
  if (!hasOwnKey(config.profiles, config.profile)) {
    issues.push({
      path: "profile",
      message: unknownName("profile", config.profile, Object.keys(config.profiles)),
    });
  }
  for (const [name, profile] of Object.entries(config.profiles)) {
    if (profile.measures?.includes("instructions") && profile.instructions === undefined) {
      issues.push({
        path: `profiles.${name}.instructions`,
        message: 'required when "measures" includes "instructions" ' +
          "(layouts, passes, warmups, records, timeoutSeconds, concurrency)",
      });
    }
  }
  const customIds = new Set<string>();
  config.targets.forEach((target, i) => {
    if (BUILTIN_TARGETS.includes(target.id)) {
      issues.push({
        path: `targets[${i}].id`,
        message: `"${target.id}" is a built-in target; choose another id`,
      });
    } else if (customIds.has(target.id)) {
      issues.push({ path: `targets[${i}].id`, message: `duplicate target id "${target.id}"` });
    }
    customIds.add(target.id);
  });
  const knownTargets = [...BUILTIN_TARGETS, ...customIds];
  for (const [name, suite] of Object.entries(config.suites)) {
    suite.environments.forEach((env, i) => {
      if (!environments.includes(env)) {
        issues.push({
          path: `suites.${name}.environments[${i}]`,
          message: unknownName("environment", env, environments),
        });
      }
    });
    suite.targets.forEach((target, i) => {
      if (!knownTargets.includes(target)) {
        issues.push({
          path: `suites.${name}.targets[${i}]`,
          message: unknownName("target", target, knownTargets, {
            note: 'declare your own under "targets"',
          }),
        });
      }
    });
  }
  for (
    const [path, profile] of [["pr.profile", config.pr.profile], [
      "weekly.profile",
      config.weekly.profile,
    ]]
  ) {
    if (!hasOwnKey(config.profiles, profile)) {
      issues.push({
        path,
        message: unknownName("profile", profile, Object.keys(config.profiles)),
      });
    }
  }
  config.weekly.suites.forEach((suite, i) => {
    if (!hasOwnKey(config.suites, suite)) {
      const known = Object.keys(config.suites);
      issues.push({
        path: `weekly.suites[${i}]`,
        message: unknownName("suite", suite, known),
      });
    }
  });
  for (const [name, profile] of Object.entries(config.profiles)) {
    const overrides: [string, MeasureOverride | undefined][] = [];
    for (const [scenario, o] of Object.entries(profile.scenarios ?? {})) {
      overrides.push([`profiles.${name}.scenarios.${scenario}`, o]);
    }
    for (const [suite, o] of Object.entries(profile.suites ?? {})) {
      overrides.push([`profiles.${name}.suites.${suite}`, o]);
      for (const [scenario, so] of Object.entries(o.scenarios ?? {})) {
        overrides.push([`profiles.${name}.suites.${suite}.scenarios.${scenario}`, so]);
      }
    }
    for (const [scenario, s] of Object.entries(config.scenarios)) {
      overrides.push([`scenarios.${scenario}.measure`, s.measure]);
    }
    for (const [path, override] of overrides) {
      override?.instructions?.targets?.forEach((target, i) => {
        if (!knownTargets.includes(target)) {
          issues.push({
            path: `${path}.instructions.targets[${i}]`,
            message: unknownName("target", target, knownTargets),
          });
        }
      });
    }
  }
  config.pr.targets.forEach((target, i) => {
    if (!knownTargets.includes(target)) {
      issues.push({
        path: `pr.targets[${i}]`,
        message: unknownName("target", target, knownTargets),
      });
    }
  });
  const t = config.compare.thresholds;
  if (!(t.notice <= t.warn && t.warn <= t.fail)) {
    issues.push({
      path: "compare.thresholds",
      message: `must satisfy notice ≤ warn ≤ fail (got ${t.notice}, ${t.warn}, ${t.fail})`,
    });
  }
  const i = config.compare.instructions;
  if (!(i.notice <= i.warn && i.warn <= i.fail)) {
    issues.push({
      path: "compare.instructions",
      message: `must satisfy notice ≤ warn ≤ fail (got ${i.notice}, ${i.warn}, ${i.fail}); ` +
        "instruction counts use fractions such as 0.005 / 0.02 / 0.05",
    });
  }
  return issues;
}

function resolvePaths(config: Config, dir: string): Config {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  const environments = Object.fromEntries(
    Object.entries(config.environments).map(([name, env]) => [
      name,
      {
        python: env.python.includes("/") || env.python.includes("\\")
          ? abs(env.python)
          : env.python,
        requirements: env.requirements.map((r) => (isLocalRequirement(r) ? abs(r) : r)),
      },
    ]),
  );
  return {
    ...config,
    data: { dir: abs(config.data.dir) },
    results: { dir: abs(config.results.dir) },
    baselines: { dir: abs(config.baselines.dir) },
    work: { dir: abs(config.work.dir) },
    report: { ...config.report, out: abs(config.report.out) },
    environments,
    targets: config.targets.map((t) => ({ ...t, paths: (t.paths ?? []).map(abs) })),
  };
}

/** A requirement that names a local folder or file rather than a PyPI distribution. */
export function isLocalRequirement(requirement: string): boolean {
  return /^(\.{1,2}[\\/]|\/|[A-Za-z]:[\\/]|~)/.test(requirement) || requirement === ".";
}
