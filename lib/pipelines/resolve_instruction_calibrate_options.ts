/** Checks `calibrate --measures instructions` options against the config and fills defaults. */

import { UsageError } from "../_common/errors.ts";
import { unknownName } from "../_common/suggest.ts";
import { BUILTIN_TARGETS } from "../_common/targets.ts";
import { SCENARIO_NAMES, type ScenarioName } from "../_common/vocabulary.ts";
import type { LoadedConfig } from "../config/types.ts";
import type { InstructionCalibrateOptions } from "../regression/instruction_calibration_report.ts";

export const INSTRUCTION_CALIBRATE_DEFAULTS = {
  targets: ["datason", "datason-str"],
  scenarios: ["api_fast", "secure_storage", "edge_cases"] as ScenarioName[],
  repeat: 20,
  inject: [0.01, 0.02, 0.05],
  view: "native" as const,
};

export function resolveInstructionCalibrateOptions(
  loaded: LoadedConfig,
  input: Partial<Omit<InstructionCalibrateOptions, "thresholds" | "source" | "scenarios">> & {
    source?: string;
    scenarios?: string[];
  },
): InstructionCalibrateOptions {
  const config = loaded.config;
  const profile = input.profile ?? "pr";
  if (!(profile in config.profiles)) {
    throw new UsageError(unknownName("profile", profile, Object.keys(config.profiles)));
  }
  if (input.source === undefined) {
    throw new UsageError("calibrate --measures instructions needs --source DIR", {
      hint: "a DataSON checkout, or an unpacked sdist: pip download datason==0.13.0 " +
        "--no-binary :all: --no-deps, then tar xzf the file and pass its folder",
    });
  }
  const scenarios: string[] = input.scenarios ?? INSTRUCTION_CALIBRATE_DEFAULTS.scenarios;
  for (const scenario of scenarios) {
    if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) {
      throw new UsageError(unknownName("scenario", scenario, SCENARIO_NAMES));
    }
  }
  const known = [...BUILTIN_TARGETS, ...config.targets.map((t) => t.id)];
  const targets = input.targets ?? INSTRUCTION_CALIBRATE_DEFAULTS.targets;
  for (const target of targets) {
    if (!known.includes(target)) {
      throw new UsageError(unknownName("target", target, known, { list: false }), {
        hint: `known: ${known.join(", ")}`,
      });
    }
  }
  const repeat = input.repeat ?? INSTRUCTION_CALIBRATE_DEFAULTS.repeat;
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new UsageError(`--repeat must be a positive integer (got ${repeat})`);
  }
  const inject = input.inject ?? INSTRUCTION_CALIBRATE_DEFAULTS.inject;
  for (const f of inject) {
    if (!(f > 0 && f <= 1)) {
      throw new UsageError(`--inject takes percentages in (0, 100] (got ${f * 100})`);
    }
  }
  return {
    profile,
    targets: [...new Set(targets)],
    scenarios: [...new Set(scenarios)] as ScenarioName[],
    source: input.source,
    repeat,
    inject: [...new Set(inject)].sort((a, b) => a - b),
    view: input.view ?? INSTRUCTION_CALIBRATE_DEFAULTS.view,
    dataDir: input.dataDir ?? config.data.dir,
    thresholds: { ...config.compare.instructions },
  };
}
