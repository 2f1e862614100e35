/**
 * `deno task bench:report`: how long `datason-bench report` takes over five years of weekly
 * history, and how large the site gets. Writes 260 synthetic weekly RunRecords of the three suites
 * (260 cells each, 8 processes × 5 values, as the weekly default profile stores them; the history
 * of `scripts/synthetic_history.ts`) to a temporary folder, runs `report` in a fresh process
 * --repeat times, and prints the median and minimum seconds and the size of `index.html`; then the
 * size of the site for the newest run alone.
 *
 * Usage: deno task bench:report [--weeks N] [--repeat N] [--keep]
 */

import { join } from "node:path";
import { parseArgs } from "node:util";
import { saveRunRecord } from "../lib/results/store.ts";
import type { MeasuredRunRecord } from "../lib/results/run_record.ts";
import { fiveYearHistory } from "./synthetic_history.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    weeks: { type: "string", default: "260" },
    repeat: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
  },
});
const WEEKS = Number(flags.weeks);
const REPEAT = Number(flags.repeat);
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-run",
  "--allow-env",
  "--allow-sys",
  "--no-prompt",
];

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    total += entry.isDirectory ? await folderBytes(path) : (await Deno.stat(path)).size;
  }
  return total;
}

async function report(cwd: string, results: string): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, MAIN, "report", "--results", results, "--out", "site", "--json"],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const seconds = (performance.now() - started) / 1000;
  if (!output.success) {
    throw new Error(`report failed: ${new TextDecoder().decode(output.stderr)}`);
  }
  const doc = JSON.parse(new TextDecoder().decode(output.stdout));
  return { seconds, bytes: doc.bytes };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const dir = await Deno.makeTempDir({ prefix: "datason-bench-report-" });
try {
  const generated = performance.now();
  let newest: MeasuredRunRecord | null = null;
  for (const record of fiveYearHistory({ weeks: WEEKS })) {
    await saveRunRecord(join(dir, "history"), record);
    newest = record;
  }
  await saveRunRecord(join(dir, "one"), newest!);
  console.log(
    `bench:report — ${WEEKS} weekly RunRecords (260 cells each, 8 processes × 5 values), ${
      (await folderBytes(join(dir, "history")) / 1e6).toFixed(0)
    } MB in ${dir}; written in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
  );
  // One warm-up run so that the module cache is filled, then the timed runs.
  await report(dir, "history");
  const samples = [];
  for (let i = 0; i < REPEAT; i++) samples.push(await report(dir, "history"));
  const seconds = samples.map((s) => s.seconds);
  console.log(
    `  report, ${WEEKS} weeks: ${median(seconds).toFixed(2)} s (median of ${REPEAT}; min ${
      Math.min(...seconds).toFixed(2)
    } s), index.html ${(samples[0].bytes / 1024).toFixed(1)} KiB`,
  );
  const one = await report(dir, "one");
  console.log(
    `  report, newest run only: ${one.seconds.toFixed(2)} s, index.html ${
      (one.bytes / 1024).toFixed(1)
    } KiB`,
  );
} finally {
  if (flags.keep) console.log(`kept ${dir}`);
  else await Deno.remove(dir, { recursive: true });
}
