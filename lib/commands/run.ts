/** `datason-bench run`: measures a suite in fresh Python processes and stores a RunRecord. */

import { resolve } from "node:path";
import type { Command, FlagValues } from "../cli/command.ts";
import { ExecutionError, EXIT_OK } from "../cli/errors.ts";
import { writeJsonDocument } from "../cli/output.ts";
import { createProgress } from "../cli/progress.ts";
import { renderRunTable } from "../bench/render_run_table.ts";
import {
  plannedMeasurements,
  resolveRunOptions,
  runBenchmark,
  type RunOptions,
} from "../bench/run_benchmark.ts";
import { displayPath, saveRunRecord } from "../results/store.ts";

export const runCommand: Command = {
  name: "run",
  summary: "Measure a suite in fresh Python processes and store a RunRecord",
  description:
    "Checks the datasets against their manifest, then for each scenario starts `processes` fresh\n" +
    "runner processes one after another, measures every target and operation of the suite\n" +
    "(time per record, output bytes, round-trip fidelity), measures memory in a fresh process, and\n" +
    "writes a RunRecord to the results folder. Every cell gets a status: ok, unsupported, error,\n" +
    "timeout, crashed, skipped or unavailable. Exits 2 when a dataset is missing or differs from\n" +
    "its manifest, 3 when Python cannot be started or no cell could be measured.",
  flags: {
    suite: {
      type: "string",
      valueName: "NAME",
      description: "Suite to run (default: competitive)",
    },
    scenario: {
      type: "string",
      multiple: true,
      valueName: "A,B",
      description: "Only these scenarios (comma-separated or repeated; default: the suite's)",
    },
    target: {
      type: "string",
      multiple: true,
      valueName: "A,B",
      description: "Only these targets, built-in or custom (default: the suite's)",
    },
    profile: {
      type: "string",
      valueName: "NAME",
      description: "Measurement profile: quick, pr, default or your own (default: config.profile)",
    },
    data: {
      type: "string",
      valueName: "DIR",
      description: "Folder with the datasets and manifest.json (default: data.dir of the config)",
    },
    out: {
      type: "string",
      valueName: "DIR",
      description: "Results folder the RunRecord is written to (default: results.dir)",
    },
  },
  formats: ["text", "json"],
  examples: [
    "datason-bench run --profile quick",
    "datason-bench run --scenario api_fast --target datason,orjson,json --profile quick",
    "datason-bench run --suite competitive --out data/results --json > run.json",
  ],
  async run(ctx) {
    const loaded = await ctx.loadConfig();
    const options = resolveRunOptions(loaded, runOptionsFromFlags(ctx.flags, ctx.io.cwd));
    const outDir = typeof ctx.flags.out === "string"
      ? resolve(ctx.io.cwd, ctx.flags.out)
      : loaded.config.results.dir;
    ctx.log.info(
      `run: suite ${options.suite}, profile ${options.profile}, ` +
        `${options.scenarios.length} scenario(s) × ${options.targets.length} target(s) × ` +
        `${options.operations.length} operation(s)`,
    );
    let progress: ReturnType<typeof createProgress> | null = null;
    const run = await runBenchmark(loaded, options, {
      cwd: ctx.io.cwd,
      env: ctx.io.env,
      log: ctx.log,
    }, {
      signal: ctx.signal,
      onStderr: ctx.global.verbose ? (text) => ctx.log.debug(text.trimEnd()) : undefined,
      onEvent(event) {
        switch (event.kind) {
          case "environment":
            ctx.log.debug(
              `environment ${event.environment}: runner says ${event.hello.implementation} ` +
                `${event.hello.python}, rss by ${event.hello.memory.rssMethod ?? "nothing"}`,
            );
            progress ??= createProgress(ctx.io, {
              total: plannedMeasurements(loaded, options),
              label: "run",
              quiet: ctx.global.quiet,
            });
            break;
          case "process":
            ctx.log.info(
              `${event.scenario}: process ${event.round + 1}/${event.rounds}` +
                (options.environments.length > 1 ? ` in ${event.environment}` : ""),
            );
            break;
          case "memory-start":
            ctx.log.info(`${event.scenario}: memory of ${event.cells} cell(s) in fresh processes`);
            break;
          case "cell":
            progress?.tick(
              1,
              `${event.scenario} ${event.outcome.target}/${event.outcome.operation}`,
            );
            if (event.outcome.status === "timeout" || event.outcome.status === "crashed") {
              ctx.log.warn(
                `${event.scenario} ${event.outcome.target}/${event.outcome.operation}: ` +
                  `${event.outcome.status} — ${event.outcome.error.message}; ` +
                  "a fresh process takes the remaining cells",
              );
            }
            break;
        }
      },
    });
    (progress as ReturnType<typeof createProgress> | null)?.done();
    if (run.aborted) {
      throw new ExecutionError("run interrupted: nothing was written", {
        hint: "run it again (resuming an interrupted run needs the journal of the schedule)",
      });
    }
    const path = await saveRunRecord(outDir, run.record);
    ctx.log.info(`wrote ${displayPath(path, ctx.io.cwd)}`);
    if (ctx.global.format === "json") {
      writeJsonDocument(ctx.io, { ...run.record });
    } else {
      ctx.io.stdout(renderRunTable(run.record, {
        fidelityNotes: run.fidelityNotes,
        memoryErrors: run.memoryErrors,
      }));
    }
    const okCells = run.record.cells.filter((c) => c.status === "ok").length;
    if (run.record.cells.length > 0 && okCells === 0) {
      throw new ExecutionError(
        `no cell could be measured (${run.record.cells.length} cells, all failed); ` +
          `the record was kept at ${displayPath(path, ctx.io.cwd)}`,
        { hint: "check the errors above; `--verbose` shows the runner's stderr" },
      );
    }
    return EXIT_OK;
  },
};

function listFlag(value: FlagValues[string]): string[] | undefined {
  if (value === undefined || typeof value === "boolean") return undefined;
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return items.length > 0 ? items : undefined;
}

function runOptionsFromFlags(flags: FlagValues, cwd: string): RunOptions {
  return {
    suite: typeof flags.suite === "string" ? flags.suite : undefined,
    scenarios: listFlag(flags.scenario),
    targets: listFlag(flags.target),
    profile: typeof flags.profile === "string" ? flags.profile : undefined,
    dataDir: typeof flags.data === "string" ? resolve(cwd, flags.data) : undefined,
  };
}
