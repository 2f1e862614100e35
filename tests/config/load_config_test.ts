import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../../lib/_common/errors.ts";
import { loadConfig, parseConfigText } from "../../lib/config/load_config.ts";
import { tempDir } from "../helpers/run_cli.ts";

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const FILE = "/project/datason-bench.json";

Deno.test("loadConfig() uses the embedded defaults when there is no config file", async () => {
  await using dir = await tempDir();
  const loaded = await loadConfig({ cwd: dir.path });
  assert.equal(loaded.path, null);
  assert.equal(loaded.config.profile, "default");
  assert.equal(loaded.config.profiles.quick.processes, 3);
  assert.equal(loaded.config.results.dir, join(dir.path, "data/results"));
  assert.match(loaded.hash, /^[0-9a-f]{64}$/);
});

Deno.test("loadConfig() fails with exit 2 when --config names a missing file", async () => {
  await using dir = await tempDir();
  await assert.rejects(
    () => loadConfig({ cwd: dir.path, path: "nope.json" }),
    (error: unknown) =>
      error instanceof InputError && error.exitCode === 2 &&
      /nope\.json": no such file/.test(error.message),
  );
});

Deno.test("a user config overrides single fields and keeps the other defaults", () => {
  const loaded = parseConfigText(
    JSON.stringify({
      $schema: "./datason-bench.schema.json",
      seed: 7,
      profiles: { quick: { processes: 5 } },
      environments: { mine: { python: "python3.12", requirements: [] } },
    }),
    FILE,
  );
  assert.equal(loaded.config.seed, 7);
  assert.equal(loaded.config.profiles.quick.processes, 5);
  assert.equal(loaded.config.profiles.quick.values, 3);
  assert.ok("default" in loaded.config.environments);
  assert.equal(loaded.config.environments.mine.python, "python3.12");
});

Deno.test("relative paths resolve against the config file's folder", () => {
  const loaded = parseConfigText(
    JSON.stringify({
      data: { dir: "datasets" },
      environments: {
        pr: { python: "./venv/bin/python", requirements: ["../datason", "orjson==3.13.0"] },
      },
      targets: [{
        id: "mylib",
        module: "mylib",
        serialize: "dumps",
        deserialize: "loads",
        paths: ["src"],
      }],
    }),
    FILE,
  );
  assert.equal(loaded.config.data.dir, "/project/datasets");
  assert.equal(loaded.config.environments.pr.python, "/project/venv/bin/python");
  assert.deepEqual(loaded.config.environments.pr.requirements, ["/datason", "orjson==3.13.0"]);
  assert.deepEqual(loaded.config.targets[0].paths, ["/project/src"]);
});

Deno.test("the config hash does not depend on where the config lives", () => {
  const text = JSON.stringify({ seed: 3 });
  assert.equal(
    parseConfigText(text, "/a/datason-bench.json").hash,
    parseConfigText(text, "/b/c/datason-bench.json").hash,
  );
  assert.notEqual(parseConfigText(text, FILE).hash, parseConfigText(`{"seed": 4}`, FILE).hash);
});

Deno.test("a typo'd key names the file, the JSON path and the closest key", () => {
  const error = inputError(() => parseConfigText(`{"profiles": {"quick": {"proceses": 4}}}`, FILE));
  assert.equal(error.exitCode, 2);
  assert.match(
    error.message,
    /cannot read config "\/project\/datason-bench\.json": profiles\.quick\.proceses: unknown key "proceses" \(did you mean "processes"\?\)/,
  );
});

Deno.test("a wrong type names the path, the bad value and the expected type", () => {
  const error = inputError(() => parseConfigText(`{"seed": "forty-two"}`, FILE));
  assert.match(error.message, /seed: got string "forty-two", expected integer/);
  const range = inputError(() => parseConfigText(`{"seed": -1}`, FILE));
  assert.match(range.message, /seed: got -1, must be ≥ 0/);
  const item = inputError(() =>
    parseConfigText(
      `{"targets": [{"id": "x", "module": "m", "serialize": 1, "deserialize": "l"}]}`,
      FILE,
    )
  );
  assert.match(item.message, /targets\[0\]\.serialize: got integer 1, expected string/);
});

Deno.test("a bad enum value lists the allowed values", () => {
  const error = inputError(() => parseConfigText(`{"compare": {"failOn": "wran"}}`, FILE));
  assert.match(
    error.message,
    /compare\.failOn: got "wran", expected one of "fail", "warn", "notice", "never" \(did you mean "warn"\?\)/,
  );
});

Deno.test("malformed JSON reports line and column", () => {
  const error = inputError(() => parseConfigText(`{\n  "seed": 1,\n}`, FILE));
  assert.match(error.message, /datason-bench\.json": malformed JSON at line 3, column 1/);
  assert.match(error.hint ?? "", /trailing comma/);
  const empty = inputError(() => parseConfigText("", FILE));
  assert.match(empty.message, /the file is empty/);
  const notObject = inputError(() => parseConfigText("[1]", FILE));
  assert.match(notObject.message, /top level must be a JSON object/);
});

Deno.test("references between sections are checked", () => {
  const profile = inputError(() => parseConfigText(`{"profile": "quik"}`, FILE));
  assert.match(profile.message, /profile: unknown profile "quik" \(did you mean "quick"\?\)/);
  const target = inputError(() =>
    parseConfigText(
      `{"suites": {"mine": {"environments": ["default"], "targets": ["orjsn"], "scenarios": ["api_fast"], "operations": ["serialize"]}}}`,
      FILE,
    )
  );
  assert.match(
    target.message,
    /suites\.mine\.targets\[0\]: unknown target "orjsn" \(did you mean "orjson"\?\)/,
  );
  const env = inputError(() =>
    parseConfigText(
      `{"suites": {"mine": {"environments": ["defualt"], "targets": ["json"], "scenarios": ["api_fast"], "operations": ["serialize"]}}}`,
      FILE,
    )
  );
  assert.match(env.message, /unknown environment "defualt" \(did you mean "default"\?\)/);
  const clash = inputError(() =>
    parseConfigText(
      `{"targets": [{"id": "orjson", "module": "m", "serialize": "d", "deserialize": "l"}]}`,
      FILE,
    )
  );
  assert.match(clash.message, /targets\[0\]\.id: "orjson" is a built-in target/);
  const thresholds = inputError(() =>
    parseConfigText(`{"compare": {"thresholds": {"warn": 0.5}}}`, FILE)
  );
  assert.match(thresholds.message, /notice ≤ warn ≤ fail/);
});

Deno.test("a new environment without its required fields is reported", () => {
  const error = inputError(() =>
    parseConfigText(`{"environments": {"x": {"python": "python3"}}}`, FILE)
  );
  assert.match(error.message, /environments\.x\.requirements: is required/);
});

Deno.test("several problems are listed together", () => {
  const error = inputError(() =>
    parseConfigText(`{"sed": 1, "seed": "x", "report": {"titel": "t"}}`, FILE)
  );
  assert.match(error.message, /3 problems/);
  assert.match(error.message, /\n {2}sed: unknown key/);
  assert.match(
    error.message,
    /\n {2}report\.titel: unknown key "titel" \(did you mean "title"\?\)/,
  );
});
