/**
 * A workspace whose runs can be stopped by --max-minutes on purpose: a custom target sleeps on its
 * first call in a process when SLOW_FIRST is set, and the config lives in conf/ (so resuming
 * needs --config).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { plainRecords, testPython, writeDataset, writeManifest } from "../bench/fixtures.ts";

/** A target whose first call in a process sleeps SLOW_FIRST seconds (when that is set). */
const SLOW_FIRST = `
import json, os, time
_first = True
def dumps(x):
    global _first
    if _first:
        _first = False
        time.sleep(float(os.environ.get("SLOW_FIRST", "0")))
    return json.dumps(x)
loads = json.loads
`;

/** The config lives in conf/, away from the working folder, as with `--config conf/c.json`. */
export async function workspace(dir: string): Promise<void> {
  const data = join(dir, "data");
  await Deno.mkdir(data);
  await Deno.mkdir(join(dir, "conf"));
  await writeManifest(data, [await writeDataset(data, "api_fast", plainRecords(6))]);
  await Deno.writeTextFile(join(dir, "conf", "slowfirst.py"), SLOW_FIRST.trimStart());
  await Deno.writeTextFile(
    join(dir, "conf", "c.json"),
    JSON.stringify({
      environments: { default: { python: testPython(), requirements: [] } },
      targets: [{
        id: "slowfirst",
        module: "slowfirst",
        serialize: "dumps",
        deserialize: "loads",
        paths: ["."],
      }],
      profiles: {
        tiny: {
          processes: 3,
          values: 1,
          warmups: 0,
          minValueSeconds: 0.001,
          records: 5,
          timeoutSeconds: 60,
          memory: false,
        },
      },
      suites: { competitive: { targets: ["json", "slowfirst"], scenarios: ["api_fast"] } },
      data: { dir: "../data" },
      results: { dir: "../results" },
    }),
  );
}

export async function recordFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const day of Deno.readDir(join(dir, "results"))) {
    if (!day.isDirectory) continue;
    for await (const file of Deno.readDir(join(dir, "results", day.name))) {
      out.push(join(dir, "results", day.name, file.name));
    }
  }
  return out.sort();
}

/** The command after "Finish it with: ", split into arguments (the test's paths have no spaces). */
export function printedResume(stderr: string): string[] {
  const match = /Finish it with: datason-bench (run [^\n]*)/.exec(stderr);
  assert.ok(match, `no resume command in:\n${stderr}`);
  return match[1].trim().split(/\s+/);
}
