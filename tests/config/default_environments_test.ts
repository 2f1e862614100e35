import assert from "node:assert/strict";
import { resolveConfig } from "../../lib/config/load_config.ts";
import { DATASON_API_TARGETS, DATASON_CONFIG_TARGETS } from "../../lib/_common/targets.ts";

const { config } = resolveConfig({}, null, "/project");
const withoutDatason = (requirements: string[]) =>
  requirements.filter((r) => !r.startsWith("datason=="));

Deno.test("the version environments differ from default only in the DataSON pin", () => {
  const base = config.environments.default;
  const pins: Record<string, string> = {};
  for (const name of ["datason-0.11", "datason-0.12", "datason-0.13", "datason-2"]) {
    const env = config.environments[name];
    assert.ok(env, `environment ${name} is declared`);
    assert.equal(env.python, base.python);
    assert.deepEqual(withoutDatason(env.requirements), withoutDatason(base.requirements));
    const pin = env.requirements.filter((r) => r.startsWith("datason=="));
    assert.equal(pin.length, 1);
    pins[name] = pin[0];
  }
  assert.deepEqual(pins, {
    "datason-0.11": "datason==0.11.2",
    "datason-0.12": "datason==0.12.0",
    "datason-0.13": "datason==0.13.0",
    "datason-2": "datason==2.0.0a1",
  });
  for (const requirement of base.requirements) assert.match(requirement, /^[A-Za-z0-9_.-]+==\S+$/);
});

Deno.test("the configurations and versions suites cover every scenario and both operations", () => {
  const scenarios = ["api_fast", "ml_training", "secure_storage", "large_data", "edge_cases"];
  const configurations = config.suites.configurations;
  assert.deepEqual(configurations.environments, ["default"]);
  assert.deepEqual(configurations.targets, [
    "datason",
    ...DATASON_API_TARGETS,
    ...DATASON_CONFIG_TARGETS,
  ]);
  const versions = config.suites.versions;
  assert.deepEqual(versions.targets, ["datason"]);
  assert.deepEqual(versions.environments, [
    "datason-0.11",
    "datason-0.12",
    "datason-0.13",
    "datason-2",
  ]);
  for (const suite of [configurations, versions]) {
    assert.deepEqual(suite.scenarios, scenarios);
    assert.deepEqual(suite.operations, ["serialize", "deserialize"]);
  }
});

Deno.test("an environment name that is not a plain folder name is a config error", () => {
  for (const name of ["..", ".hidden", "a/b"]) {
    assert.throws(
      () =>
        resolveConfig(
          { environments: { [name]: { python: "python3", requirements: [] } } },
          "c.json",
          "/p",
        ),
      (error: Error & { exitCode?: number }) =>
        error.exitCode === 2 && /environments/.test(error.message),
      name,
    );
  }
});
