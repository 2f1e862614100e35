/** `datason-bench calibrate`: this machine's noise, false-alarm rate and detection power. */

import { join } from "node:path";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import { EXIT_OK, UsageError } from "../_common/errors.ts";
import { formatDuration } from "../_common/format.ts";
import { defineCommand } from "../cli/command.ts";
import { listFlag, listValue, oneOf, pathValue, stringFlag } from "../cli/flags.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { resolveCalibrateOptions, runCalibration } from "../pipelines/calibrate.ts";
import { renderCalibration } from "../report/render_calibration.ts";
import { profileFlag } from "./shared/flags.ts";

const VIEWS = ["json", "native"] as const;

export const calibrateCommand = defineCommand({
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
    ...profileFlag("Profile to calibrate (default: pr)"),
    target: listFlag("A,B", "Targets to calibrate on (default: json,orjson)"),
    scenario: stringFlag("NAME", "Scenario (default: api_fast)"),
    environment: stringFlag("NAME", "Environment (default: default)"),
    repeat: stringFlag("N", "Paired runs (default: 10)"),
    inject: stringFlag("P,Q", "Injected slowdowns in percent (default: 5,10,25)"),
    mde: stringFlag(
      "P",
      "Change in percent to compute the processes needed for (default: notice threshold)",
    ),
    view: stringFlag(
      "VIEW",
      "json (records as plain JSON, default) or native (typed values hydrated)",
    ),
    data: stringFlag("DIR", "Datasets folder (default: data.dir)"),
    keep: stringFlag(
      "DIR",
      "Also write each paired run's RunRecord to DIR/calibrate-N.json (the raw values behind the verdicts)",
    ),
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench calibrate --profile quick --repeat 30",
    "datason-bench calibrate --profile pr --target json,orjson --inject 5,10,25 --repeat 25",
    "datason-bench calibrate --profile pr --target json --repeat 3 --keep calibration-runs",
  ],
  async run(ctx) {
    const { flags, io, log } = ctx;
    const loaded = await ctx.loadConfig();
    const view = oneOf(flags.view, "view", VIEWS, "json or native");
    const options = resolveCalibrateOptions(loaded, {
      profile: flags.profile,
      targets: listValue(flags.target),
      scenario: flags.scenario,
      environment: flags.environment,
      repeat: flags.repeat === undefined ? undefined : Number(flags.repeat),
      inject: percentages(flags.inject, "inject"),
      targetMde: percentages(flags.mde, "mde")?.[0],
      view,
      dataDir: pathValue(flags.data, io.cwd),
    });
    log.info(
      `calibrate: profile ${options.profile}, ${
        options.targets.join(", ")
      } on ${options.scenario} ` +
        `(${options.view} view), ${options.repeat} paired run(s), injected ${
          options.inject.map((f) => `${f * 100}%`).join(", ")
        }`,
    );
    const keep = pathValue(flags.keep, io.cwd);
    const report = await runCalibration(loaded, options, { cwd: io.cwd, env: io.env, log }, {
      signal: ctx.signal,
      onRecord: keep === undefined ? undefined : async (record, repetition) => {
        const path = join(keep, `calibrate-${repetition}.json`);
        await writeFileAtomic(path, JSON.stringify(record, null, 2) + "\n");
        log.debug(`calibrate: wrote ${path}`);
      },
      onRepetition: (done, total, seconds) =>
        log.info(`  run ${done}/${total} done (${formatDuration(seconds)})`),
    });
    if (ctx.global.format === "json") writeJsonDocument(io, { ...report });
    else io.stdout(renderCalibration(report));
    return EXIT_OK;
  },
});

/** `5,10,25` → [0.05, 0.1, 0.25]. */
function percentages(value: string | undefined, flag: string): number[] | undefined {
  return value === undefined ? undefined : value.split(",").map((v) => {
    const n = Number(v.trim());
    if (!Number.isFinite(n) || n <= 0) {
      throw new UsageError(`--${flag} takes positive percentages (got "${value}")`, {
        hint: `e.g. --${flag} 5,10,25`,
      });
    }
    return n / 100;
  });
}
