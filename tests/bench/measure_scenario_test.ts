/**
 * Faults handled as data by the unit of work the schedules call: a target that raises on some
 * records, one that returns wrong data, one that hangs, one that kills its process, and one that
 * allocates 50 MB with plain malloc.
 */

import assert from "node:assert/strict";
import {
  type CellPlan,
  measureScenarioInProcess,
  measureSlotsInProcess,
  type MemoryOutcome,
  type RunnerEnvironment,
} from "../../lib/bench/measure_scenario.ts";
import { tempDir } from "../helpers/run_cli.ts";
import {
  IS_WINDOWS,
  plainRecords,
  testPython,
  writeDataset,
  writeFaultModules,
} from "./fixtures.ts";

const ENV: RunnerEnvironment = { name: "test", python: testPython() };
const SETTINGS = { warmups: 0, values: 2, minValueSeconds: 0.001, timeoutSeconds: 30 };

Deno.test("raising and wrong-data targets are unsupported and mismatch; the rest is measured", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(6));
  const specs = await writeFaultModules(dir.path);
  const cells: CellPlan[] = [
    { target: specs.fault_raises, operation: "serialize", loops: null },
    { target: specs.fault_raises, operation: "deserialize", loops: null },
    { target: specs.fault_wrong, operation: "deserialize", loops: null },
    { target: { id: "json" }, operation: "serialize", loops: 3 },
  ];
  const run = await measureScenarioInProcess(
    ENV,
    { scenario: "api_fast", path: dataset.path, sha256: dataset.sha256, limit: null },
    cells,
    SETTINGS,
  );
  assert.equal(run.processes, 1);
  assert.equal(run.loaded?.records, 6);
  const [raises, raisesDe, wrong, json] = run.outcomes;
  assert.equal(raises.status, "unsupported");
  assert(raises.status === "unsupported");
  assert.equal(raises.error.type, "ValueError");
  assert.equal(raises.error.message, "record 1: odd records are not supported");
  assert(raisesDe.status === "unsupported");
  assert.match(raisesDe.error.message, /^serialize \(which makes the input\) raised: record 1/);
  assert(wrong.status === "ok");
  assert.equal(wrong.fidelity, "mismatch");
  assert.equal(wrong.fidelityNote, "record 0 at $.score: 0 became -1");
  assert(json.status === "ok");
  assert.equal(json.loops, 3);
  assert.equal(json.fidelity, "exact");
  assert.equal(json.nsPerRecord.length, 2);
});

Deno.test({
  name:
    "a hanging target is killed at the timeout and a killed process is crashed; the run goes on",
  ignore: IS_WINDOWS,
  async fn() {
    await using dir = await tempDir();
    const dataset = await writeDataset(dir.path, "api_fast", plainRecords(4));
    const specs = await writeFaultModules(dir.path);
    const cells: CellPlan[] = [
      { target: { id: "json" }, operation: "serialize", loops: 2 },
      { target: specs.fault_hangs, operation: "serialize", loops: null },
      { target: specs.fault_kills, operation: "serialize", loops: null },
      { target: { id: "json" }, operation: "deserialize", loops: 2 },
    ];
    const seen: string[] = [];
    const run = await measureScenarioInProcess(
      ENV,
      { scenario: "api_fast", path: dataset.path, sha256: null, limit: null },
      cells,
      { ...SETTINGS, timeoutSeconds: 1.5 },
      { onCell: (o) => void seen.push(`${o.target}/${o.status}/${o.process}`) },
    );
    assert.deepEqual(seen, [
      "json/ok/0",
      "fault_hangs/timeout/0",
      "fault_kills/crashed/1",
      "json/ok/2",
    ]);
    assert.equal(run.processes, 3);
    const hang = run.outcomes[1];
    assert(hang.status === "timeout");
    assert.equal(hang.error.signal, "SIGKILL");
    assert.match(hang.error.message, /no reply within 1.5 s/);
    const kill = run.outcomes[2];
    assert(kill.status === "crashed");
    assert.equal(kill.error.signal, "SIGKILL");
    assert.equal(kill.error.exitCode, null);
    assert.match(
      kill.error.message,
      /killed by signal SIGKILL\) while measuring fault_kills\/serialize/,
    );
  },
});

Deno.test({
  name: "50 MB allocated with plain malloc shows in rssDeltaBytes and not in peakTracedBytes",
  ignore: IS_WINDOWS,
  async fn() {
    await using dir = await tempDir();
    const dataset = await writeDataset(dir.path, "api_fast", plainRecords(2));
    const specs = await writeFaultModules(dir.path);
    const memory: MemoryOutcome[] = [];
    const run = await measureSlotsInProcess(
      ENV,
      [{
        dataset: { scenario: "api_fast", path: dataset.path, sha256: null, limit: null },
        cells: [
          { target: specs.fault_malloc, operation: "serialize", loops: 1 },
          { target: { id: "json" }, operation: "serialize", loops: 1 },
        ],
        settings: SETTINGS,
        memory: true,
      }],
      { onMemory: (_slot, outcome) => void memory.push(outcome) },
    );
    const [malloc, json] = memory;
    assert(malloc.status === "ok", JSON.stringify(malloc));
    assert(json.status === "ok");
    assert(malloc.rssDeltaBytes !== null && malloc.rssDeltaBytes >= 45 * 1024 * 1024);
    assert(malloc.peakTracedBytes < 1024 * 1024, `traced ${malloc.peakTracedBytes}`);
    assert(json.rssDeltaBytes !== null && json.rssDeltaBytes < 10 * 1024 * 1024);
    assert.equal(run.processes, 1, "memory is taken in the process that timed the cells");
  },
});

Deno.test("one process times two datasets in turn, each slot's memory after its timing", async () => {
  await using dir = await tempDir();
  const first = await writeDataset(dir.path, "api_fast", plainRecords(4));
  const second = await writeDataset(dir.path, "secure_storage", plainRecords(6));
  const specs = await writeFaultModules(dir.path);
  const seen: string[] = [];
  const run = await measureSlotsInProcess(ENV, [
    {
      dataset: { scenario: "api_fast", path: first.path, sha256: first.sha256, limit: null },
      cells: [
        { target: { id: "json" }, operation: "serialize", loops: null },
        { target: specs.keeps_64k, operation: "serialize", loops: null },
      ],
      settings: SETTINGS,
      memory: true,
    },
    {
      dataset: { scenario: "secure_storage", path: second.path, sha256: null, limit: null },
      cells: [{ target: { id: "json" }, operation: "deserialize", loops: null }],
      settings: SETTINGS,
      memory: false,
    },
  ], {
    onCell: (slot, o) => void seen.push(`${slot} time ${o.key} ${o.status}`),
    onMemory: (slot, o) => void seen.push(`${slot} memory ${o.key} ${o.status}`),
  });
  assert.equal(run.processes, 1);
  assert.deepEqual(seen, [
    "0 time json/serialize ok",
    "0 time keeps_64k/serialize ok",
    "0 memory json/serialize ok",
    "0 memory keeps_64k/serialize ok",
    "1 time json/deserialize ok",
  ]);
  assert.equal(run.loaded?.records, 6, "the second slot loaded its own dataset");
  const timed = run.outcomes.find((o) => o.kind === "time" && o.slot === 1);
  assert(timed?.kind === "time" && timed.outcome.status === "ok");
  assert.equal(timed.outcome.records, 6);
  const peaks = Object.fromEntries(
    run.outcomes.flatMap((o) =>
      o.kind === "memory" && o.outcome.status === "ok"
        ? [[o.outcome.key, o.outcome.peakTracedBytes]]
        : []
    ),
  );
  // The target holds 64 KiB during each call on top of what json.dumps needs (± what the two
  // passes leave in the allocator, below the comparison's 2 KiB floor).
  const extra = peaks["keeps_64k/serialize"] - peaks["json/serialize"];
  assert(Math.abs(extra - 65536) < 2048, `extra ${extra}`);
});

Deno.test("identical processes repeat a cell's peak within the memory comparison's floor", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(20));
  const specs = await writeFaultModules(dir.path);
  const peaks: Record<string, number[]> = {};
  for (let process = 0; process < 3; process++) {
    await measureSlotsInProcess(ENV, [{
      dataset: { scenario: "api_fast", path: dataset.path, sha256: null, limit: null },
      cells: [
        { target: { id: "json" }, operation: "serialize", loops: null },
        { target: { id: "pickle" }, operation: "deserialize", loops: null },
        { target: specs.keeps_64k, operation: "serialize", loops: null },
      ],
      settings: SETTINGS,
      memory: true,
    }], {
      onMemory: (_slot, o) => {
        if (o.status === "ok") (peaks[o.key] ??= []).push(o.peakTracedBytes);
      },
    });
  }
  for (const [key, values] of Object.entries(peaks)) {
    assert.equal(values.length, 3, key);
    // compare.memory.floorBytes: a smaller difference is never a verdict.
    const spread = Math.max(...values) - Math.min(...values);
    assert(spread < 2048, `${key}: ${values.join(", ")}`);
  }
});

Deno.test("one process measures a target and its stretched copies under their own keys", async () => {
  await using dir = await tempDir();
  const dataset = await writeDataset(dir.path, "api_fast", plainRecords(4));
  const run = await measureScenarioInProcess(
    ENV,
    { scenario: "api_fast", path: dataset.path, sha256: null, limit: null },
    [
      { target: { id: "json" }, operation: "serialize", loops: 8, stretch: 0, key: "A" },
      { target: { id: "json" }, operation: "serialize", loops: 8, stretch: 0.25, key: "B" },
      { target: { id: "json" }, operation: "serialize", loops: 8, stretch: 0.1, key: "C" },
    ],
    SETTINGS,
  );
  assert.deepEqual(run.outcomes.map((o) => [o.key, o.status]), [
    ["A", "ok"],
    ["B", "ok"],
    ["C", "ok"],
  ]);
  const loops = run.outcomes.map((o) => (o.status === "ok" ? o.loops : null));
  assert.deepEqual(loops, [8, 8, 8], "a stretch keeps the loops it was given");
});
