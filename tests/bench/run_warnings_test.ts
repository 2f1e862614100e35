import assert from "node:assert/strict";
import { runWarnings } from "../../lib/bench/run_warnings.ts";
import { summarizeProcesses } from "../../lib/stats/summarize_processes.ts";
import { fixtureCell, fixtureRunRecord } from "../helpers/run_record_fixture.ts";

function cell(target: string, nsPerRecord: number[][]) {
  return fixtureCell({
    target,
    nsPerRecord,
    rounds: nsPerRecord.map((_, i) => i),
    summary: summarizeProcesses(nsPerRecord),
  });
}

Deno.test("runWarnings() names noisy, drifting and slow-process cells with the fix", () => {
  const steady = Array.from({ length: 8 }, (_, i) => [1000 + i, 1001 + i, 999 + i, 1000 - i, 1002]);
  const noisy = [[1000], [1400], [800], [1300], [700]];
  const drift = Array.from({ length: 8 }, () => [1000, 1040, 1080, 1120, 1160, 1200]);
  const slow = [...steady.slice(0, 7), [1600, 1610, 1590, 1605, 1600]];
  const record = fixtureRunRecord({
    cells: [
      cell("json", steady),
      cell("orjson", noisy),
      cell("ujson", drift),
      cell("pickle", slow),
    ],
  });
  const warnings = runWarnings(record);
  assert.equal(warnings.length, 3, warnings.join("\n"));
  assert.match(
    warnings[0],
    /high variance between processes in 1 cell\(s\): orjson\/api_fast\/serialize \(CV \d+%\); raise the profile's processes or close other programs/,
  );
  assert.match(
    warnings[1],
    /values drift within processes in 1 cell\(s\): ujson\/api_fast\/serialize \(up \d+%\)/,
  );
  assert.match(
    warnings[2],
    /a process much slower than the others in 1 cell\(s\): pickle\/api_fast\/serialize \(process 8, \+60%\)/,
  );
});

Deno.test("runWarnings() is silent on steady cells and counts a cell shared by suites once", () => {
  const steady = Array.from({ length: 8 }, (_, i) => [1000 + i, 1001, 999, 1000, 1002 - i]);
  const record = fixtureRunRecord({
    cells: [cell("json", steady), { ...cell("json", steady), suite: "other" }],
  });
  assert.deepEqual(runWarnings(record), []);
});
