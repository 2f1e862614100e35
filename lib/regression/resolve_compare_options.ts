import defaults from "../config/defaults.json" with { type: "json" };
import { InputError } from "../_common/errors.ts";
import type { CompareConfig, FailOn, ProcessSummary } from "../config/types.ts";
import type { CompareOptions, LayoutThresholds, ResolvedCompareOptions } from "./types.ts";

const DEFAULT_COMPARE = defaults.compare as CompareConfig;
const FAIL_ON: readonly FailOn[] = ["fail", "warn", "notice", "never"];
const PROCESS_SUMMARIES: readonly ProcessSummary[] = ["median", "min"];

/**
 * Fills unset options from `config` (the config's `compare` section), else from the embedded
 * defaults, and checks them: α and power in (0, 1), thresholds positive with fail ≥ warn ≥ notice
 * (the time thresholds and `instructions`, whose spread multiple is ≥ 0). A config written before
 * `compare.instructions` existed gets the embedded defaults for it.
 */
export function resolveCompareOptions(
  options: CompareOptions = {},
  config: CompareConfig = DEFAULT_COMPARE,
): ResolvedCompareOptions {
  const resolved: ResolvedCompareOptions = {
    alpha: options.alpha ?? config.alpha,
    power: options.power ?? config.power,
    gate: [...(options.gate ?? config.gate)],
    failOn: options.failOn ?? config.failOn,
    thresholds: { ...config.thresholds, ...definedOnly(options.thresholds ?? {}) },
    instructions: {
      ...(config.instructions ?? DEFAULT_COMPARE.instructions),
      ...definedOnly(options.instructions ?? {}),
    },
    memory: {
      ...(config.memory ?? DEFAULT_COMPARE.memory!),
      ...definedOnly(options.memory ?? {}),
    },
    allowEnvMismatch: options.allowEnvMismatch ?? false,
    processSummary: options.processSummary ?? config.processSummary ?? "median",
  };
  const { alpha, power, thresholds: t } = resolved;
  if (!(alpha > 0 && alpha < 1)) {
    throw new InputError(`compare: alpha must lie in (0, 1) (got ${alpha})`);
  }
  if (!(power > 0 && power < 1)) {
    throw new InputError(`compare: power must lie in (0, 1) (got ${power})`);
  }
  if (!FAIL_ON.includes(resolved.failOn)) {
    throw new InputError(
      `compare: failOn must be one of ${FAIL_ON.join(", ")} (got "${resolved.failOn}")`,
    );
  }
  if (!PROCESS_SUMMARIES.includes(resolved.processSummary)) {
    throw new InputError(
      `compare: processSummary must be median or min (got "${resolved.processSummary}")`,
      { hint: "fix compare.processSummary in the config" },
    );
  }
  for (const [name, value] of Object.entries(t)) {
    if (!(value > 0)) {
      throw new InputError(`compare: thresholds.${name} must be > 0 (got ${value})`);
    }
  }
  if (!(t.fail >= t.warn && t.warn >= t.notice)) {
    throw new InputError(
      `compare: thresholds must satisfy fail ≥ warn ≥ notice (got ${t.fail}, ${t.warn}, ${t.notice})`,
      { hint: "fix compare.thresholds in the config" },
    );
  }
  checkLayoutThresholds(resolved.instructions);
  checkMemoryThresholds(resolved.memory);
  return resolved;
}

function checkMemoryThresholds(t: ResolvedCompareOptions["memory"]): void {
  const hint = "fix compare.memory in the config";
  for (const name of ["fail", "warn", "notice", "improvement"] as const) {
    if (!(t[name] > 0)) {
      throw new InputError(`compare: memory.${name} must be > 0 (got ${t[name]})`, { hint });
    }
  }
  if (!(t.floorBytes >= 0) || !(t.spreadMultiple >= 0)) {
    throw new InputError(
      `compare: memory.floorBytes and memory.spreadMultiple must be ≥ 0 (got ${t.floorBytes}, ${t.spreadMultiple})`,
      { hint },
    );
  }
  if (!(t.fail >= t.warn && t.warn >= t.notice)) {
    throw new InputError(
      `compare: memory thresholds must satisfy fail ≥ warn ≥ notice (got ${t.fail}, ${t.warn}, ${t.notice})`,
      { hint },
    );
  }
}

function checkLayoutThresholds(t: LayoutThresholds): void {
  const hint = "fix compare.instructions in the config";
  for (const name of ["fail", "warn", "notice", "improvement"] as const) {
    if (!(t[name] > 0)) {
      throw new InputError(`compare: instructions.${name} must be > 0 (got ${t[name]})`, { hint });
    }
  }
  if (!(t.spreadMultiple >= 0)) {
    throw new InputError(
      `compare: instructions.spreadMultiple must be ≥ 0 (got ${t.spreadMultiple})`,
      { hint },
    );
  }
  if (!(t.fail >= t.warn && t.warn >= t.notice)) {
    throw new InputError(
      `compare: instructions thresholds must satisfy fail ≥ warn ≥ notice (got ${t.fail}, ${t.warn}, ${t.notice})`,
      { hint },
    );
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
