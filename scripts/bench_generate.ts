/**
 * `deno task bench:generate [--scenario a,b] [--seed N] [--keep DIR]`: times generating each
 * scenario at its configured count (the defaults: 1000/100/500/20/200 records) into a temporary
 * folder, and prints MB/s per scenario, the total time and the process's peak resident memory.
 *
 * Peak memory is the process's maximum resident set size from getrusage(2) (`ru_maxrss`, read
 * through node:process `resourceUsage().maxRSS`; Deno refuses /proc/self/status without
 * --allow-all). It is the same figure `/usr/bin/time -v` reports as "Maximum resident set size".
 * Run one scenario alone (`--scenario large_data`) to see that scenario's own peak.
 */

import process from "node:process";
import { parseArgs } from "node:util";
import { loadConfig } from "../lib/config/load_config.ts";
import { generateDatasets } from "../lib/generate/generate_datasets.ts";
import { SCENARIOS } from "../scenarios/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    scenario: { type: "string" },
    seed: { type: "string" },
    keep: { type: "string" },
  },
});
const names = values.scenario?.split(",").map((s) => s.trim());
const unknown = names?.filter((n) => !SCENARIOS.some((s) => s.name === n)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(", ")}`);
  Deno.exit(2);
}
const scenarios = names === undefined ? SCENARIOS : SCENARIOS.filter((s) => names.includes(s.name));
const { config } = await loadConfig({ cwd: Deno.cwd() });
const dir = values.keep ?? await Deno.makeTempDir({ prefix: "datason-bench-gen-" });

/** Peak resident set size of this process so far (getrusage ru_maxrss, through node:process). */
function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const rows: string[][] = [["scenario", "records", "MB", "seconds", "MB/s", "peak RSS so far (MB)"]];
const started = performance.now();
let totalBytes = 0;
try {
  await generateDatasets({
    dir,
    scenarios,
    seed: values.seed === undefined ? config.seed : Number(values.seed),
    counts: Object.fromEntries(scenarios.map((s) => [s.name, config.scenarios[s.name].count])),
    referenceDate: config.referenceDate,
    force: true,
    onEvent(event) {
      if (event.type !== "done") return;
      totalBytes += event.entry.bytes;
      rows.push([
        event.scenario,
        String(event.entry.records),
        mb(event.entry.bytes),
        event.seconds.toFixed(2),
        (event.entry.bytes / 1e6 / event.seconds).toFixed(1),
        mb(peakRssBytes()),
      ]);
      console.error(`${event.scenario}: done`);
    },
  });
} finally {
  if (values.keep === undefined) await Deno.remove(dir, { recursive: true }).catch(() => {});
}
const seconds = (performance.now() - started) / 1000;
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const row of rows) {
  console.log(
    row.map((cell, c) => c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))
      .join("  "),
  );
}
console.log(
  `total: ${mb(totalBytes)} MB in ${seconds.toFixed(2)} s (${
    (totalBytes / 1e6 / seconds).toFixed(1)
  } MB/s); peak RSS ${
    mb(peakRssBytes())
  } MB; deno ${Deno.version.deno}, ${Deno.build.os}/${Deno.build.arch}`,
);
