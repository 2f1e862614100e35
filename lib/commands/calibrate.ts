/** `datason-bench calibrate`: this machine's noise, false-alarm rate and detection power. */

import { join, resolve } from "node:path";
import type { Command } from "../cli/command.ts";
import { EXIT_OK, UsageError } from "../_common/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { resolveCalibrateOptions, runCalibration } from "../bench/calibrate.ts";
import { renderCalibration } from "../report/render_calibration.ts";
import { formatDuration } from "../_common/format.ts";
import { listFlag } from "./run.ts";
import { writeFileAtomic } from "../_common/atomic_write.ts";

export const calibrateCommand: Command = {
  name: "calibrate",
  summary: "Measure this machine's noise, false-alarm rate and detection power for a profile",
  description:
    "Runs --repeat paired runs on the profile's schedule. In every process each target is measured\n" +
    "as itself, as an identical copy (A/A) and as copies the runner slows by the --inject\n" +
    "percentages (it repeats that share of the work). Every A/A verdict at notice or above is a\n" +
    "false alarm (rate with its Clopper–Pearson 95% bound); every slowed copy should be caught\n" +
    "(detection rate per size: 'regressed' at notice or above, and 'significant' slowdown at any\n" +
    "size). Also reports the noise (robust CV), the median MDE and the processes a chosen MDE needs.\n" +
    "--view json (the default) loads the records as plain JSON, so json and orjson can be timed on\n" +
    "any scenario.",
  flags: {
    profile: {
      type: "string",
      valueName: "NAME",
      description: "Profile to calibrate (default: pr)",
    },
    target: {
      type: "string",
      multiple: true,
      valueName: "A,B",
      description: "Targets to calibrate on (default: json,orjson)",
    },
    scenario: { type: "string", valueName: "NAME", description: "Scenario (default: api_fast)" },
    environment: {
      type: "string",
      valueName: "NAME",
      description: "Environment (default: default)",
    },
    repeat: { type: "string", valueName: "N", description: "Paired runs (default: 10)" },
    inject: {
      type: "string",
      valueName: "P,Q",
      description: "Injected slowdowns in percent (default: 5,10,25)",
    },
    mde: {
      type: "string",
      valueName: "P",
      description:
        "Change in percent to compute the processes needed for (default: notice threshold)",
    },
    view: {
      type: "string",
      valueName: "VIEW",
      description: "json (records as plain JSON, default) or native (typed values hydrated)",
    },
    data: { type: "string", valueName: "DIR", description: "Datasets folder (default: data.dir)" },
    keep: {
      type: "string",
      valueName: "DIR",
      description:
        "Also write each paired run's RunRecord to DIR/calibrate-N.json (the raw values behind the verdicts)",
    },
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench calibrate --profile quick --repeat 30",
    "datason-bench calibrate --profile pr --target json,orjson --inject 5,10,25 --repeat 25",
    "datason-bench calibrate --profile pr --target json --repeat 3 --keep calibration-runs",
  ],
  async run(ctx) {
    const loaded = await ctx.loadConfig();
    const percentList = (value: unknown, flag: string) =>
      value === undefined ? undefined : String(value).split(",").map((v) => {
        const n = Number(v.trim());
        if (!Number.isFinite(n) || n <= 0) {
          throw new UsageError(`--${flag} takes positive percentages (got "${value}")`, {
            hint: `e.g. --${flag} 5,10,25`,
          });
        }
        return n / 100;
      });
    const view = ctx.flags.view as string | undefined;
    if (view !== undefined && view !== "json" && view !== "native") {
      throw new UsageError(`--view must be json or native (got "${view}")`);
    }
    const repeat = ctx.flags.repeat === undefined ? undefined : Number(ctx.flags.repeat);
    const options = resolveCalibrateOptions(loaded, {
      profile: ctx.flags.profile as string | undefined,
      targets: listFlag(ctx.flags.target),
      scenario: ctx.flags.scenario as string | undefined,
      environment: ctx.flags.environment as string | undefined,
      repeat,
      inject: percentList(ctx.flags.inject, "inject"),
      targetMde: percentList(ctx.flags.mde, "mde")?.[0],
      view: view as "json" | "native" | undefined,
      dataDir: typeof ctx.flags.data === "string" ? resolve(ctx.io.cwd, ctx.flags.data) : undefined,
    });
    ctx.log.info(
      `calibrate: profile ${options.profile}, ${
        options.targets.join(", ")
      } on ${options.scenario} ` +
        `(${options.view} view), ${options.repeat} paired run(s), injected ${
          options.inject.map((f) => `${f * 100}%`).join(", ")
        }`,
    );
    const keep = typeof ctx.flags.keep === "string" ? resolve(ctx.io.cwd, ctx.flags.keep) : null;
    const report = await runCalibration(loaded, options, ctx.log, {
      signal: ctx.signal,
      onRecord: keep === null ? undefined : async (record, repetition) => {
        const path = join(keep, `calibrate-${repetition}.json`);
        await writeFileAtomic(path, JSON.stringify(record, null, 2) + "\n");
        ctx.log.debug(`calibrate: wrote ${path}`);
      },
      onRepetition: (done, total, seconds) =>
        ctx.log.info(`  run ${done}/${total} done (${formatDuration(seconds)})`),
    });
    if (ctx.global.format === "json") writeJsonDocument(ctx.io, { ...report });
    else ctx.io.stdout(renderCalibration(report));
    return EXIT_OK;
  },
};
