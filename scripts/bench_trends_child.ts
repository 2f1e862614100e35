/**
 * Child of `deno task bench:trends`: runs `datason-bench trends` in-process on a results folder and
 * prints one JSON line with the wall time and the process's peak resident memory (VmHWM from
 * /proc/self/status on Linux; elsewhere the resident size at the end, a lower bound).
 */

import { MemoryIo } from "../lib/cli/io.ts";
import { runCli } from "../lib/cli/run_cli.ts";
import { COMMANDS } from "../lib/commands/mod.ts";

const [resultsDir, days] = Deno.args;
const io = new MemoryIo({ env: { NO_COLOR: "1" } });
const started = performance.now();
const code = await runCli(["trends", "--results", resultsDir, "--days", days, "--json", "-q"], io, {
  commands: COMMANDS,
});
const seconds = (performance.now() - started) / 1000;

let peakRssBytes: number | null = null;
let peakSource = "VmHWM";
try {
  const status = await Deno.readTextFile("/proc/self/status");
  const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
  if (match) peakRssBytes = Number(match[1]) * 1024;
} catch {
  // not Linux
}
if (peakRssBytes === null) {
  peakRssBytes = Deno.memoryUsage().rss;
  peakSource = "rss at end";
}
const doc = code === 0 ? JSON.parse(io.out) : null;
console.log(JSON.stringify({
  code,
  seconds,
  peakRssBytes,
  peakSource,
  runs: doc?.counts.runs ?? null,
  series: doc?.counts.series ?? null,
  points: doc?.series.reduce((n: number, s: { points: unknown[] }) => n + s.points.length, 0) ??
    null,
  changePoints: doc?.counts.changePoints ?? null,
  environmentShifts: doc?.counts.environmentShifts ?? null,
  stderr: code === 0 ? "" : io.err,
}));
