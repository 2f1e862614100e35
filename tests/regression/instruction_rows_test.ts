import assert from "node:assert/strict";
import { compareRuns } from "../../lib/regression/compare_runs.ts";
import { compareWithinRun } from "../../lib/regression/compare_within_run.ts";
import type { CompareResult, CompareRow, Metric } from "../../lib/regression/types.ts";
import { buildRunRecord } from "../../lib/results/build_run_record.ts";
import type {
  Instrumentation,
  MachineFingerprint,
  MeasuredCell,
  MeasuredRunRecord,
} from "../../lib/results/run_record.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";
import {
  type FixtureCounts,
  fixtureInstrumentation,
  withCounts,
} from "../helpers/run_record_fixture.ts";

/** Counts per cell, keyed `target/environment`. */
type Counts = Record<string, { instructions: number[] } & FixtureCounts>;

/** The record with counts added to the cells named in `counts`, and how they were counted. */
function counted(
  record: MeasuredRunRecord,
  counts: Counts,
  instrumentation: Instrumentation = fixtureInstrumentation(),
  machine: Partial<MachineFingerprint> = {},
): MeasuredRunRecord {
  const cells = record.cells.map((cell: MeasuredCell) => {
    const spec = counts[`${cell.target}/${cell.environment}`];
    return spec ? withCounts(cell, spec.instructions, spec) : cell;
  });
  return buildRunRecord({
    ...record,
    machine: { ...record.machine!, ...machine },
    cells,
    instrumentation,
  });
}

/** One PR run, base and head interleaved over 16 rounds; `shift` slows head's datason time. */
function prRun(shift: number, counts: Counts): MeasuredRunRecord {
  return counted(
    makeRunRecord({
      noise: "balanced",
      rounds: 16,
      sigma: 0.02,
      environments: { base: {}, head: {} },
      cells: [
        { target: "datason", environment: "base" },
        { target: "datason", environment: "head", shift },
      ],
    }),
    counts,
  );
}

const PR = { axis: "environment", a: "base", b: "head" } as const;
const BASE = [1_000_000, 1_001_000, 999_000];

function row(result: CompareResult, metric: Metric, target = "datason"): CompareRow {
  const found = result.rows.find((r) => r.metric === metric && r.target === target);
  assert.ok(found, `no ${metric} row for ${target}`);
  return found;
}

Deno.test("a PR run's instruction row pairs base and head by layout and flags +3% as warn", () => {
  const result = compareWithinRun(
    prRun(0, {
      "datason/base": { instructions: BASE },
      "datason/head": { instructions: BASE.map((n) => n * 1.03) },
    }),
    PR,
  );
  const instructions = row(result, "instructionsPerRecord");
  assert.equal(instructions.verdict, "regressed");
  assert.equal(instructions.severity, "warn");
  assert.equal(instructions.layouts?.paired, true);
  assert.ok(Math.abs(instructions.effect! - 0.03) < 1e-12);
  assert.equal(instructions.baseline?.value, 1_000_000);
  assert.equal(instructions.baseline?.n, 3);
  assert.equal(instructions.gated, true);
  // Estimated cycles follow (1.5 × instructions in the fixture); time stays unchanged on its own.
  assert.equal(row(result, "estimatedCyclesPerRecord").verdict, "regressed");
  assert.equal(row(result, "nsPerRecord").verdict, "unchanged");
  assert.equal(result.summary.gateFailed, false); // warn < failOn fail
  assert.deepEqual(result.summary.decidedBy, []);
});

Deno.test("a +6% instruction regression fails the gate and the summary says instructions decided", () => {
  const result = compareWithinRun(
    prRun(0, {
      "datason/base": { instructions: BASE },
      "datason/head": { instructions: BASE.map((n) => n * 1.06), cycles: BASE.map((n) => n) },
    }),
    PR,
  );
  assert.equal(row(result, "instructionsPerRecord").severity, "fail");
  assert.equal(row(result, "estimatedCyclesPerRecord").verdict, "improved");
  assert.equal(row(result, "nsPerRecord").verdict, "unchanged");
  assert.equal(result.summary.gateFailed, true);
  assert.deepEqual(result.summary.decidedBy, ["instructionsPerRecord"]);
});

Deno.test("time keeps its own verdict: a 30% time regression fails the gate with counts unchanged", () => {
  const result = compareWithinRun(
    prRun(0.3, {
      "datason/base": { instructions: BASE },
      "datason/head": { instructions: BASE },
    }),
    PR,
  );
  const time = row(result, "nsPerRecord");
  assert.equal(time.verdict, "regressed");
  assert.equal(time.severity, "fail");
  assert.equal(row(result, "instructionsPerRecord").verdict, "unchanged");
  assert.equal(row(result, "estimatedCyclesPerRecord").verdict, "unchanged");
  assert.equal(result.summary.gateFailed, true);
  assert.equal(result.summary.gatingFailures, 1);
  assert.deepEqual(result.summary.decidedBy, ["nsPerRecord"]);
});

Deno.test("old records without counts compare as before: no instruction rows", () => {
  const options = { rounds: 8, sigma: 0.02, noise: "balanced" as const };
  const before = makeRunRecord({ ...options, cells: [{ target: "datason" }] });
  const after = makeRunRecord({ ...options, cells: [{ target: "datason", shift: 0.3 }] });
  const result = compareRuns(before, after);
  assert.deepEqual(
    result.rows.map((r) => r.metric).sort(),
    ["nsPerRecord", "outputBytes", "peakTracedBytes"],
  );
  assert.equal(row(result, "nsPerRecord").verdict, "regressed");
  // One side counted, the other did not: still no instruction row.
  const countedAfter = counted(after, { "datason/default": { instructions: BASE } });
  const mixed = compareRuns(before, countedAfter);
  assert.ok(!mixed.rows.some((r) => r.metric === "instructionsPerRecord"));
  assert.deepEqual(mixed.environmentNotes, []);
});

Deno.test("two runs in the same layouts pair by layout; other layouts fall back to unpaired", () => {
  const options = { rounds: 6, sigma: 0.02, noise: "balanced" as const };
  const plain = makeRunRecord({ ...options, cells: [{ target: "datason" }] });
  const before = counted(plain, { "datason/default": { instructions: BASE } });
  const after = counted(plain, {
    "datason/default": { instructions: BASE.map((n) => n * 1.01) },
  });
  const paired = row(compareRuns(before, after), "instructionsPerRecord");
  assert.equal(paired.layouts?.paired, true);
  assert.ok(Math.abs(paired.effect! - 0.01) < 1e-12);
  assert.equal(paired.verdict, "regressed");
  const fresh = fixtureInstrumentation({
    layouts: [0, 1, 2].map((index) => ({ index, hashSeed: 100 + index, paddingBytes: 8 })),
  });
  const reseeded = counted(plain, {
    "datason/default": { instructions: BASE.map((n) => n * 1.01) },
  }, fresh);
  const unpaired = row(compareRuns(before, reseeded), "instructionsPerRecord");
  assert.equal(unpaired.layouts?.paired, false);
  // Relative ranges 0.2% each side: spread 0.4%, 3× = 1.2% ≥ +1%: the counts cannot tell.
  assert.ok(Math.abs(unpaired.layouts!.spread - 0.004) < 1e-12);
  assert.equal(unpaired.verdict, "inconclusive");
});

Deno.test("a count that crashes in head only is broken; a cell counted but not timed has no time row", () => {
  const crashed = compareWithinRun(
    prRun(0, {
      "datason/base": { instructions: BASE },
      "datason/head": {
        instructions: [],
        status: "crashed",
        error: { type: "ValgrindCrashed", message: "SIGILL under valgrind" },
      },
    }),
    PR,
  );
  const broken = row(crashed, "instructionsPerRecord");
  assert.equal(broken.verdict, "broken");
  assert.equal(broken.severity, "fail");
  assert.match(broken.reason, /ok → crashed: ValgrindCrashed: SIGILL under valgrind/);
  assert.equal(row(crashed, "nsPerRecord").verdict, "unchanged");

  const run = prRun(0, {
    "datason/base": { instructions: BASE },
    "datason/head": { instructions: BASE },
  });
  const untimed = buildRunRecord({
    ...run,
    cells: run.cells.map((c) => ({ ...c, nsPerRecord: [], rounds: [], summary: null })),
    instrumentation: run.instrumentation,
  });
  const result = compareWithinRun(untimed, PR);
  assert.ok(!result.rows.some((r) => r.metric === "nsPerRecord"));
  assert.equal(row(result, "instructionsPerRecord").verdict, "unchanged");
});

Deno.test("a Valgrind version change is noted and keeps instruction rows, not time rows, from gating", () => {
  const options = { rounds: 8, sigma: 0.02, noise: "balanced" as const };
  const plain = makeRunRecord({ ...options, cells: [{ target: "datason" }] });
  const before = counted(plain, { "datason/default": { instructions: BASE } });
  const after = counted(
    plain,
    { "datason/default": { instructions: BASE.map((n) => n * 1.1) } },
    fixtureInstrumentation({ valgrind: "3.22.0" }),
  );
  const result = compareRuns(before, after);
  const note = result.environmentNotes.find((n) => n.id === "instructions:valgrind");
  assert.ok(note, JSON.stringify(result.environmentNotes));
  assert.equal(note.kind, "instructions");
  assert.match(
    note.message,
    /^Valgrind differs: 3\.19\.0 → 3\.22\.0: instruction counts .*not comparable/,
  );
  const instructions = row(result, "instructionsPerRecord");
  assert.equal(instructions.verdict, "regressed");
  assert.equal(instructions.gated, false);
  assert.deepEqual(instructions.environmentNotes, ["instructions:valgrind"]);
  const time = row(result, "nsPerRecord");
  assert.equal(time.gated, true);
  assert.deepEqual(time.environmentNotes, []);
  assert.equal(result.summary.gateFailed, false);
});

Deno.test("cache geometry and the cycle formula concern estimated cycles; CPU flags and libc both counts", () => {
  const options = { rounds: 8, sigma: 0.02, noise: "balanced" as const };
  const plain = makeRunRecord({ ...options, cells: [{ target: "datason" }] });
  const before = counted(
    plain,
    { "datason/default": { instructions: BASE } },
    fixtureInstrumentation(),
    { cpuFlags: "avx2 fpu sse4_2", glibc: "glibc 2.36" },
  );
  const after = counted(
    plain,
    { "datason/default": { instructions: BASE } },
    fixtureInstrumentation({
      cache: { I1: [32768, 8, 64], D1: [49152, 12, 64], LL: [8388608, 16, 64] },
      cycleFormula: "Ir + 10·LL misses",
    }),
    { cpuFlags: "avx2 avx512f fpu", glibc: "glibc 2.39" },
  );
  const result = compareRuns(before, after);
  const byId = new Map(result.environmentNotes.map((n) => [n.id, n]));
  assert.deepEqual([...byId.keys()].sort(), [
    "instructions:cache",
    "instructions:cpu-flags",
    "instructions:cycle-formula",
    "instructions:libc:default",
  ]);
  assert.match(byId.get("instructions:cpu-flags")!.message, /\(\+avx512f −sse4_2\)/);
  assert.match(byId.get("instructions:libc:default")!.message, /glibc 2\.36 → glibc 2\.39/);
  assert.deepEqual(row(result, "instructionsPerRecord").environmentNotes, [
    "instructions:cpu-flags",
    "instructions:libc:default",
  ]);
  assert.deepEqual(row(result, "estimatedCyclesPerRecord").environmentNotes.sort(), [
    "instructions:cache",
    "instructions:cpu-flags",
    "instructions:cycle-formula",
    "instructions:libc:default",
  ]);
  assert.deepEqual(row(result, "nsPerRecord").environmentNotes, []);
});

Deno.test("a CPU model change says instruction counts across CPUs are not comparable either", () => {
  const options = { rounds: 8, sigma: 0.02, noise: "balanced" as const };
  const before = counted(makeRunRecord({ ...options, cells: [{ target: "datason" }] }), {
    "datason/default": { instructions: BASE },
  });
  const after = counted(
    makeRunRecord({ ...options, cpuModel: "Other CPU", cells: [{ target: "datason" }] }),
    { "datason/default": { instructions: BASE } },
  );
  const note = compareRuns(before, after).environmentNotes.find((n) => n.id === "cpu");
  assert.match(note!.message, /times and instruction counts across them are not comparable/);
});
