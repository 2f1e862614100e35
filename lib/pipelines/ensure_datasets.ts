/**
 * Makes the datasets of some scenarios exist at the config's seed and counts, generating only what
 * is missing or stale (a file that matches its manifest entry is kept). Pipelines (`weekly`, `pr`)
 * call it so that one command works on a fresh machine.
 */

import type { Logger } from "../_common/logger.ts";
import type { LoadedConfig } from "../config/types.ts";
import { generateDatasets, type GenerateResult } from "../generate/generate_datasets.ts";
import { SCENARIOS } from "../../scenarios/mod.ts";

export async function ensureDatasets(
  loaded: LoadedConfig,
  scenarioNames: readonly string[],
  log: Logger,
  signal?: AbortSignal,
): Promise<GenerateResult> {
  const config = loaded.config;
  const scenarios = SCENARIOS.filter((s) => scenarioNames.includes(s.name));
  const counts = Object.fromEntries(scenarios.map((s) => [s.name, config.scenarios[s.name].count]));
  return await generateDatasets({
    dir: config.data.dir,
    scenarios,
    seed: config.seed,
    counts,
    referenceDate: config.referenceDate,
    force: false,
    signal,
    onEvent(event) {
      if (event.type === "skip") log.debug(`${event.scenario}: dataset unchanged`);
      if (event.type === "start") log.info(`${event.scenario}: generating ${event.count} records`);
      if (event.type === "done") {
        log.info(`${event.scenario}: generated in ${event.seconds.toFixed(1)} s`);
      }
      if (event.type === "notice") log.warn(event.message);
    },
  });
}
