/** `datason-bench calibrate`: this machine's noise, false-alarm rate and detection power. */

import { join } from "node:path";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import { EXIT_OK, UsageError } from "../_common/errors.ts";
import { formatDuration } from "../_common/format.ts";
import { defineCommand } from "../cli/command.ts";
import { listFlag, listValue, oneOf, pathValue, stringFlag } from "../cli/flags.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { resolveCalibrateOptions, runCalibration } from "../pipelines/calibrate.ts";
import { runInstructionCalibration } from "../pipelines/calibrate_instructions.ts";
import { resolveInstructionCalibrateOptions } from "../pipelines/resolve_instruction_calibrate_options.ts";
import { renderCalibration } from "../report/render_calibration.ts";
import { renderInstructionCalibration } from "../report/render_instruction_calibration.ts";
import { measuresFlag, profileFlag } from "./shared/flags.ts";
import { scheduleEventLog } from "./shared/schedule_event_log.ts";

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
    "any scenario.\n\n" +
    "--measures instructions calibrates instruction counts the way the PR gate counts them: three\n" +
    "environments from copies of the --source DataSON folder (two identical, one with a no-op\n" +
    "edit), counted under Valgrind in fresh layouts per repetition; the injected copies add a known\n" +
    "number of instructions (--inject, default 1,2,5) to the counted region. Defaults there:\n" +
    "targets datason,datason-str, scenarios api_fast,secure_storage,edge_cases, --repeat 20,\n" +
    "--view native.",
  flags: {
    ...profileFlag("Profile to calibrate (default: pr)"),
    ...measuresFlag("time (default) or instructions (Valgrind; needs --source)"),
    source: stringFlag("DIR", "DataSON source folder the instruction calibration copies"),
    target: listFlag("A,B", "Targets to calibrate on (default: json,orjson)"),
    scenario: stringFlag("NAME", "Scenario (default: api_fast; instructions: a list)"),
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
    "datason-bench calibrate --measures instructions --source ../datason --repeat 20",
  ],
  async run(ctx) {
    const { flags, io, log } = ctx;
    const loaded = await ctx.loadConfig();
    const view = oneOf(flags.view, "view", VIEWS, "json or native");
    const measures = listValue(flags.measures) ?? ["time"];
    if (measures.includes("instructions")) {
      if (measures.length > 1) {
        throw new UsageError("calibrate measures one thing at a time", {
          hint: "--measures time, or --measures instructions",
        });
      }
      const options = resolveInstructionCalibrateOptions(loaded, {
        profile: flags.profile,
        targets: listValue(flags.target),
        scenarios: listValue(flags.scenario),
        source: pathValue(flags.source, io.cwd),
        repeat: flags.repeat === undefined ? undefined : Number(flags.repeat),
        inject: percentages(flags.inject, "inject"),
        view: flags.view === undefined ? undefined : view,
        dataDir: pathValue(flags.data, io.cwd),
      });
      log.info(
        `calibrate: instructions, profile ${options.profile}, ${options.targets.join(", ")} on ` +
          `${options.scenarios.join(", ")}, ${options.repeat} repetition(s), injected ${
            options.inject.map((f) => `${f * 100}%`).join(", ")
          }`,
      );
      const keep = pathValue(flags.keep, io.cwd);
      const report = await runInstructionCalibration(loaded, options, {
        cwd: io.cwd,
        env: io.env,
        log,
      }, {
        signal: ctx.signal,
        onEvent: scheduleEventLog(io, log, {
          totalCells: 0,
          quiet: true,
          showEnvironment: true,
        }).onEvent,
        onRecord: keep === undefined ? undefined : async (record, repetition, phase) => {
          const path = join(keep, `calibrate-${repetition}-${phase}.json`);
          await writeFileAtomic(path, JSON.stringify(record, null, 2) + "\n");
          log.debug(`calibrate: wrote ${path}`);
        },
        onRepetition: (done, total, seconds) =>
          log.info(`  repetition ${done}/${total} done (${formatDuration(seconds)})`),
      });
      if (ctx.global.format === "json") writeJsonDocument(io, { ...report });
      else io.stdout(renderInstructionCalibration(report));
      return EXIT_OK;
    }
    if (measures.some((m) => m !== "time")) {
      throw new UsageError(
        `--measures ${measures.join(",")}: calibrate measures time or instructions`,
        {
          hint: "--measures time, or --measures instructions",
        },
      );
    }
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
