/**
 * `deno task bench:trends`: how long `datason-bench trends` takes over a long history, and how much
 * memory it needs. Writes 2,000 synthetic RunRecords (one a day for 5½ years; 5 scenarios × 10
 * targets × 2 operations = 100 cells per run, 8 processes × 5 values each, as the default profile
 * stores them) to a temporary folder, then runs `trends` in a fresh process for the default window
 * and for the whole history, three times each, and prints seconds and peak memory. The history
 * has a 10% DataSON regression at run 1,500, an orjson speed-up at run 800 and a few runs where the
 * whole machine was faster, so that change points and environment shifts are exercised.
 *
 * Usage: deno task bench:trends [--runs N] [--repeat N] [--keep]
 */

import defaults from "../lib/config/defaults.json" with { type: "json" };
import { SCENARIO_NAMES } from "../lib/_common/vocabulary.ts";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createRng } from "../lib/_common/prng.ts";
import { withRunId } from "../lib/results/run_id.ts";
import {
  type MeasuredCell,
  type MeasuredRunRecord,
  RUN_RECORD_SCHEMA,
} from "../lib/results/run_record.ts";
import { saveRunRecord } from "../lib/results/store.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "2000" },
    repeat: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
  },
});
const RUNS = Number(flags.runs);
const REPEAT = Number(flags.repeat);
const SCENARIOS = SCENARIO_NAMES;
/** The competitive suite's targets of the default config. */
const TARGETS = defaults.suites.competitive.targets;
const PROCESSES = 8;
const VALUES = 5;
const START = Date.parse("2021-01-04T02:00:00.000Z");

function normal(rng: ReturnType<typeof createRng>): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function record(run: number, rng: ReturnType<typeof createRng>): MeasuredRunRecord {
  const fastMachine = run % 97 === 13; // an occasional faster runner: every series moves
  const runFactor = (fastMachine ? 0.75 : 1) * Math.exp(0.01 * normal(rng));
  const cells: MeasuredCell[] = [];
  SCENARIOS.forEach((scenario, s) => {
    TARGETS.forEach((target, t) => {
      for (const operation of ["serialize", "deserialize"] as const) {
        let level = 1000 * (s + 1) * (t + 1) * (operation === "deserialize" ? 1.3 : 1) * runFactor;
        if (target.startsWith("datason") && run >= 1500) level *= 1.1;
        if (target === "orjson" && run >= 800) level *= 0.8;
        const nsPerRecord = Array.from({ length: PROCESSES }, () => {
          const process = level * Math.exp(0.02 * normal(rng));
          return Array.from({ length: VALUES }, () => process * Math.exp(0.005 * normal(rng)));
        });
        const medians = nsPerRecord.map((v) => [...v].sort((a, b) => a - b)[VALUES >> 1])
          .sort((a, b) => a - b);
        const median = (medians[PROCESSES / 2 - 1] + medians[PROCESSES / 2]) / 2;
        cells.push({
          suite: "competitive",
          scenario,
          tier: "typed",
          target,
          environment: "default",
          operation,
          status: "ok",
          loops: 100,
          nsPerRecord,
          rounds: nsPerRecord.map((_, i) => i),
          outputBytes: 1000 * (s + 1),
          peakTracedBytes: null,
          rssDeltaBytes: null,
          fidelity: "exact",
          summary: {
            n: PROCESSES,
            median,
            mad: median * 0.01,
            cv: 0.015,
            min: medians[0],
            p95: medians[PROCESSES - 1],
            ci95: [medians[1], medians[PROCESSES - 2]],
          },
        });
      }
    });
  });
  const startedAt = new Date(START + run * 86_400_000).toISOString();
  return withRunId<MeasuredRunRecord>({
    schema: RUN_RECORD_SCHEMA,
    source: "datason-bench",
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + 1_200_000).toISOString(),
    complete: true,
    tool: { name: "datason-bench", version: "0.1.0", deno: Deno.version.deno },
    git: { commit: null, branch: null, dirty: null },
    machine: {
      os: "linux",
      arch: "x86_64",
      cpuModel: fastMachine ? "Fast CPU" : "AMD EPYC 7763 64-Core Processor",
      logicalCpus: 4,
      memoryBytes: 16e9,
      hostname: null,
      runnerImage: "ubuntu24",
    },
    environments: {
      default: {
        python: "3.12.11",
        implementation: "CPython",
        executable: null,
        freeze: {},
        libraries: {
          datason: { version: run >= 1500 ? "0.13.1" : "0.13.0", apis: [] },
          orjson: { version: run >= 800 ? "3.11.0" : "3.10.18", apis: [] },
        },
      },
    },
    config: {
      hash: "0".repeat(64),
      profile: "default",
      suites: ["competitive"],
      measure: {
        processes: PROCESSES,
        values: VALUES,
        warmups: 1,
        minValueSeconds: 0.05,
        timeoutSeconds: 600,
        records: {},
      },
    },
    datasets: {},
    shard: null,
    schedule: [],
    cells,
  });
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    total += entry.isDirectory ? await folderBytes(path) : (await Deno.stat(path)).size;
  }
  return total;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const dir = await Deno.makeTempDir({ prefix: "datason-bench-trends-" });
try {
  const rng = createRng(20250101, "bench-trends");
  const generated = performance.now();
  for (let run = 0; run < RUNS; run++) await saveRunRecord(dir, record(run, rng));
  const generateSeconds = (performance.now() - generated) / 1000;
  const bytes = await folderBytes(dir);
  console.log(
    `bench:trends — ${RUNS} RunRecords (${
      SCENARIOS.length * TARGETS.length * 2
    } cells each, ${PROCESSES} processes × ${VALUES} values), ${
      (bytes / 1e6).toFixed(0)
    } MB in ${dir}; written in ${generateSeconds.toFixed(1)} s`,
  );
  const child = new URL("./bench_trends_child.ts", import.meta.url).pathname;
  for (const days of ["90", "all"]) {
    const samples: { seconds: number; peakRssBytes: number; [key: string]: unknown }[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const output = await new Deno.Command(Deno.execPath(), {
        // --allow-all only so that the child may read its own /proc/self/status (peak memory).
        args: ["run", "--allow-all", "--no-prompt", child, dir, days],
        stdout: "piped",
        stderr: "inherit",
      }).output();
      const line = JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").pop()!);
      if (line.code !== 0) throw new Error(`trends failed: ${line.stderr}`);
      samples.push(line);
    }
    const last = samples[samples.length - 1];
    console.log(
      `  trends --days ${days.padEnd(3)}: ${median(samples.map((s) => s.seconds)).toFixed(2)} s ` +
        `(median of ${REPEAT}; min ${Math.min(...samples.map((s) => s.seconds)).toFixed(2)} s), ` +
        `peak memory ${
          (Math.max(...samples.map((s) => s.peakRssBytes)) / 2 ** 20).toFixed(0)
        } MiB ` +
        `(${last.peakSource}); ${last.runs} runs, ${last.series} series, ${last.points} points, ` +
        `${last.changePoints} change points, ${last.environmentShifts} environment shifts`,
    );
  }
} finally {
  if (flags.keep) console.log(`kept ${dir}`);
  else await Deno.remove(dir, { recursive: true });
}
