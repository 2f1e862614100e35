/**
 * Instruction counts under callgrind, with the real Valgrind the test preparation provides:
 * deterministic counts in one layout, an injected share recovered to ±0.5 percentage points, and
 * the failures a user can meet (a region marker that never fires, a runner not under Valgrind, an
 * instruction Valgrind cannot run) as errors or crashed cells that name their cause.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type CountCellPlan,
  type CountOutcome,
  countScenarioInProcess,
  type SelfCheck,
} from "../../lib/bench/count_scenario.ts";
import type { RunnerEnvironment } from "../../lib/bench/measure_scenario.ts";
import type { CountMarker } from "../../lib/bench/protocol.ts";
import { callgrindLauncher, markerFor } from "../../lib/bench/valgrind/callgrind_launcher.ts";
import { drawLayouts, layoutEnvironment } from "../../lib/bench/valgrind/layouts.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { testToolPath } from "../helpers/test_tools.ts";
import { IS_WINDOWS, plainRecords, testPython, writeDataset } from "./fixtures.ts";

const SETTINGS = { passes: 1, warmups: 1, timeoutSeconds: 300 };
const MARKER = markerFor();
const [LAYOUT] = drawLayouts(20261203, 1);

async function countIn(
  dir: string,
  cells: CountCellPlan[],
  options: {
    records?: number;
    launcher?: (outDir: string) => RunnerEnvironment["launcher"];
    marker?: CountMarker;
    onSelfCheck?: (check: SelfCheck) => void;
  } = {},
): Promise<CountOutcome[]> {
  const dataset = await writeDataset(dir, "api_fast", plainRecords(options.records ?? 6));
  const outDir = await Deno.makeTempDir({ dir, prefix: "parts-" });
  const marker = options.marker ?? MARKER;
  const env: RunnerEnvironment = {
    name: "test",
    python: testPython(),
    env: layoutEnvironment(LAYOUT),
    launcher: options.launcher
      ? options.launcher(outDir)
      : callgrindLauncher(testToolPath("valgrind"), marker, outDir),
  };
  const run = await countScenarioInProcess(
    env,
    { scenario: "api_fast", path: dataset.path, sha256: dataset.sha256, limit: null },
    cells,
    SETTINGS,
    { marker, outDir, layout: LAYOUT.index },
    { onSelfCheck: options.onSelfCheck },
  );
  return run.outcomes;
}

const ir = (outcome: CountOutcome) => {
  assert(outcome.status === "ok", `${outcome.key}: ${JSON.stringify(outcome)}`);
  return outcome.events.Ir;
};

Deno.test({
  name: "the same layout twice counts the same instructions and cache events",
  ignore: IS_WINDOWS,
  async fn() {
    await using dir = await tempDir();
    const cells: CountCellPlan[] = [
      { target: { id: "json" }, operation: "serialize" },
      { target: { id: "json" }, operation: "deserialize" },
    ];
    const first = await countIn(join(dir.path), cells);
    const second = await countIn(join(dir.path), cells);
    for (const [a, b] of first.map((o, i) => [o, second[i]])) {
      assert(a.status === "ok" && b.status === "ok");
      assert.ok(a.events.Ir > 100_000, `${a.key} counted ${a.events.Ir}`);
      assert.deepEqual(b.events, a.events);
      assert.equal(a.records, 6);
    }
  },
});

Deno.test({
  name: "an injected 10% of a cell's instructions counts +10% ± 0.5%, its twin unchanged",
  ignore: IS_WINDOWS,
  async fn() {
    await using dir = await tempDir();
    const json = { id: "json" };
    // Process 1: the cell and its plain twin; process 2: the same, the twin with a spin of 10%.
    let check: SelfCheck | null = null;
    const plain = await countIn(dir.path, [
      { target: json, operation: "serialize" },
      { target: json, operation: "serialize", key: "twin" },
    ], { onSelfCheck: (c) => (check = c) });
    assert.ok(check !== null);
    const spin = Math.round((0.1 * ir(plain[1])) / (check as SelfCheck).spinIrPerIteration);
    const slowed = await countIn(dir.path, [
      { target: json, operation: "serialize" },
      { target: json, operation: "serialize", key: "twin", spin },
    ]);
    assert.equal(ir(slowed[0]), ir(plain[0]));
    const change = ir(slowed[1]) / ir(plain[1]) - 1;
    assert.ok(Math.abs(change - 0.1) <= 0.005, `+10% injected counted ${change * 100}%`);
  },
});

Deno.test({
  name: "a runner not under Valgrind makes every cell an error that says so, never a zero",
  ignore: IS_WINDOWS || MARKER !== "client-request",
  async fn() {
    await using dir = await tempDir();
    const outcomes = await countIn(
      dir.path,
      [{ target: { id: "json" }, operation: "serialize" }],
      { launcher: () => undefined },
    );
    assert.equal(outcomes.length, 1);
    const [cell] = outcomes;
    assert(cell.status === "error");
    assert.match(cell.error.message, /not running under Valgrind/);
  },
});

Deno.test({
  name: "a toggle symbol that never runs fails the self-check: the cells are errors naming it",
  ignore: IS_WINDOWS,
  async fn() {
    await using dir = await tempDir();
    const outcomes = await countIn(
      dir.path,
      [{ target: { id: "json" }, operation: "serialize" }],
      {
        marker: "ffi-toggle",
        launcher: (outDir) => ({
          command: testToolPath("valgrind"),
          args: [
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=datason_bench_no_such_symbol",
            "--dump-after=datason_bench_no_such_symbol",
            `--callgrind-out-file=${outDir}/callgrind.out`,
          ],
        }),
      },
    );
    const [cell] = outcomes;
    assert(cell.status === "error");
    assert.match(cell.error.message, /wrote no callgrind part/);
    assert.match(cell.error.message, /marker/);
  },
});

const SIGILL_MODULE = `
import ctypes, json, mmap
def dumps(x):
    # ud2: an instruction no CPU (and no Valgrind) executes.
    page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    page.write(b"\\x0f\\x0b")
    ctypes.CFUNCTYPE(None)(ctypes.addressof(ctypes.c_char.from_buffer(page)))()
loads = json.loads
`;

Deno.test({
  name:
    "an instruction Valgrind cannot run makes that cell crashed; a fresh process counts the rest",
  ignore: IS_WINDOWS || Deno.build.arch !== "x86_64",
  async fn() {
    await using dir = await tempDir();
    await Deno.writeTextFile(join(dir.path, "fault_sigill.py"), SIGILL_MODULE);
    const sigill = {
      id: "fault_sigill",
      module: "fault_sigill",
      serialize: "dumps",
      deserialize: "loads",
      paths: [dir.path],
    };
    const outcomes = await countIn(dir.path, [
      { target: sigill, operation: "serialize" },
      { target: { id: "json" }, operation: "serialize" },
    ]);
    const [crashed, json] = outcomes;
    assert(crashed.status === "crashed", JSON.stringify(crashed));
    assert.match(crashed.error.message, /SIGILL/);
    assert.ok(ir(json) > 0);
    assert.equal(json.process, crashed.process + 1);
  },
});
