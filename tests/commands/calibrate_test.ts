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

Deno.test("calibrate reports A/A false alarms and detection per injected slowdown", async () => {
  await using dir = await tempDir();
  await workspace(dir.path);
  const result = await runCliProcess(
    [
      "calibrate",
      "--profile",
      "tiny",
      "--target",
      "json,pickle",
      "--repeat",
      "2",
      "--inject",
      "10,50",
      "--json",
    ],
    { cwd: dir.path },
  );
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.schema, "datason-bench/calibrate@1");
  assert.equal(report.repetitions, 2);
  const aa = report.analysis.falseAlarms;
  assert.equal(aa.trials, 2 * 2 * 2, "repetitions × targets × operations");
  assert.ok(aa.upper95OneSided > 0 && aa.upper95OneSided <= 1);
  assert.deepEqual(report.analysis.detection.map((d: { injected: number }) => d.injected), [
    0.1,
    0.5,
  ]);
  for (const d of report.analysis.detection) assert.equal(d.trials, 8);
  assert.equal(report.perTarget.length, 4);
  assert.match(result.stderr, /run 2\/2 done/);

  const text = await runCliProcess([
    "calibrate",
    "--profile",
    "tiny",
    "--target",
    "json",
    "--repeat",
    "1",
    "--keep",
    "runs",
  ], {
    cwd: dir.path,
  });
  assert.equal(text.code, 0, text.stderr);
  const kept = JSON.parse(await Deno.readTextFile(join(dir.path, "runs", "calibrate-1.json")));
  const labels = new Set(kept.cells.map((c: { target: string }) => c.target));
  assert.deepEqual([...labels].sort(), ["json", "json~10%", "json~25%", "json~5%", "json~aa"]);
  assert.equal(kept.cells[0].nsPerRecord.length, 4, "one value series per round");
  assert.match(
    text.stdout,
    /A\/A false alarms \(a verdict at notice or above\): \d+ of 2 comparisons/,
  );
  assert.match(text.stdout, /\+5%: regressed \d+\/2/);
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
  ];
  for (const [args, message] of cases) {
    const result = await runCliProcess(["calibrate", "--profile", "tiny", ...args], {
      cwd: dir.path,
    });
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});
