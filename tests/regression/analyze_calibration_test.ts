import assert from "node:assert/strict";
import { type CompareResult, type Verdict } from "../../lib/regression/types.ts";
import { analyzeCalibration } from "../../lib/regression/analyze_calibration.ts";
import { compareWithinRun } from "../../lib/regression/compare_within_run.ts";
import { processesForMde } from "../../lib/stats/processes_for_mde.ts";
import { assertClose } from "../helpers/assert_close.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";

/** A/A or A/B inside one run: target `json` against its copy `json-copy`, 16 rounds. */
function calibrationRun(seed: number, injected: number): CompareResult {
  const run = makeRunRecord({
    seed,
    label: `calibration-${injected}`,
    rounds: 16,
    sigma: 0.01,
    cells: [{ target: "json" }, { target: "json-copy", shift: injected }],
  });
  return compareWithinRun(run, { axis: "target", a: "json", b: "json-copy" }, { gate: ["json*"] });
}

/** Copies of a result whose time row has the given verdict. */
function withVerdict(template: CompareResult, verdict: Verdict, count: number): CompareResult[] {
  return Array.from({ length: count }, () => ({
    ...template,
    rows: template.rows.map((r) => (r.metric === "nsPerRecord" ? { ...r, verdict } : r)),
  }));
}

Deno.test("analyzeCalibration() bounds a clean A/A record with Clopper–Pearson: 0/300 → 0.99%", () => {
  const template = calibrationRun(1, 0);
  const analysis = analyzeCalibration({ aa: withVerdict(template, "unchanged", 300), ab: [] });
  assert.equal(analysis.falseAlarms.trials, 300);
  assert.equal(analysis.falseAlarms.count, 0);
  // One-sided 95% upper bound for 0 of 300: 1 − 0.05^(1/300) = 0.00994 (R: binom.test(0, 300,
  // alternative = "less")).
  assertClose(analysis.falseAlarms.upper95OneSided, 0.0099360819444577198, 1e-12);
});

Deno.test("analyzeCalibration() counts regressed and improved A/A rows as false alarms", () => {
  const template = calibrationRun(1, 0);
  const aa = [
    ...withVerdict(template, "unchanged", 15),
    ...withVerdict(template, "regressed", 3),
    ...withVerdict(template, "improved", 1),
    ...withVerdict(template, "inconclusive", 1),
  ];
  const analysis = analyzeCalibration({ aa, ab: [] });
  assert.equal(analysis.falseAlarms.count, 4);
  assert.equal(analysis.falseAlarms.regressed, 3);
  assert.equal(analysis.falseAlarms.improved, 1);
  assertClose(analysis.falseAlarms.rate, 0.2, 1e-15);
  // R: binom.test(4, 20)$conf.int = 0.057333997050032788 0.436614002996668304
  assertClose(analysis.falseAlarms.lower95, 0.057333997050032788, 1e-11);
  assertClose(analysis.falseAlarms.upper95, 0.436614002996668304, 1e-11);
});

Deno.test("analyzeCalibration() measures detection per injected slowdown on real comparisons", () => {
  const aa = Array.from({ length: 10 }, (_, i) => calibrationRun(i + 1, 0));
  const ab = [0.05, 0.25].map((injected) => ({
    injected,
    results: Array.from({ length: 10 }, (_, i) => calibrationRun(i + 1, injected)),
  }));
  const analysis = analyzeCalibration({ aa, ab, targetMde: 0.05 });
  assert.equal(analysis.falseAlarms.trials, 10);
  const big = analysis.detection.find((d) => d.injected === 0.25)!;
  assert.equal(big.count, 10);
  assert.equal(big.rate, 1);
  assert.ok(Math.abs(big.medianEffect! - 0.25) < 0.02);
  const small = analysis.detection.find((d) => d.injected === 0.05)!;
  // 16 pairs at σ = 1% detect a 5% shift as significant every time; whether the verdict is
  // `regressed` depends on the estimate reaching the 5% notice threshold (about half the time).
  assert.equal(small.significant, 10);
  assert.ok(small.count >= 1 && small.count <= 9, `regressed ${small.count}/10`);
  assert.ok(analysis.noise.medianCv! > 0.003 && analysis.noise.medianCv! < 0.03);
  const planned = analysis.processesForTarget!;
  assert.equal(planned.paired, true);
  assert.equal(
    planned.processes,
    processesForMde(Math.log1p(0.05), analysis.noise.medianSdLog!, true, {
      alpha: planned.alpha,
      power: 0.8,
    }),
  );
  assert.ok(analysis.medianMde! > 0 && analysis.medianMde! < 0.05);
});
