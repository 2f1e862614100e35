/**
 * Lockstep and duet pairing with real runners: a target that logs when each of its passes starts
 * and ends (CLOCK_MONOTONIC, shared by the processes) shows the order the sides took their values
 * in — A B B A … for lockstep, the same moments for duet — and a side whose process dies fails its
 * cell while the other side keeps its values.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { measurePairInProcesses, type PairSide } from "../../lib/bench/measure_pair.ts";
import type { CellOutcome, SlotPlan } from "../../lib/bench/measure_scenario.ts";
import { checkDuetMachine } from "../../lib/bench/check_duet_machine.ts";
import { UsageError } from "../../lib/_common/errors.ts";
import { tempDir } from "../helpers/run_cli.ts";
import { IS_WINDOWS, plainRecords, testPython, writeDataset } from "./fixtures.ts";

/** Each value is one pass (loops 1) of `dumps` over one record: one log line per value. */
const LOGGING_TARGET = `
import json, os, time
LOG = os.environ["PAIR_LOG"]
SIDE = os.environ["PAIR_SIDE"]
def dumps(obj):
    start = time.monotonic_ns()
    time.sleep(0.01)
    if os.environ.get("PAIR_DIE") == "1" and os.path.exists(LOG + ".armed"):
        os._exit(9)
    cpus = ",".join(str(c) for c in sorted(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else "-"
    with open(LOG, "a") as f:
        f.write("%s %d %d %s\\n" % (SIDE, start, time.monotonic_ns(), cpus))
    return json.dumps(obj)
def loads(text):
    return json.loads(text)
`;

async function setup(dir: string, die = false) {
  await Deno.writeTextFile(join(dir, "pair_target.py"), LOGGING_TARGET);
  const dataset = await writeDataset(dir, "api_fast", plainRecords(1));
  const log = join(dir, "pairs.log");
  const target = {
    id: "pair_target",
    module: "pair_target",
    serialize: "dumps",
    deserialize: "loads",
    paths: [dir],
  };
  const slot: SlotPlan = {
    dataset: { scenario: "api_fast", path: dataset.path, sha256: null, limit: null },
    cells: [{ target, operation: "serialize", loops: 1, fidelity: false }],
    settings: { warmups: 1, values: 4, minValueSeconds: 0.001, timeoutSeconds: 30 },
    memory: false,
  };
  const side = (name: string, extra: Record<string, string> = {}): PairSide => ({
    env: {
      name,
      python: testPython(),
      env: { PAIR_LOG: log, PAIR_SIDE: name, ...extra },
    },
    slot,
  });
  return { log, sides: [side("A"), side("B", die ? { PAIR_DIE: "1" } : {})] as const };
}

async function readLog(
  path: string,
): Promise<{ side: string; start: number; end: number; cpus: string }[]> {
  const text = await Deno.readTextFile(path);
  return text.trim().split("\n").map((line) => {
    const [side, start, end, cpus] = line.split(" ");
    return { side, start: Number(start), end: Number(end), cpus };
  });
}

const LINUX = Deno.build.os === "linux";
const CORES = navigator.hardwareConcurrency ?? 1;

Deno.test({
  name: "lockstep: both processes alive, values taken A B B A A B, each side's own values kept",
  ignore: IS_WINDOWS,
  async fn() {
    await using dir = await tempDir();
    const { log, sides } = await setup(dir.path);
    const outcomes: [number, CellOutcome][] = [];
    const run = await measurePairInProcesses(sides, "lockstep", {
      onCell: (side, outcome) => {
        outcomes.push([side, outcome]);
      },
    }, 1);
    assert.equal(run.processes, 2);
    assert.deepEqual(run.keys, [["pair_target/serialize"], ["pair_target/serialize"]]);
    const entries = await readLog(log);
    const order = entries.map((e) => e.side).join("");
    if (LINUX) {
      // Both sides bound to one and the same CPU.
      const bound = new Set(entries.map((e) => e.cpus));
      assert.equal(bound.size, 1, [...bound].join(" | "));
      assert.doesNotMatch([...bound][0], /,/);
    }
    // The first value of each side (discarded: warm-up), then 4 values in A B B A order.
    assert.equal(order, "AB" + "AB" + "BA" + "AB" + "BA");
    for (const [, outcome] of outcomes) {
      assert(outcome.status === "ok");
      assert.equal(outcome.nsPerRecord.length, 4);
      for (const v of outcome.nsPerRecord) {
        assert(v >= 10e6, `a value of ${v} ns < the 10 ms sleep`);
      }
    }
  },
});

Deno.test({
  name: "duet: both sides time each value at the same moment",
  ignore: IS_WINDOWS,
  async fn() {
    await using dir = await tempDir();
    const { log, sides } = await setup(dir.path);
    const run = await measurePairInProcesses(sides, "duet", {}, 0);
    assert.deepEqual(run.keys, [["pair_target/serialize"], ["pair_target/serialize"]]);
    const entries = await readLog(log);
    if (LINUX && CORES >= 2) {
      // Each side bound to a CPU of its own.
      const cpuOf = (side: string) =>
        new Set(entries.filter((e) => e.side === side).map((e) => e.cpus));
      assert.equal(cpuOf("A").size, 1);
      assert.equal(cpuOf("B").size, 1);
      assert.notEqual([...cpuOf("A")][0], [...cpuOf("B")][0]);
    }
    const a = entries.filter((e) => e.side === "A");
    const b = entries.filter((e) => e.side === "B");
    assert.equal(a.length, 5);
    assert.equal(b.length, 5);
    // Value i of A overlaps value i of B (each sleeps 10 ms; they start together).
    for (let i = 0; i < 5; i++) {
      assert(a[i].start < b[i].end && b[i].start < a[i].end, `value ${i} did not overlap`);
    }
  },
});

Deno.test({
  name: "a side whose process dies fails its cell; the other side keeps all its values",
  ignore: IS_WINDOWS,
  async fn() {
    await using dir = await tempDir();
    const { log, sides } = await setup(dir.path, true);
    await Deno.writeTextFile(`${log}.armed`, "");
    const outcomes = new Map<number, CellOutcome>();
    const run = await measurePairInProcesses(sides, "lockstep", {
      onCell: (side, outcome) => {
        outcomes.set(side, outcome);
      },
    });
    assert.equal(run.aborted, false);
    const a = outcomes.get(0)!;
    const b = outcomes.get(1)!;
    assert(a.status === "ok");
    assert.equal(a.nsPerRecord.length, 4);
    assert.equal(b.status, "crashed");
  },
});

Deno.test("duet is refused on one core and beside another run's runners", () => {
  assert.throws(
    () => checkDuetMachine({ cores: 1, otherRunners: [] }, 'profile "pr"'),
    (e) => e instanceof UsageError && /needs two cores/.test(e.message),
  );
  assert.throws(
    () => checkDuetMachine({ cores: 2, otherRunners: ["123: python runner.py"] }, "calibrate"),
    (e) => e instanceof UsageError && /another run/.test(e.message),
  );
  checkDuetMachine({ cores: 2, otherRunners: [] }, "pr");
});
