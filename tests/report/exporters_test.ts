import assert from "node:assert/strict";
import { exportBmf } from "../../lib/report/export_bmf.ts";
import { exportGab } from "../../lib/report/export_gab.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";

const run = makeRunRecord({
  rounds: 8,
  sigma: 0.02,
  cells: [
    { target: "datason", outputBytes: 1234, peakTracedBytes: 99 },
    { target: "json", status: "unsupported" },
  ],
});

Deno.test("exportBmf() writes Bencher Metric Format: benchmark → measure → value/lower/upper", () => {
  const bmf = exportBmf(run);
  // BMF JSON schema (bencher.dev/bmf.json): object of objects of {value (required),
  // lower_value, upper_value} numbers. `latency` is the built-in measure in nanoseconds.
  assert.deepEqual(Object.keys(bmf), ["competitive/api_fast/datason/default/serialize"]);
  const measures = bmf["competitive/api_fast/datason/default/serialize"];
  const summary = run.cells[0].summary!;
  assert.deepEqual(measures.latency, {
    value: summary.median,
    lower_value: summary.ci95![0],
    upper_value: summary.ci95![1],
  });
  assert.deepEqual(measures["output-size"], { value: 1234 });
  assert.deepEqual(measures["peak-memory"], { value: 99 });
  for (const measure of Object.values(measures)) {
    for (const [key, value] of Object.entries(measure)) {
      assert.ok(["value", "lower_value", "upper_value"].includes(key));
      assert.equal(typeof value, "number");
    }
  }
});

Deno.test("exportGab() writes customSmallerIsBetter entries: name, unit, value, range, extra", () => {
  const entries = exportGab(run);
  assert.equal(entries.length, 2); // the unsupported cell is left out, never a zero
  const [time, size] = entries;
  assert.equal(time.name, "competitive/api_fast/datason/default/serialize - time per record");
  assert.equal(time.unit, "ns");
  assert.equal(typeof time.value, "number");
  assert.match(time.range!, /^± \d/);
  assert.match(time.extra!, /^processes: 8\nrobust CV: /);
  assert.deepEqual(size, {
    name: "competitive/api_fast/datason/default/serialize - output size",
    unit: "bytes",
    value: 1234,
  });
});

Deno.test("both exports carry instructions and estimated cycles per record: the median of the layouts", () => {
  const counted = makeRunRecord({ rounds: 4, sigma: 0, cells: [{ target: "datason" }] });
  counted.cells[0] = {
    ...counted.cells[0],
    // Three layouts; medians 1,000,000 instructions and 1,500,000 estimated cycles.
    instructionsPerRecord: [1_002_000, 1_000_000, 998_000],
    estimatedCyclesPerRecord: [1_500_000, 1_510_000, 1_490_000],
    instructions: {
      status: "ok",
      layouts: [0, 1, 2],
      events: [{ Ir: 1 }, { Ir: 1 }, { Ir: 1 }],
      records: 100,
      passes: 1,
    },
  };
  const key = "competitive/api_fast/datason/default/serialize";
  const bmf = exportBmf(counted)[key];
  assert.deepEqual(bmf.instructions, { value: 1_000_000 });
  assert.deepEqual(bmf["estimated-cycles"], { value: 1_500_000 });
  const gab = exportGab(counted);
  const entry = (name: string) => gab.find((e) => e.name === `${key} - ${name}`);
  assert.equal(entry("instructions per record")?.value, 1_000_000);
  assert.equal(entry("estimated cycles per record")?.value, 1_500_000);
  // A run that did not count exports neither.
  assert.equal(exportBmf(run)[key].instructions, undefined);
  assert.equal(exportGab(run).some((e) => e.name.includes("instructions")), false);
});
