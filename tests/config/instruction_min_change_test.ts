import assert from "node:assert/strict";
import { InputError } from "../../lib/_common/errors.ts";
import { parseConfigText } from "../../lib/config/load_config.ts";
import { trendsOptions } from "../../lib/trends/trends_options.ts";

const FILE = "/project/datason-bench.json";

Deno.test("trends.instructionMinChange defaults to 0.5%, the notice threshold of instruction comparisons", () => {
  const { config } = parseConfigText("{}", FILE);
  assert.equal(config.trends.instructionMinChange, 0.005);
  assert.equal(config.trends.instructionMinChange, config.compare.instructions.notice);
  assert.equal(config.trends.minChange, 0.05, "time keeps its own");
  const options = trendsOptions(config.trends, 1, { days: 90, metric: null });
  assert.equal(options.instructionMinChange, 0.005);
});

Deno.test("trends.instructionMinChange can be set, and is an input error outside 0…1", () => {
  const { config } = parseConfigText(
    JSON.stringify({ trends: { instructionMinChange: 0.01 } }),
    FILE,
  );
  assert.equal(config.trends.instructionMinChange, 0.01);
  for (const value of [-0.1, 2, "0.01"]) {
    assert.throws(
      () => parseConfigText(JSON.stringify({ trends: { instructionMinChange: value } }), FILE),
      (error: unknown) =>
        error instanceof InputError && error.exitCode === 2 &&
        /trends\.instructionMinChange/.test(error.message),
    );
  }
});
