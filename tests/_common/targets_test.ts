import assert from "node:assert/strict";
import { BUILTIN_TARGETS, targetKind, targetLibrary } from "../../lib/_common/targets.ts";
import { runPythonWithRunner } from "../bench/fixtures.ts";
import { tempDir } from "../helpers/run_cli.ts";

Deno.test("targetKind() tells DataSON, competitors (json too), noop and custom targets apart", () => {
  for (
    const id of ["datason", "datason-str", "datason-dump_api", "datason-cfg-ml", "datason_fast"]
  ) {
    assert.equal(targetKind(id), "datason", id);
  }
  for (const id of ["json", "pickle", "orjson", "ujson", "msgpack", "simplejson", "cbor2"]) {
    assert.equal(targetKind(id), "competitor", id);
  }
  assert.equal(targetKind("noop"), "noop");
  assert.equal(targetKind("mylib"), "custom");
  assert.deepEqual(
    [...new Set(BUILTIN_TARGETS.map(targetKind))].sort(),
    ["competitor", "datason", "noop"],
  );
});

Deno.test("targetLibrary(): json and pickle go with the Python version, noop has no library", () => {
  assert.equal(targetLibrary("json"), null);
  assert.equal(targetLibrary("pickle"), null);
  assert.equal(targetLibrary("noop"), null);
  assert.equal(targetLibrary("orjson"), "orjson");
  assert.equal(targetLibrary("datason-dump_ml"), "datason");
  assert.equal(targetLibrary("datason_perfect"), "datason");
});

Deno.test("the Python runner knows exactly the built-in targets, in the same order", async () => {
  await using dir = await tempDir();
  const ids = await runPythonWithRunner(
    dir.path,
    "print(json.dumps(runner.BUILTIN_TARGET_IDS))",
  );
  assert.deepEqual(ids, [...BUILTIN_TARGETS]);
});
