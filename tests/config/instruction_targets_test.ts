/**
 * `instructions.targets` of a scenario or suite override: only those targets are counted under
 * Valgrind there, the others keep their time. A name that is not a target is an input error.
 */

import assert from "node:assert/strict";
import { InputError } from "../../lib/_common/errors.ts";
import { parseConfigText } from "../../lib/config/load_config.ts";
import { countsTarget, resolveScenarioSettings } from "../../lib/bench/measure_settings.ts";

const FILE = "/project/datason-bench.json";

Deno.test("the pr profile counts only datason on ml_training and every target elsewhere", () => {
  const { config } = parseConfigText("{}", FILE);
  const ml = resolveScenarioSettings(config, "pr", "ml_training");
  assert.deepEqual(ml.instructions?.targets, ["datason"]);
  assert.equal(countsTarget(ml, "datason"), true);
  assert.equal(countsTarget(ml, "datason-str"), false);
  assert.equal(ml.time, true, "ml_training keeps its time for every target");
  const api = resolveScenarioSettings(config, "pr", "api_fast");
  assert.equal(api.instructions?.targets, undefined);
  assert.equal(countsTarget(api, "datason-str"), true);
  assert.equal(countsTarget(api, "pickle"), true);
});

Deno.test("a later layer's instruction targets replace an earlier one's; time-only counts nothing", () => {
  const { config } = parseConfigText(
    JSON.stringify({
      scenarios: { api_fast: { measure: { instructions: { targets: ["json", "pickle"] } } } },
    }),
    FILE,
  );
  const api = resolveScenarioSettings(config, "pr", "api_fast");
  assert.deepEqual(api.instructions?.targets, ["json", "pickle"]);
  assert.equal(countsTarget(api, "datason"), false);
  const timeOnly = resolveScenarioSettings(config, "pr", "api_fast", [], ["time"]);
  assert.equal(countsTarget(timeOnly, "json"), false);
});

Deno.test("an instruction target that is not a target is an input error naming the field", () => {
  let error: unknown;
  try {
    parseConfigText(
      JSON.stringify({
        profiles: { pr: { scenarios: { ml_training: { instructions: { targets: ["datson"] } } } } },
      }),
      FILE,
    );
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof InputError, String(error));
  assert.match(error.message, /profiles\.pr\.scenarios\.ml_training\.instructions\.targets\[0\]/);
  assert.match(error.message + (error.hint ?? ""), /datason/);
});
