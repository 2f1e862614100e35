/** `datason-bench calibrate`: this machine's noise, false-alarm rate and detection power. */

import { join } from "node:path";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import { EXIT_OK, UsageError } from "../_common/errors.ts";
import { formatDuration } from "../_common/format.ts";
import { defineCommand } from "../cli/command.ts";
import { booleanFlag, listFlag, listValue, oneOf, pathValue, stringFlag } from "../cli/flags.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { resolveCalibrateOptions, runCalibration } from "../pipelines/calibrate.ts";
import { runInstructionCalibration } from "../pipelines/calibrate_instructions.ts";
import { resolveInstructionCalibrateOptions } from "../pipelines/resolve_instruction_calibrate_options.ts";
import { renderCalibration } from "../report/render_calibration.ts";
import { renderInstructionCalibration } from "../report/render_instruction_calibration.ts";
import { measuresFlag, PAIRINGS, profileFlag } from "./shared/flags.ts";
import { resolveDatasonSpec } from "../pipelines/pr_gate.ts";
import { scheduleEventLog } from "./shared/schedule_event_log.ts";

const VIEWS = ["json", "native"] as const;

export const calibrateCommand = defineCommand({
  name: "calibrate",
  summary: "Measure this machine's noise, false-alarm rate and detection power for a profile",
  description:
    "Calibrates the A/B comparison `pr` makes, on this machine, for each way of pairing base and\n" +
    "head (--pairing: process, lockstep, duet). Both sides run the way `pr` runs them: runner\n" +
    "processes in two environments with the same DataSON (--datason, default: the default\n" +
    "environment's), on DataSON's gated targets and its records. Each target is measured as an\n" +
    "A/A pair (nothing injected) and with the head side slowed by the --inject percentages (its\n" +
    "runner stretches every value by that share, busy). Each of --repeat repetitions runs one paired\n" +
    "run per pairing, in a fresh random order. Per pairing and process summary: A/A false alarms\n" +
    "(a verdict at notice or above) with their Clopper–Pearson 95% bound, detection per size (a\n" +
    "significant slowdown after Holm over the run's rows), the median estimated change, the SD of\n" +
    "a round's log-ratio and the seconds each run takes. --bursts adds a background process that\n" +
    "takes one core in random 0.1–2 s bursts.\n\n" +
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
    target: listFlag("A,B", "Targets to calibrate on (default: the gated ones of pr.targets)"),
    scenario: listFlag("A,B", "Scenarios (default: api_fast,secure_storage)"),
    pairing: listFlag("A,B", "Pairings to compare: process, lockstep, duet (default: all three)"),
    datason: stringFlag(
      "REQ|DIR",
      "DataSON both sides install (default: the default environment's)",
    ),
    records: stringFlag("N", "Records per pass instead of the profile's"),
    bursts: booleanFlag("Keep one core busy in random 0.1–2 s bursts throughout"),
    repeat: stringFlag("N", "Repetitions (default: 10)"),
    inject: stringFlag("P,Q", "Injected slowdowns in percent (default: 2,5,10)"),
    mde: stringFlag(
      "P",
      "Change in percent to compute the processes needed for (default: notice threshold)",
    ),
    view: stringFlag(
      "VIEW",
      "native (typed values hydrated, default) or json (records as plain JSON)",
    ),
    data: stringFlag("DIR", "Datasets folder (default: data.dir)"),
    keep: stringFlag(
      "DIR",
      "Also write each paired run's RunRecord to DIR/calibrate-N-PAIRING.json (the raw values behind the verdicts)",
    ),
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench calibrate --repeat 20",
    "datason-bench calibrate --repeat 20 --bursts --pairing lockstep,duet",
    "datason-bench calibrate --profile quick --scenario api_fast --repeat 3 --keep calibration-runs",
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
    const pairings = listValue(flags.pairing)?.map((p) => oneOf(p, "pairing", PAIRINGS)!);
    const records = flags.records === undefined ? undefined : Number(flags.records);
    const options = resolveCalibrateOptions(loaded, {
      profile: flags.profile,
      targets: listValue(flags.target),
      scenarios: listValue(flags.scenario),
      pairings,
      datason: flags.datason === undefined
        ? undefined
        : await resolveDatasonSpec(flags.datason, "--datason", io.cwd),
      records,
      bursts: flags.bursts === true,
      repeat: flags.repeat === undefined ? undefined : Number(flags.repeat),
      inject: percentages(flags.inject, "inject"),
      targetMde: percentages(flags.mde, "mde")?.[0],
      view,
      dataDir: pathValue(flags.data, io.cwd),
    });
    log.info(
      `calibrate: profile ${options.profile}, ${options.targets.join(", ")} on ${
        options.scenarios.join(", ")
      }, DataSON ${options.datason ?? "of the default environment"} on both sides, pairings ${
        options.pairings.join(", ")
      }, ${options.repeat} repetition(s), injected ${
        options.inject.map((f) => `${f * 100}%`).join(", ")
      }` +
        (options.bursts ? ", with bursts" : ""),
    );
    const keep = pathValue(flags.keep, io.cwd);
    const report = await runCalibration(loaded, options, { cwd: io.cwd, env: io.env, log }, {
      signal: ctx.signal,
      onRecord: keep === undefined ? undefined : async (record, repetition, pairing) => {
        const path = join(keep, `calibrate-${repetition}-${pairing}.json`);
        await writeFileAtomic(path, JSON.stringify(record, null, 2) + "\n");
        log.debug(`calibrate: wrote ${path}`);
      },
      onRun: (pairing, repetition, seconds) =>
        log.info(`  repetition ${repetition}: ${pairing} in ${formatDuration(seconds)}`),
      onRepetition: (done, total, seconds) =>
        log.info(`  repetition ${done}/${total} done (${formatDuration(seconds)})`),
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
