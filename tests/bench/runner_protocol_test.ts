import assert from "node:assert/strict";
import { RunnerProcess } from "../../lib/bench/runner_process.ts";
import type {
  HelloReply,
  LoadedReply,
  MemoryReply,
  ResultReply,
  RunnerReply,
} from "../../lib/bench/protocol.ts";
import { tempDir } from "../helpers/run_cli.ts";
import {
  plainRecords,
  testPython,
  typedRecords,
  writeDataset,
  writeFaultModules,
} from "./fixtures.ts";

const TIMEOUT_SECONDS = 60;
const MEASURE = { warmups: 1, values: 3, minValueSeconds: 0.001, loops: null } as const;

async function withRunner<T>(fn: (runner: RunnerProcess) => Promise<T>): Promise<T> {
  const runner = await RunnerProcess.start({ python: testPython() });
  try {
    return await fn(runner);
  } finally {
    await runner.close();
  }
}

Deno.test("the runner answers every malformed request with an error reply and keeps serving", async () => {
  await withRunner(async (runner) => {
    const malformed = [
      "this is not json",
      "[1, 2, 3]",
      "{}",
      '{"type": "teleport"}',
      '{"type": "load"}',
      '{"type": "load", "path": 42}',
      '{"type": "measure", "target": {"id": "json"}, "operation": "serialize", "values": 3}',
      '{"type": "measure", "target": {}, "operation": "serialize", "values": 3}',
      '{"type": "hello", "protocol": 99}',
      "\u00ff\u00fe garbage",
    ];
    for (const line of malformed) {
      await runner.writeLine(line);
      const reply = await runner.readReply(TIMEOUT_SECONDS);
      assert.deepEqual(reply.type, "error", `reply to ${line}`);
      assert(reply.type === "error");
      assert(reply.error.message.length > 0);
    }
    await runner.writeLine('{"type": "load"}');
    const missing = await runner.readReply(TIMEOUT_SECONDS);
    assert(missing.type === "error");
    assert.match(missing.error.message, /missing field "path"/);
    await runner.writeLine('{"type": "teleport", "id": 7}');
    const unknown = await runner.readReply(TIMEOUT_SECONDS);
    assert(unknown.type === "error");
    assert.match(unknown.error.message, /unknown request type "teleport"/);
    assert.deepEqual(unknown.id, 7);
    const hello = await runner.request<HelloReply>({ type: "hello", protocol: 1 }, TIMEOUT_SECONDS);
    assert.deepEqual(hello.type, "hello");
  });
});

Deno.test("hello reports the interpreter, library versions and APIs, targets and the freeze", async () => {
  await withRunner(async (runner) => {
    const hello = await runner.request<HelloReply>({ type: "hello", protocol: 1 }, TIMEOUT_SECONDS);
    assert.deepEqual(hello.protocol, 1);
    assert.match(hello.python, /^3\.\d+\.\d+/);
    assert(hello.implementation.length > 0);
    assert.deepEqual(hello.libraries.json.apis, ["dumps", "loads"]);
    assert.deepEqual(hello.libraries.json.version, hello.python);
    assert.deepEqual(hello.targets.noop, null);
    assert.deepEqual(hello.targets.pickle, null);
    for (const id of ["datason", "datason-str", "datason-cfg-ml", "orjson", "msgpack", "cbor2"]) {
      assert(id in hello.targets, `${id} listed`);
    }
    if (hello.libraries.datason.version !== null) {
      assert(hello.libraries.datason.apis.length > 0);
      assert.equal(hello.libraries.datason.version, hello.freeze.datason);
    }
    assert(Object.keys(hello.freeze).length > 0);
    if (Deno.build.os === "linux") {
      assert.deepEqual(hello.memory.rssMethod?.startsWith("vmhwm"), true);
    }
  });
});

Deno.test("load hashes the file, honours limit and refuses a file whose sha256 differs", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(10));
  await withRunner(async (runner) => {
    const loaded = await runner.request<LoadedReply>(
      { type: "load", path: dataset.path, limit: 4, sha256: dataset.sha256 },
      TIMEOUT_SECONDS,
    );
    assert.deepEqual(loaded.type, "loaded");
    assert.deepEqual(loaded.records, 4);
    assert.deepEqual(loaded.totalRecords, 10);
    assert.deepEqual(loaded.sha256, dataset.sha256);
    assert.deepEqual(loaded.bytes, dataset.bytes);
    assert.deepEqual(loaded.scenario, "api_fast");
    assert.deepEqual(loaded.skipped, null);
    const wrong = await runner.request<RunnerReply>(
      { type: "load", path: dataset.path, limit: null, sha256: "0".repeat(64) },
      TIMEOUT_SECONDS,
    );
    assert(wrong.type === "error");
    assert.deepEqual(wrong.error.type, "DatasetMismatch");
    const absent = await runner.request<RunnerReply>(
      { type: "load", path: `${dir.path}/absent.jsonl`, limit: null },
      TIMEOUT_SECONDS,
    );
    assert(absent.type === "error");
    assert.deepEqual(absent.error.type, "DatasetError");
  });
});

Deno.test("measure times noop, runs json's typed adapter, flags orjson on a 100-bit int and pickle as exact", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "edge_cases", typedRecords());
  await withRunner(async (runner) => {
    await runner.request({ type: "load", path: dataset.path, limit: null }, TIMEOUT_SECONDS);
    const noop = await runner.request<ResultReply>(
      { type: "measure", target: { id: "noop" }, operation: "serialize", ...MEASURE },
      TIMEOUT_SECONDS,
    );
    assert(noop.status === "ok");
    assert.deepEqual(noop.nsPerRecord.length, 3);
    assert(noop.nsPerRecord.every((v) => v > 0));
    assert(noop.calibrated);
    assert.deepEqual(noop.fidelity, "exact");
    assert.deepEqual(noop.outputBytes, null);
    assert.deepEqual(noop.records, 2);

    const json = await runner.request<ResultReply>(
      { type: "measure", target: { id: "json" }, operation: "deserialize", ...MEASURE },
      TIMEOUT_SECONDS,
    );
    assert(json.status === "ok");
    assert.deepEqual(json.fidelity, "lossy");

    const orjson = await runner.request<ResultReply>(
      { type: "measure", target: { id: "orjson" }, operation: "deserialize", ...MEASURE },
      TIMEOUT_SECONDS,
    );
    assert(orjson.status === "unsupported");
    assert.deepEqual(orjson.error.type, "TypeError");
    assert.match(orjson.error.message, /record 0: Integer exceeds 64-bit range/);

    const pickle = await runner.request<ResultReply>(
      { type: "measure", target: { id: "pickle" }, operation: "deserialize", ...MEASURE, loops: 7 },
      TIMEOUT_SECONDS,
    );
    assert(pickle.status === "ok");
    assert.deepEqual(pickle.loops, 7);
    assert.deepEqual(pickle.calibrated, false);
    assert.deepEqual(pickle.fidelity, "exact");
    assert(pickle.outputBytes !== null && pickle.outputBytes > 100);

    const unchecked = await runner.request<ResultReply>(
      {
        type: "measure",
        target: { id: "pickle" },
        operation: "serialize",
        ...MEASURE,
        fidelity: false,
      },
      TIMEOUT_SECONDS,
    );
    assert(unchecked.status === "ok");
    assert.equal(unchecked.fidelity, null);
    assert.equal(unchecked.outputBytes, null);
  });
});

Deno.test("a slowed copy rounds loops to whole extra passes and reports the slowdown", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(5));
  await withRunner(async (runner) => {
    await runner.request({ type: "load", path: dataset.path, limit: null }, TIMEOUT_SECONDS);
    const slowed = await runner.request<ResultReply>(
      {
        type: "measure",
        target: { id: "json" },
        operation: "serialize",
        ...MEASURE,
        loops: 3,
        slowdown: 0.05,
      },
      TIMEOUT_SECONDS,
    );
    assert(slowed.status === "ok");
    assert.deepEqual(slowed.loops, 20);
    assert.deepEqual(slowed.slowdown, 0.05);
    const bad = await runner.request<RunnerReply>(
      {
        type: "measure",
        target: { id: "json" },
        operation: "serialize",
        ...MEASURE,
        slowdown: 0.0001,
      },
      TIMEOUT_SECONDS,
    );
    assert(bad.type === "error");
    assert.match(bad.error.message, /multiple of 0.001/);
  });
});

Deno.test("a library printing to stdout or writing to fd 1 cannot corrupt the protocol", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(3));
  const specs = await writeFaultModules(dir.path);
  await withRunner(async (runner) => {
    await runner.request({ type: "load", path: dataset.path, limit: null }, TIMEOUT_SECONDS);
    for (const operation of ["serialize", "deserialize"] as const) {
      const reply = await runner.request<ResultReply>(
        { type: "measure", target: specs.fault_noisy, operation, ...MEASURE, loops: 2 },
        TIMEOUT_SECONDS,
      );
      assert(reply.status === "ok", JSON.stringify(reply));
      assert.deepEqual(reply.fidelity, "exact");
    }
    const memory = await runner.request<MemoryReply>(
      { type: "memory", target: specs.fault_noisy, operation: "serialize" },
      TIMEOUT_SECONDS,
    );
    assert.deepEqual(memory.status, "ok");
  });
});

Deno.test("custom targets that cannot be imported are unavailable, bad function names an error", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(3));
  await Deno.writeTextFile(`${dir.path}/halfway.py`, "def dumps(x):\n    return str(x)\n");
  await withRunner(async (runner) => {
    await runner.request({ type: "load", path: dataset.path, limit: null }, TIMEOUT_SECONDS);
    const missing = await runner.request<ResultReply>({
      type: "measure",
      target: {
        id: "ghost",
        module: "no_such_module_xyz",
        serialize: "dumps",
        deserialize: "loads",
      },
      operation: "serialize",
      ...MEASURE,
    }, TIMEOUT_SECONDS);
    assert(missing.status === "unavailable");
    assert.match(missing.error.message, /no_such_module_xyz is not installed/);
    const bad = await runner.request<ResultReply>({
      type: "measure",
      target: {
        id: "halfway",
        module: "halfway",
        serialize: "dumps",
        deserialize: "loads",
        paths: [dir.path],
      },
      operation: "serialize",
      ...MEASURE,
    }, TIMEOUT_SECONDS);
    assert(bad.status === "error");
    assert.match(bad.error.message, /has no deserialize function 'loads'/);
  });
});

Deno.test("numpy data without numpy makes every cell skipped; a missing library is unavailable", async () => {
  await using dir = await tempDir();
  const hidden = `${dir.path}/hide`;
  await Deno.mkdir(hidden);
  for (const name of ["numpy", "orjson"]) {
    await Deno.writeTextFile(
      `${hidden}/${name}.py`,
      `raise ImportError("${name} hidden by the test")\n`,
    );
  }
  const dataset = await writeDataset(dir.path, "ml_training", typedRecords({ numpy: true }));
  const runner = await RunnerProcess.start({ python: testPython(), env: { PYTHONPATH: hidden } });
  try {
    const hello = await runner.request<HelloReply>({ type: "hello", protocol: 1 }, TIMEOUT_SECONDS);
    assert.match(hello.targets.orjson ?? "", /orjson is not installed/);
    assert.deepEqual(hello.libraries.orjson.version, null);
    const loaded = await runner.request<LoadedReply>(
      { type: "load", path: dataset.path, limit: null },
      TIMEOUT_SECONDS,
    );
    assert.match(loaded.skipped ?? "", /record 2 needs numpy/);
    const pickle = await runner.request<ResultReply>(
      { type: "measure", target: { id: "pickle" }, operation: "serialize", ...MEASURE },
      TIMEOUT_SECONDS,
    );
    assert(pickle.status === "skipped");
    assert.match(pickle.error.message, /numpy is not installed/);
    const orjson = await runner.request<ResultReply>(
      { type: "measure", target: { id: "orjson" }, operation: "serialize", ...MEASURE },
      TIMEOUT_SECONDS,
    );
    assert.deepEqual(orjson.status, "unavailable");
  } finally {
    await runner.close();
  }
});

Deno.test("a stretched value keeps its loops and reports the stretch; slowdown and stretch exclude each other", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(5));
  await withRunner(async (runner) => {
    await runner.request({ type: "load", path: dataset.path, limit: null }, TIMEOUT_SECONDS);
    const stretched = await runner.request<ResultReply>(
      {
        type: "measure",
        target: { id: "json" },
        operation: "serialize",
        ...MEASURE,
        loops: 3,
        stretch: 0.02,
      },
      TIMEOUT_SECONDS,
    );
    assert(stretched.status === "ok");
    assert.equal(stretched.loops, 3);
    assert.equal(stretched.stretch, 0.02);
    const both = await runner.request<RunnerReply>(
      {
        type: "measure",
        target: { id: "json" },
        operation: "serialize",
        ...MEASURE,
        loops: 3,
        stretch: 0.02,
        slowdown: 0.05,
      },
      TIMEOUT_SECONDS,
    );
    assert(both.type === "error");
    assert.match(both.error.message, /exclude each other/);
  });
});

Deno.test("pin binds the process to the slot-th CPU it may use; a negative slot is an error", async () => {
  await withRunner(async (runner) => {
    const pinned = await runner.request<RunnerReply>({ type: "pin", slot: 3 }, TIMEOUT_SECONDS);
    assert(pinned.type === "pinned", JSON.stringify(pinned));
    if (Deno.build.os === "linux") {
      assert(pinned.cpus !== null && pinned.cpus.length > 0);
      assert.equal(pinned.cpu, pinned.cpus[3 % pinned.cpus.length]);
    }
    const bad = await runner.request<RunnerReply>({ type: "pin", slot: -1 }, TIMEOUT_SECONDS);
    assert(bad.type === "error");
    assert.match(bad.error.message, /slot must be >= 0/);
  });
});
