import assert from "node:assert/strict";
import { compareRuns } from "../../lib/regression/compare_runs.ts";
import { compareWithinRun } from "../../lib/regression/compare_within_run.ts";
import { exportBmf } from "../../lib/report/export_bmf.ts";
import { exportGab } from "../../lib/report/export_gab.ts";
import { renderCompareText } from "../../lib/report/render_compare_text.ts";
import { renderPrComment } from "../../lib/report/render_pr_comment.ts";
import { renderRunTable } from "../../lib/report/render_run_table.ts";
import { formatSiCount } from "../../lib/_common/format.ts";
import { buildRunRecord } from "../../lib/results/build_run_record.ts";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";
import { fixtureInstrumentation, withCounts } from "../helpers/run_record_fixture.ts";

const BASE = [1_000_000, 1_001_000, 999_000];
const PR = { axis: "environment", a: "base", b: "head" } as const;

/**
 * A PR run: datason's head 30% slower in time with the same counts; pickle's head the same time
 * with 3% more instructions; `crash` makes datason's head count crash with a message holding
 * control characters.
 */
function prRun(options: { crash?: boolean } = {}): MeasuredRunRecord {
  const record = makeRunRecord({
    noise: "balanced",
    rounds: 16,
    sigma: 0.02,
    environments: { base: {}, head: {} },
    cells: [
      { target: "datason", environment: "base" },
      { target: "datason", environment: "head", shift: 0.3 },
      { target: "pickle", environment: "base" },
      { target: "pickle", environment: "head" },
    ],
  });
  const cells = record.cells.map((cell) => {
    const head = cell.environment === "head";
    if (head && cell.target === "datason" && options.crash) {
      return withCounts(cell, [], {
        status: "crashed",
        error: { type: "ValgrindCrashed", message: "SIGILL\n\u001b[31mred\u0007 second line" },
      });
    }
    return withCounts(cell, head && cell.target === "pickle" ? BASE.map((n) => n * 1.03) : BASE);
  });
  return buildRunRecord({ ...record, cells, instrumentation: fixtureInstrumentation() });
}

Deno.test("formatSiCount() prints counts with 3 significant digits and an SI prefix", () => {
  assert.equal(formatSiCount(812), "812");
  assert.equal(formatSiCount(425_000), "425 k");
  assert.equal(formatSiCount(12_345_678), "12.3 M");
  assert.equal(formatSiCount(999_999.6), "1.00 M");
  assert.equal(formatSiCount(2.5e9), "2.50 G");
  assert.equal(formatSiCount(null), "—");
});

Deno.test("compare's terminal table shows time and instructions of each cell side by side", () => {
  const text = renderCompareText(compareWithinRun(prRun(), PR));
  assert.match(text, /FAILED \(1 row\(s\), decided by time\/record\)/);
  const lines = text.split("\n");
  const header = lines.find((l) => l.includes("cell") && l.includes("instructions/record"));
  assert.ok(header, text);
  assert.match(header, /gate +cell +time\/record +instructions\/record +est\. cycles\/record/);
  const datason = lines.find((l) => l.includes("FAIL: time/record"));
  assert.match(
    datason!,
    /datason\/base→head\/serialize +\+30\.0% regressed \(fail\) +\+0\.00% unchanged +\+0\.00% unchanged$/,
  );
  const pickle = lines.find((l) => l.includes("pickle/base→head/serialize  "));
  assert.match(
    pickle!,
    /\+0\.0% unchanged +\+3\.00% regressed \(warn\) +\+3\.00% regressed \(warn\)$/,
  );
});

Deno.test("the PR comment puts time and instructions side by side and names the deciding measure", () => {
  const comment = renderPrComment(compareWithinRun(prRun(), PR));
  assert.match(
    comment,
    /^## 🔴 Performance: fail — the gate fails on time\/record \(fails on fail\)$/m,
  );
  assert.match(comment, /### Time and instructions, side by side/);
  assert.match(
    comment,
    /^\| Cell \| time\/record \| instructions\/record \| est\. cycles\/record \| Gate \|$/m,
  );
  assert.match(
    comment,
    /^\| competitive\/api\\_fast\/datason\/base→head\/serialize \| \+30\.0% regressed \(fail\) \| \+0\.00% unchanged \| \+0\.00% unchanged \| ✖ fails: time\/record \|$/m,
  );
  assert.match(comment, /instructions: median of per-layout ratios, a change counts at ≥ 0\.5%/);
});

Deno.test("without counts the outputs have no side-by-side table", () => {
  const options = { rounds: 8, sigma: 0.02, noise: "balanced" as const };
  const result = compareRuns(
    makeRunRecord({ ...options, cells: [{ target: "datason" }] }),
    makeRunRecord({ ...options, cells: [{ target: "datason", shift: 0.3 }] }),
  );
  assert.doesNotMatch(renderCompareText(result), /side by side/);
  const comment = renderPrComment(result);
  assert.doesNotMatch(comment, /side by side|per-layout/);
  assert.match(comment, /the gate fails on time\/record/);
});

Deno.test("an error message with control characters stays on its row, without them", () => {
  const result = compareWithinRun(prRun({ crash: true }), PR);
  const text = renderCompareText(result);
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f]/);
  const broken = text.split("\n").filter((l) => l.includes("ValgrindCrashed"));
  // One row per counted measure, each on one line.
  assert.equal(broken.length, 2);
  for (const line of broken) {
    // Shown as visible escapes, the message's lines joined on its row.
    assert.match(line, /^broken +fail +FAIL .*SIGILL \\x1b\[31mred\\x07 second line$/);
  }
  assert.match(text, /FAIL: time\/record, instructions\/record, est\. cycles\/record/);
  const comment = renderPrComment(result);
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(comment, /[\u0000-\u0009\u000b-\u001f\u007f]/);
  assert.match(
    comment,
    /the gate fails on time\/record, instructions\/record and est\. cycles\/record/,
  );
});

Deno.test("exports carry instructions and estimated cycles per record (median over the layouts)", () => {
  const record = prRun();
  const bmf = exportBmf(record);
  const head = bmf["competitive/api_fast/pickle/head/serialize"];
  assert.deepEqual(head.instructions, { value: 1_030_000 });
  assert.deepEqual(head["estimated-cycles"], { value: 1_545_000 });
  const gab = exportGab(record).filter((e) =>
    e.name.startsWith("competitive/api_fast/pickle/head")
  );
  assert.deepEqual(gab.map((e) => [e.name.split(" - ")[1], e.unit]), [
    ["time per record", "ns"],
    ["output size", "bytes"],
    ["instructions per record", "instructions"],
    ["estimated cycles per record", "cycles"],
  ]);
});

Deno.test("the run table shows instructions per record where the run counted them", () => {
  const text = renderRunTable(prRun());
  assert.match(text, /cv +instr\/record +MB\/s/);
  assert.match(text, /head +pickle +serialize +ok .* 1\.03 M +/);
  const plain = renderRunTable(makeRunRecord({ rounds: 3, sigma: 0.02, cells: [{ target: "a" }] }));
  assert.doesNotMatch(plain, /instr\/record/);
});
