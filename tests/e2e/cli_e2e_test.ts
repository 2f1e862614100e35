/**
 * End-to-end: the real CLI as the compiled binary runs it (compile permissions, --no-prompt,
 * --deny-read of the repository, a temporary working folder).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { writeMixedResults } from "../helpers/mixed_results.ts";
import { COMPILE_FLAGS, REPO_ROOT, runCliProcess, tempDir } from "../helpers/run_cli.ts";

Deno.test("the test helper spawns the CLI with exactly the compile task's permissions", async () => {
  const denoJson = JSON.parse(await Deno.readTextFile(join(REPO_ROOT, "deno.json")));
  const compile: string = denoJson.tasks.compile;
  const flags = compile.split(/\s+/).filter((word) => word.startsWith("--") && word !== "--output");
  assert.deepEqual(flags, [...COMPILE_FLAGS]);
  assert.doesNotMatch(compile, /\s-A\b|--allow-all|--allow-net/);
});

Deno.test("datason-bench --help prints the commands on stdout and exits 0", async () => {
  const result = await runCliProcess(["--help"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Usage: datason-bench <command> \[flags\]/);
  assert.match(result.stdout, /\n {2}check /);
  assert.equal(result.stderr, "");
});

Deno.test("datason-bench check --json prints one JSON document with a schema id", async () => {
  const result = await runCliProcess(["check", "--json"]);
  assert.equal(result.code, 0, result.stderr);
  const doc = JSON.parse(result.stdout);
  assert.equal(doc.schema, "datason-bench/check@1");
  assert.equal(doc.ok, true);
  assert.equal(doc.config.path, null, "no config file: the embedded defaults");
});

Deno.test("a config with a typo'd key, a wrong type or malformed JSON exits 2 naming file, path and fix", async () => {
  await using dir = await tempDir();
  const cases: [string, RegExp][] = [
    [
      `{"profiles": {"quick": {"valuse": 3}}}`,
      /profiles\.quick\.valuse: unknown key "valuse" \(did you mean "values"\?\)/,
    ],
    [`{"seed": "abc"}`, /seed: got string "abc", expected integer/],
    [`{"seed": 1,,}`, /malformed JSON at line 1, column 12/],
  ];
  for (const [text, expected] of cases) {
    await Deno.writeTextFile(join(dir.path, "datason-bench.json"), text);
    const result = await runCliProcess(["check"], { cwd: dir.path });
    assert.equal(result.code, 2, text);
    assert.match(result.stdout, expected);
    assert.match(result.stdout, /datason-bench\.json/);
    const strict = await runCliProcess([
      "check",
      "--config",
      "datason-bench.json",
      "--results",
      "r",
    ], {
      cwd: dir.path,
    });
    assert.equal(strict.code, 2);
  }
});

Deno.test("check reports a folder of bad result files file by file and does not crash", async () => {
  await using dir = await tempDir();
  await writeMixedResults(join(dir.path, "results"));
  const result = await runCliProcess(["check", "--results", "results", "--json"], {
    cwd: dir.path,
  });
  assert.equal(result.code, 2, "problems make check fail");
  const doc = JSON.parse(result.stdout);
  assert.equal(doc.results.runs, 2);
  const statuses = Object.fromEntries(
    doc.results.files.map((
      f: { path: string; status: string },
    ) => [f.path.split("/").pop(), f.status]),
  );
  assert.equal(statuses["truncated.json"], "invalid");
  assert.equal(statuses["empty.json"], "invalid");
  assert.equal(statuses["binary.json"], "invalid");
  assert.equal(statuses["future.json"], "future-schema");
  assert.match(result.stderr, /warning: skipped results\/bad\/future\.json \(future-schema\)/);
  const text = await runCliProcess(["check", "--results", "results"], { cwd: dir.path });
  assert.match(text.stdout, /2 run\(s\) readable, 4 problem\(s\)/);
});

Deno.test("unknown commands and flags exit 2 with a hint on stderr and nothing on stdout", async () => {
  const command = await runCliProcess(["chekc"]);
  assert.equal(command.code, 2);
  assert.equal(command.stdout, "");
  assert.match(command.stderr, /unknown command "chekc" \(did you mean "check"\?\)/);
  const flag = await runCliProcess(["check", "--resluts", "x"]);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /unknown flag --resluts for check \(did you mean "--results"\?\)/);
});
