/** A custom target's import folder that does not exist is named, with its config field. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";
import { plainRecords, testPython, writeDataset, writeManifest } from "./fixtures.ts";

Deno.test("run exits 2 naming targets[i].paths[j] when that folder does not exist", async () => {
  await using dir = await tempDir();
  const data = join(dir.path, "data");
  await Deno.mkdir(data);
  await writeManifest(data, [await writeDataset(data, "api_fast", plainRecords(3))]);
  await Deno.mkdir(join(dir.path, "libs"));
  await Deno.writeTextFile(
    join(dir.path, "datason-bench.json"),
    JSON.stringify({
      environments: { default: { python: testPython(), requirements: [] } },
      targets: [
        { id: "other", module: "json", serialize: "dumps", deserialize: "loads" },
        {
          id: "mylib",
          module: "mylib",
          serialize: "dumps",
          deserialize: "loads",
          paths: ["libs", "vendor/mylib"],
        },
      ],
      profiles: {
        tiny: {
          processes: 1,
          values: 1,
          warmups: 0,
          minValueSeconds: 0.001,
          records: 3,
          timeoutSeconds: 60,
        },
      },
      suites: { competitive: { targets: ["json", "mylib"], scenarios: ["api_fast"] } },
      data: { dir: "data" },
      results: { dir: "results" },
    }),
  );
  const result = await runCliProcess(["run", "--profile", "tiny"], { cwd: dir.path });
  assert.equal(result.code, 2, result.stderr);
  assert.match(
    result.stderr,
    /datason-bench\.json": targets\[1\]\.paths\[1\]: ".*vendor[\\/]mylib" does not exist \(an import folder of target "mylib"\)/,
  );
  assert.match(result.stderr, /hint: create that folder, or fix targets\[1\]\.paths\[1\]/);
});
