/**
 * Upper bounds of the config's counts and durations: a value past one is an input error (exit 2)
 * naming the file, the JSON path and the bound, before anything is planned or started.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../../lib/_common/errors.ts";
import { parseConfigText } from "../../lib/config/load_config.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";

const FILE = "/project/datason-bench.json";

/** `config` as a value, or as JSON text (for numbers JavaScript cannot write, like 1e400). */
function inputError(config: unknown): InputError {
  try {
    parseConfigText(typeof config === "string" ? config : JSON.stringify(config), FILE);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`expected an InputError for ${JSON.stringify(config)}`);
}

Deno.test("a count or duration past its bound is an input error naming the JSON path and the bound", () => {
  const cases: [unknown, string, string][] = [
    [{ profiles: { quick: { processes: 1e9 } } }, "profiles.quick.processes", "≤ 1000"],
    [{ profiles: { quick: { values: 1e9 } } }, "profiles.quick.values", "≤ 1000"],
    [{ profiles: { quick: { warmups: 1e6 } } }, "profiles.quick.warmups", "≤ 100"],
    [{ profiles: { quick: { records: 1e9 } } }, "profiles.quick.records", "≤ 10000000"],
    [{ profiles: { quick: { minValueSeconds: 3600 } } }, "profiles.quick.minValueSeconds", "≤ 60"],
    [{ profiles: { pr: { timeoutSeconds: 2_147_484 } } }, "profiles.pr.timeoutSeconds", "≤ 86400"],
    [
      { profiles: { quick: { scenarios: { api_fast: { processes: 5000 } } } } },
      "profiles.quick.scenarios.api_fast.processes",
      "≤ 1000",
    ],
    [
      { profiles: { quick: { suites: { versions: { values: 5000 } } } } },
      "profiles.quick.suites.versions.values",
      "≤ 1000",
    ],
    [
      '{"scenarios": {"edge_cases": {"measure": {"timeoutSeconds": 1e400}}}}',
      "scenarios.edge_cases.measure.timeoutSeconds",
      "≤ 86400",
    ],
    [{ scenarios: { api_fast: { count: 1e9 } } }, "scenarios.api_fast.count", "≤ 10000000"],
    [{ trends: { days: 1e12 } }, "trends.days", "≤ 36500"],
    [{ trends: { permutations: 1e9 } }, "trends.permutations", "≤ 100000"],
    [{ trends: { minSegment: 1e9 } }, "trends.minSegment", "≤ 1000"],
  ];
  for (const [config, path, bound] of cases) {
    const error = inputError(config);
    assert.equal(error.exitCode, 2);
    assert.ok(error.message.includes(`cannot read config "${FILE}"`), error.message);
    assert.ok(error.message.includes(`${path}: got `), `${path} in: ${error.message}`);
    assert.ok(error.message.includes(`must be ${bound}`), `${bound} in: ${error.message}`);
    assert.match(error.hint ?? "", /fix the field/);
  }
});

Deno.test("values at the bounds are accepted", () => {
  const loaded = parseConfigText(
    JSON.stringify({
      profiles: {
        quick: {
          processes: 1000,
          values: 1000,
          warmups: 100,
          minValueSeconds: 60,
          records: 10_000_000,
          timeoutSeconds: 86_400,
        },
      },
      scenarios: { api_fast: { count: 10_000_000 } },
      trends: { days: 36_500, permutations: 100_000, minSegment: 1000 },
    }),
    FILE,
  );
  assert.equal(loaded.config.profiles.quick.timeoutSeconds, 86_400);
});

Deno.test("run --dry-run exits 2 at once for processes 1e9 and for a timeout past the timer's range", async () => {
  await using dir = await tempDir();
  for (
    const [profile, path] of [
      [{ processes: 1e9 }, "profiles.quick.processes"],
      [{ timeoutSeconds: 2_147_484 }, "profiles.quick.timeoutSeconds"],
    ] as const
  ) {
    await Deno.writeTextFile(
      join(dir.path, "c.json"),
      JSON.stringify({ profiles: { quick: profile } }),
    );
    const result = await runCliProcess(
      ["run", "--config", "c.json", "--profile", "quick", "--dry-run"],
      { cwd: dir.path },
    );
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, new RegExp(`c\\.json": ${path.replaceAll(".", "\\.")}: got `));
  }
});

Deno.test("generate --count and trends --days past their bounds exit 2 naming the flag", async () => {
  await using dir = await tempDir();
  const count = await runCliProcess(["generate", "--count", "1000000000"], { cwd: dir.path });
  assert.equal(count.code, 2);
  assert.match(count.stderr, /--count must be at most 10000000 \(got "1000000000"\)/);
  const days = await runCliProcess(["trends", "--results", ".", "--days", "1e12"], {
    cwd: dir.path,
  });
  assert.equal(days.code, 2, days.stderr);
  assert.match(days.stderr, /--days must be at most 36500/);
});
