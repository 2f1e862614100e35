/** `datason-bench generate`: writes the synthetic datasets and their manifest, or verifies them. */

import { resolve } from "node:path";
import { formatBytesSi } from "../_common/format.ts";
import { renderDatasetCheck, renderGenerateOutcomes } from "../report/render_generate.ts";
import { type CommandContext, defineCommand } from "../cli/command.ts";
import { EXIT_OK, InterruptedError, UsageError } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { createProgress } from "../cli/progress.ts";
import { unknownName } from "../_common/suggest.ts";
import { MAX_RECORDS } from "../config/bounds.ts";
import { generateDatasets } from "../generate/generate_datasets.ts";
import { GENERATOR_VERSION } from "../generate/generator_version.ts";
import type { Scenario } from "../generate/scenario.ts";
import {
  checkDatasetFolder,
  datasetCheckDocument,
  datasetFolderProblem,
  describeDatasetStatus,
} from "../generate/verify_datasets.ts";
import { GenerationInterrupted } from "../generate/write_dataset.ts";
import { displayPath } from "../_common/display_path.ts";
import { SCENARIOS } from "../../scenarios/mod.ts";

const MAX_SEED = 4294967295;

export const generateCommand = defineCommand({
  name: "generate",
  summary: "Generate the synthetic datasets (same seed ⇒ same bytes on every OS)",
  description:
    "Writes <data.dir>/<scenario>.jsonl for each scenario and <data.dir>/manifest.json with the\n" +
    "SHA-256, size and record count of every file. Defaults come from the config: data.dir, seed\n" +
    "and scenarios.<name>.count. A scenario whose file already matches the manifest (same seed,\n" +
    "count, generator version, reference date and SHA-256) is skipped unless --force is given.\n" +
    "Files are written atomically: an interrupted run never leaves a file the manifest claims.\n" +
    "--verify recomputes every file's SHA-256 and exits 2 when one does not match the manifest.\n" +
    `Scenarios: ${SCENARIOS.map((s) => s.name).join(", ")}.`,
  flags: {
    scenario: {
      type: "string",
      multiple: true,
      valueName: "NAMES",
      description: "Only these scenarios, comma-separated (default: all five)",
    },
    seed: {
      type: "string",
      valueName: "N",
      description: `Seed, 0..${MAX_SEED} (default: seed in the config)`,
    },
    count: {
      type: "string",
      valueName: "N",
      description: "Records per selected scenario (default: scenarios.<name>.count)",
    },
    out: {
      type: "string",
      valueName: "DIR",
      description: "Output folder (default: data.dir in the config)",
    },
    force: { type: "boolean", description: "Regenerate files that already match the manifest" },
    verify: {
      type: "boolean",
      description: "Check the existing files against manifest.json instead of generating",
    },
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench generate",
    "datason-bench generate --scenario api_fast,edge_cases --count 50 --out /tmp/datasets",
    "datason-bench generate --seed 7 --force --json > manifest.json",
    "datason-bench generate --verify",
  ],
  async run(ctx) {
    const scenarios = parseScenarios(ctx.flags.scenario);
    const seedFlag = ctx.flags.seed;
    const countFlag = ctx.flags.count;
    const seed = seedFlag === undefined ? undefined : parseSeed(seedFlag);
    const count = countFlag === undefined ? undefined : parseCount(countFlag);
    if (ctx.flags.verify === true) {
      const conflicting = (["force", "seed", "count"] as const).filter((f) =>
        ctx.flags[f] !== undefined
      );
      if (conflicting.length > 0) {
        throw new UsageError(
          `--verify checks existing files; it cannot be combined with --${conflicting[0]}`,
          { hint: "run `datason-bench generate --force …` first, then `--verify` on its own" },
        );
      }
    }
    const loaded = await ctx.loadConfig();
    const outFlag = ctx.flags.out;
    const dir = outFlag === undefined ? loaded.config.data.dir : resolve(ctx.io.cwd, outFlag);
    if (ctx.flags.verify === true) {
      return await verify(ctx, dir, ctx.flags.scenario === undefined ? undefined : scenarios);
    }

    const counts: Record<string, number> = {};
    for (const s of scenarios) counts[s.name] = count ?? loaded.config.scenarios[s.name].count;
    const total = scenarios.reduce((sum, s) => sum + counts[s.name], 0);
    const progress = createProgress(ctx.io, { total, label: "generate", quiet: ctx.global.quiet });
    const where = displayPath(dir, ctx.io.cwd);
    let result;
    try {
      result = await generateDatasets({
        dir,
        scenarios,
        seed: seed ?? loaded.config.seed,
        counts,
        referenceDate: loaded.config.referenceDate,
        force: ctx.flags.force === true,
        signal: ctx.signal,
        onEvent(event) {
          switch (event.type) {
            case "record":
              progress.tick(1, event.scenario);
              break;
            case "skip":
              progress.tick(counts[event.scenario]);
              progress.done();
              ctx.log.info(
                `${event.scenario}: unchanged (matches manifest.json; --force regenerates it)`,
              );
              break;
            case "start":
              ctx.log.debug(`${event.scenario}: generating ${event.count} records into ${where}`);
              break;
            case "done":
              progress.done();
              ctx.log.info(
                `${event.scenario}: ${event.entry.records} records, ${
                  formatBytesSi(event.entry.bytes)
                } in ${event.seconds.toFixed(2)} s`,
              );
              break;
            case "notice":
              progress.done();
              ctx.log.info(event.message);
              break;
          }
        },
      });
    } catch (error) {
      progress.done();
      if (error instanceof GenerationInterrupted) {
        throw new InterruptedError(
          `interrupted: ${error.scenario}.jsonl was not written; files finished before it are ` +
            `kept and listed in ${where}/manifest.json`,
        );
      }
      throw error;
    }
    progress.done();

    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, { ...result.manifest });
    } else {
      ctx.io.stdout(renderGenerateOutcomes(result.outcomes));
      ctx.io.stdout(
        `manifest: ${displayPath(result.manifestPath, ctx.io.cwd)} (seed ${
          seed ?? loaded.config.seed
        }, generator ${GENERATOR_VERSION})\n`,
      );
    }
    return EXIT_OK;
  },
});

function parseScenarios(values: string[] | undefined): Scenario[] {
  if (values === undefined) return [...SCENARIOS];
  const names = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
  const known = SCENARIOS.map((s) => s.name);
  if (names.length === 0) {
    throw new UsageError("--scenario needs at least one name", {
      hint: `known scenarios: ${known.join(", ")}`,
    });
  }
  for (const name of names) {
    if (!known.includes(name as never)) {
      throw new UsageError(unknownName("scenario", name, known, { list: false }), {
        hint: `known scenarios: ${known.join(", ")}`,
      });
    }
  }
  // Canonical order, each once.
  return SCENARIOS.filter((s) => names.includes(s.name));
}

function parseSeed(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value > MAX_SEED) {
    throw new UsageError(`--seed must be an integer in 0..${MAX_SEED} (got "${text}")`, {
      hint: `pass e.g. --seed 20250101, or set "seed" in the config`,
    });
  }
  return value;
}

function parseCount(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`--count must be a whole number ≥ 1 (got "${text}")`, {
      hint: "pass e.g. --count 100, or set scenarios.<name>.count in the config",
    });
  }
  if (value > MAX_RECORDS) {
    throw new UsageError(`--count must be at most ${MAX_RECORDS} (got "${text}")`, {
      hint: "pass e.g. --count 100000; the records a run uses are capped by the profile's records",
    });
  }
  return value;
}

async function verify(
  ctx: CommandContext,
  dir: string,
  scenarios: Scenario[] | undefined,
): Promise<number> {
  const check = await checkDatasetFolder(dir, scenarios?.map((s) => s.name));
  if (ctx.global.format === "json") {
    writeJsonDocument(ctx.io, datasetCheckDocument(check));
  } else {
    const checks = check.statuses.map((s) => ({
      entry: s.entry,
      status: s.status,
      problem: s.status === "ok" ? null : describeDatasetStatus(s),
    }));
    ctx.io.stdout(renderDatasetCheck(checks, check.notInManifest, check.unlistedFiles));
  }
  const where = displayPath(dir, ctx.io.cwd);
  const problem = datasetFolderProblem(check, where);
  if (problem !== null) throw problem;
  ctx.log.info(`all ${check.statuses.length} dataset file(s) in ${where} match manifest.json`);
  return EXIT_OK;
}
