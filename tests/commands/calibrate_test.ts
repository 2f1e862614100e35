import assert from "node:assert/strict";
import { join } from "node:path";
import { plainRecords, testPython, writeDataset, writeManifest } from "../bench/fixtures.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";

async function workspace(dir: string): Promise<void> {
  const data = join(dir, "data");
  await Deno.mkdir(data);
  await writeManifest(data, [await writeDataset(data, "api_fast", plainRecords(6))]);
  await Deno.writeTextFile(
    join(dir, "datason-bench.json"),
    JSON.stringify({
      environments: { default: { python: testPython(), requirements: [] } },
      profiles: {
        tiny: {
          processes: 4,
          values: 2,
          warmups: 0,
          minValueSeconds: 0.001,
          records: 5,
          timeoutSeconds: 60,
        },
      },
      data: { dir: "data" },
    }),
  );
}

Deno.test("calibrate compares the pairings on A/A and injected rows, base and head in two environments", async () => {
  await using dir = await tempDir();
  await workspace(dir.path);
  // Duet needs two cores; a one-core machine compares the other two (and refuses duet, below).
  const pairings = (navigator.hardwareConcurrency ?? 1) >= 2
    ? ["process", "lockstep", "duet"]
    : ["process", "lockstep"];
  const result = await runCliProcess(
    [
      "calibrate",
      "--profile",
      "tiny",
      "--target",
      "json",
      "--scenario",
      "api_fast",
      "--pairing",
      pairings.join(","),
      "--repeat",
      "2",
      "--inject",
      "10,50",
      "--keep",
      "runs",
      "--json",
    ],
    { cwd: dir.path },
  );
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.schema, "datason-bench/calibrate@2");
  assert.equal(report.repetitions, 2);
  assert.deepEqual(report.options.pairings, pairings);
  assert.equal(report.options.datason, null, "the default environment pins no DataSON");
  // Every pairing with both process summaries.
  assert.deepEqual(
    report.pairings.map((p: { pairing: string; processSummary: string }) =>
      `${p.pairing}/${p.processSummary}`
    ),
    ["median", "min"].flatMap((summary) => pairings.map((p) => `${p}/${summary}`)),
  );
  for (const p of report.pairings) {
    assert.equal(p.analysis.falseAlarms.trials, 2 * 2, "repetitions × operations");
    assert.deepEqual(p.analysis.detection.map((d: { injected: number }) => d.injected), [0.1, 0.5]);
    for (const d of p.analysis.detection) assert.equal(d.trials, 4);
  }
  for (const pairing of pairings) {
    assert.ok(report.secondsPerRun[pairing] > 0);
    const kept = JSON.parse(
      await Deno.readTextFile(join(dir.path, "runs", `calibrate-2-${pairing}.json`)),
    );
    // Both sides in their own environment, under the same labels.
    const sides = new Set(kept.cells.map((c: { environment: string }) => c.environment));
    assert.deepEqual([...sides].sort(), ["base", "head"]);
    const labels = new Set(kept.cells.map((c: { target: string }) => c.target));
    assert.deepEqual([...labels].sort(), ["json~10%", "json~50%", "json~aa"]);
    for (const cell of kept.cells) {
      assert.equal(cell.nsPerRecord.length, 4, "one value series per round");
      assert.equal(cell.pairing, pairing === "process" ? undefined : pairing);
    }
  }
  assert.match(result.stderr, /repetition 2\/2 done/);
});

Deno.test("calibrate's text report has a row per pairing and process summary", async () => {
  await using dir = await tempDir();
  await workspace(dir.path);
  const text = await runCliProcess([
    "calibrate",
    "--profile",
    "tiny",
    "--target",
    "json",
    "--scenario",
    "api_fast",
    "--pairing",
    "lockstep",
    "--repeat",
    "1",
  ], {
    cwd: dir.path,
  });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^lockstep\s+median\s+\d+\/2 \(≤ [\d.]+%\)/m);
  assert.match(text.stdout, /^lockstep\s+min\s+/m);
  assert.match(
    text.stdout,
    /lockstep api_fast json serialize: A\/A flagged \d\/1; detected 2% \d\/1/,
  );
});

Deno.test("calibrate refuses bad input with exit 2", async () => {
  await using dir = await tempDir();
  await workspace(dir.path);
  const cases: [string[], RegExp][] = [
    [["--target", "jsno"], /unknown target "jsno" \(did you mean "json"\?\)/],
    [["--repeat", "0"], /--repeat must be a positive integer/],
    [["--inject", "five"], /--inject takes positive percentages/],
    [["--profile", "quik"], /unknown profile "quik"/],
    [["--view", "xml"], /--view must be json or native/],
    [["--pairing", "duo"], /--pairing must be one of process, lockstep, duet/],
    [["--records", "0"], /--records must be a positive integer/],
  ];
  for (const [args, message] of cases) {
    const result = await runCliProcess(["calibrate", "--profile", "tiny", ...args], {
      cwd: dir.path,
    });
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});
