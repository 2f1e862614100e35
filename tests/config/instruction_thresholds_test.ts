/**
 * `compare.instructions`: the thresholds of instructions and estimated cycles per record. A bad
 * value is an input error (exit 2) naming the file, the field and the fix.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../../lib/_common/errors.ts";
import { parseConfigText } from "../../lib/config/load_config.ts";
import { resolveCompareOptions } from "../../lib/regression/resolve_compare_options.ts";
import { runCliProcess, tempDir } from "../helpers/run_cli.ts";

const FILE = "/project/datason-bench.json";

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

Deno.test("compare.instructions defaults to 0.5% / 2% / 5%, improvement 0.5%, 3× the spread", () => {
  const loaded = parseConfigText("{}", FILE);
  assert.deepEqual(loaded.config.compare.instructions, {
    fail: 0.05,
    warn: 0.02,
    notice: 0.005,
    improvement: 0.005,
    spreadMultiple: 3,
  });
  const partial = parseConfigText(`{"compare": {"instructions": {"notice": 0.01}}}`, FILE);
  assert.equal(partial.config.compare.instructions.notice, 0.01);
  assert.equal(partial.config.compare.instructions.fail, 0.05);
  const resolved = resolveCompareOptions({}, partial.config.compare);
  assert.equal(resolved.instructions.notice, 0.01);
  assert.equal(resolved.instructions.spreadMultiple, 3);
});

Deno.test("bad compare.instructions values are input errors naming the file, the field and the fix", () => {
  const cases: [string, RegExp][] = [
    [
      `{"compare": {"instructions": {"notice": 0}}}`,
      /compare\.instructions\.notice: got 0, must be > 0/,
    ],
    [
      `{"compare": {"instructions": {"spreadMultiple": -1}}}`,
      /compare\.instructions\.spreadMultiple: got -1, must be ≥ 0/,
    ],
    [
      `{"compare": {"instructions": {"notise": 0.01}}}`,
      /compare\.instructions\.notise: unknown key/,
    ],
    [
      `{"compare": {"instructions": {"warn": 0.001}}}`,
      /compare\.instructions: must satisfy notice ≤ warn ≤ fail \(got 0\.005, 0\.001, 0\.05\)/,
    ],
  ];
  for (const [text, message] of cases) {
    const error = inputError(() => parseConfigText(text, FILE));
    assert.equal(error.exitCode, 2);
    assert.ok(error.message.includes(`cannot read config "${FILE}"`), error.message);
    assert.match(error.message, message);
    assert.match(error.hint ?? "", /fix the field/);
  }
});

Deno.test("resolveCompareOptions() checks instruction thresholds given in code", () => {
  const error = inputError(() => resolveCompareOptions({ instructions: { fail: 0.01 } }));
  assert.match(error.message, /instructions thresholds must satisfy fail ≥ warn ≥ notice/);
  assert.match(error.hint ?? "", /compare\.instructions/);
  assert.throws(
    () => resolveCompareOptions({ instructions: { spreadMultiple: Number.NaN } }),
    /instructions\.spreadMultiple must be ≥ 0/,
  );
});

Deno.test("compare exits 2 on a config whose instruction thresholds are out of order", async () => {
  await using dir = await tempDir();
  await Deno.writeTextFile(
    join(dir.path, "c.json"),
    JSON.stringify({ compare: { instructions: { notice: 0.1 } } }),
  );
  const result = await runCliProcess(
    ["compare", "--config", "c.json", "--baseline", "x.json", "--current", "y.json"],
    { cwd: dir.path },
  );
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /c\.json": compare\.instructions: must satisfy notice ≤ warn ≤ fail/);
});
