/**
 * "Where the change went": the function-level diff of flagged instruction rows from the cells'
 * instruction profiles — the rows add up to the cell's change, largest first, with an "everything
 * else" row; the profiles of the median layout; missing profiles said, never a crash.
 */

import assert from "node:assert/strict";
import {
  attributeInstructions,
  diffProfiles,
} from "../../lib/regression/attribute_instructions.ts";
import { compareRuns } from "../../lib/regression/compare_runs.ts";
import { compareWithinRun } from "../../lib/regression/compare_within_run.ts";
import { parseCompareResult } from "../../lib/regression/parse_compare_result.ts";
import type {
  CompareResult,
  CompareRow,
  InstructionAttributionOk,
} from "../../lib/regression/types.ts";
import { renderCompareText } from "../../lib/report/render_compare_text.ts";
import { renderPrComment } from "../../lib/report/render_pr_comment.ts";
import { buildRunRecord } from "../../lib/results/build_run_record.ts";
import type { InstructionProfile } from "../../lib/results/instruction_profile.ts";
import type { MeasuredCell, MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { makeRunRecord } from "../helpers/make_run_record.ts";
import {
  type FunctionSpec,
  instructionProfile,
  memoryLookup,
  withProfiles,
} from "../helpers/profile_fixtures.ts";
import { fixtureInstrumentation, withCounts } from "../helpers/run_record_fixture.ts";

const LIBPYTHON = "<env>/lib/libpython3.11.so.1.0";
const RECORDS = 10;

/**
 * A region of `perRecord` instructions per record: the eval loop, dict lookups, allocation, a
 * DataSON-ish C helper and `extra` functions, the rest under the cut.
 */
function profileOf(perRecord: number, extra: FunctionSpec[] = []): InstructionProfile {
  const region = perRecord * RECORDS;
  const functions: FunctionSpec[] = [
    [LIBPYTHON, "Python/ceval.c", "_PyEval_EvalFrameDefault", 0.5 * region, region],
    [LIBPYTHON, "Objects/dictobject.c", "_Py_dict_lookup", 0.2 * region, 0.25 * region],
    [LIBPYTHON, "Objects/obmalloc.c", "_PyObject_Malloc", 0.1 * region, 0.1 * region],
    ...extra,
  ];
  return instructionProfile({ total: region, functions, records: RECORDS, otherFunctions: 40 });
}

const BASE = [1_000_000, 1_001_000, 999_000];
/** Per-layout ratios 1.029, 1.030, 1.032: layout 1 is the median. */
const HEAD = [BASE[0] * 1.029, BASE[1] * 1.030, BASE[2] * 1.032];

/** Head's median layout: +30,030 per record, most of it in a new function. */
function headProfile(layout: number): InstructionProfile {
  const base = BASE[layout];
  const change = HEAD[layout] - base;
  const region = base * RECORDS;
  return instructionProfile({
    total: HEAD[layout] * RECORDS,
    records: RECORDS,
    otherFunctions: 40,
    functions: [
      [
        LIBPYTHON,
        "Python/ceval.c",
        "_PyEval_EvalFrameDefault",
        0.5 * region + 5_000 * RECORDS,
        region,
      ],
      [
        LIBPYTHON,
        "Objects/dictobject.c",
        "_Py_dict_lookup",
        0.2 * region - 1_000 * RECORDS,
        0.25 * region,
      ],
      [LIBPYTHON, "Objects/obmalloc.c", "_PyObject_Malloc", 0.1 * region, 0.1 * region],
      [
        "<env>/lib/python3.11/site-packages/datason/_speedups.so",
        "src/encode.c",
        "encode_datetime",
        (change - 4_000 - 500) * RECORDS,
        (change - 4_000) * RECORDS,
      ],
    ],
  });
}

const BASE_PROFILES = BASE.map((n) => profileOf(n));
const HEAD_PROFILES = HEAD.map((_, i) => headProfile(i));
const LOOKUP = memoryLookup([...BASE_PROFILES, ...HEAD_PROFILES]);

function cells(
  profiles: {
    base: (InstructionProfile | null)[] | null;
    head: (InstructionProfile | null)[] | null;
  },
): MeasuredRunRecord {
  const record = makeRunRecord({
    noise: "balanced",
    rounds: 16,
    sigma: 0.02,
    environments: { base: {}, head: {} },
    cells: [
      { target: "datason", environment: "base" },
      { target: "datason", environment: "head" },
    ],
  });
  return buildRunRecord({
    ...record,
    cells: record.cells.map((cell: MeasuredCell) => {
      const base = cell.environment === "base";
      const counted = withCounts(cell, base ? BASE : HEAD);
      const kept = base ? profiles.base : profiles.head;
      return kept === null ? counted : withProfiles(counted, kept);
    }),
    instrumentation: fixtureInstrumentation(),
  });
}

const PR = { axis: "environment", a: "base", b: "head" } as const;

function instructionRow(result: CompareResult): CompareRow {
  const row = result.rows.find((r) => r.metric === "instructionsPerRecord");
  assert.ok(row);
  return row;
}

function ok(row: CompareRow): InstructionAttributionOk {
  const attribution = row.attribution?.callgrind;
  assert.equal(attribution?.status, "ok", JSON.stringify(attribution));
  return attribution as InstructionAttributionOk;
}

function sumsToChange(a: InstructionAttributionOk): void {
  const sum = a.functions.reduce((s, f) => s + f.change, 0) + a.everythingElse.change;
  assert.ok(Math.abs(sum - a.change) < 1e-6, `${sum} vs ${a.change}`);
  const shares = a.functions.reduce((s, f) => s + f.share!, 0) + a.everythingElse.share!;
  assert.ok(Math.abs(shares - 1) < 1e-9, `shares sum to ${shares}`);
}

Deno.test("a regressed instruction row lists the functions its change went to, summing to it", () => {
  const result = compareWithinRun(
    cells({ base: BASE_PROFILES, head: HEAD_PROFILES }),
    PR,
    {},
    "run.json",
    LOOKUP,
  );
  const row = instructionRow(result);
  assert.equal(row.verdict, "regressed");
  const a = ok(row);
  // The layout whose ratio is the median (1.030), on both sides.
  assert.deepEqual(a.layouts, { baseline: 1, current: 1 });
  assert.equal(a.baselineTotal, BASE[1]);
  assert.ok(Math.abs(a.currentTotal - HEAD[1]) < 1e-6);
  assert.ok(Math.abs(a.relativeChange! - 0.03) < 1e-9);
  sumsToChange(a);
  assert.deepEqual(a.functions.map((f) => f.name), [
    "encode_datetime",
    "_PyEval_EvalFrameDefault",
    "_Py_dict_lookup",
  ]);
  const [encode, evalLoop, dict] = a.functions;
  assert.ok(Math.abs(encode.change - (HEAD[1] - BASE[1] - 4_500)) < 1e-6);
  assert.equal(encode.baseline, 0);
  // New in head, while base's profile has functions under its cut: between 0 and the cut there.
  assert.deepEqual(encode.underCut, { side: "baseline", atMost: 0.1 * BASE[1] });
  assert.equal(encode.inclusiveBaseline, null);
  assert.equal(evalLoop.change, 5_000);
  assert.equal(evalLoop.inclusiveBaseline, BASE[1]);
  assert.equal(dict.change, -1_000);
  assert.ok(dict.share! < 0, "a function that got cheaper has a negative share");
  // _PyObject_Malloc did not change: not listed; the remainders' change is everything else.
  assert.equal(a.functionsCompared, 4);
  assert.equal(a.everythingElse.functions, 1);
  assert.ok(Math.abs(a.everythingElse.change - 500) < 1e-6);
  // Time rows, cycle rows and the rest carry nothing.
  assert.deepEqual(
    result.rows.filter((r) => r.attribution !== undefined).map((r) => r.metric),
    ["instructionsPerRecord"],
  );
  // The stored form reads back (compare --from), attribution included.
  assert.deepEqual(parseCompareResult(JSON.parse(JSON.stringify(result)), "c.json"), result);
});

Deno.test("an improvement is traced too; the 'everything else' row takes what is not listed", () => {
  const result = compareWithinRun(
    swapSides(cells({ base: BASE_PROFILES, head: HEAD_PROFILES })),
    PR,
    {},
    "run.json",
    LOOKUP,
  );
  const row = instructionRow(result);
  assert.equal(row.verdict, "improved");
  const a = ok(row);
  sumsToChange(a);
  assert.ok(a.change < 0);
  assert.equal(a.functions[0].name, "encode_datetime");
  assert.deepEqual(a.functions[0].underCut, { side: "current", atMost: 0.1 * BASE[1] });

  const two = diffProfiles(BASE_PROFILES[1], HEAD_PROFILES[1], 1);
  assert.equal(two.functions.length, 1);
  assert.equal(two.everythingElse.functions, 3);
  const sum = two.functions[0].change + two.everythingElse.change;
  assert.ok(Math.abs(sum - two.change) < 1e-6);
});

/** The same run with base and head exchanged (head's cells under base's name and back). */
function swapSides(record: MeasuredRunRecord): MeasuredRunRecord {
  return buildRunRecord({
    ...record,
    cells: record.cells.map((cell) => ({
      ...cell,
      environment: cell.environment === "base" ? "head" : "base",
    })),
  });
}

Deno.test("missing profiles are said, never a crash: old records, a gone file, a layout without one", () => {
  const old = compareWithinRun(cells({ base: null, head: HEAD_PROFILES }), PR, {}, "r", LOOKUP);
  const oldRow = instructionRow(old);
  assert.equal(oldRow.verdict, "regressed");
  assert.deepEqual(oldRow.attribution?.callgrind, {
    status: "unavailable",
    reason: "no function-level profiles: the baseline kept none (recorded before profiles were " +
      "kept, or counted by calibrate)",
  });
  const neither = compareWithinRun(cells({ base: null, head: null }), PR, {}, "r", LOOKUP);
  assert.match(
    (instructionRow(neither).attribution?.callgrind as { reason: string }).reason,
    /neither run kept none/,
  );
  // Profiles referenced, none loaded (a comparison made without them).
  const notLoaded = compareWithinRun(cells({ base: BASE_PROFILES, head: HEAD_PROFILES }), PR);
  assert.match(
    (instructionRow(notLoaded).attribution?.callgrind as { reason: string }).reason,
    /not loaded/,
  );
  // Files gone: the reason the lookup gives.
  const gone = compareWithinRun(
    cells({ base: BASE_PROFILES, head: HEAD_PROFILES }),
    PR,
    {},
    "r",
    memoryLookup([]),
  );
  assert.match(
    (instructionRow(gone).attribution?.callgrind as { reason: string }).reason,
    /profile [0-9a-f]{12} gone/,
  );
  // The median layout has no profile on one side: the next closest layout is compared.
  const holed = compareWithinRun(
    cells({ base: BASE_PROFILES, head: [HEAD_PROFILES[0], null, HEAD_PROFILES[2]] }),
    PR,
    {},
    "r",
    LOOKUP,
  );
  const a = ok(instructionRow(holed));
  assert.deepEqual(a.layouts, { baseline: 0, current: 0 });
  sumsToChange(a);
  // Every output renders the unavailable diffs and says why.
  assert.match(renderPrComment(old), /no function\\-level diff/);
  assert.match(renderCompareText(old), /no function-level diff: no function-level profiles/);
});

Deno.test("an old record without profiles still compares with a new one, unpaired", () => {
  const withProfilesNow = cells({ base: BASE_PROFILES, head: HEAD_PROFILES });
  const headOnly = (record: MeasuredRunRecord, environment: string) =>
    buildRunRecord({
      ...record,
      cells: record.cells.filter((c) => c.environment === environment).map((c) => ({
        ...c,
        environment: "default",
      })),
    });
  const oldCells = cells({ base: null, head: null });
  const result = compareRuns(
    headOnly(oldCells, "base"),
    headOnly(withProfilesNow, "head"),
    {
      allowEnvMismatch: true,
    },
    {},
    LOOKUP,
  );
  const row = instructionRow(result);
  assert.equal(row.layouts?.paired, true);
  assert.equal(row.verdict, "regressed");
  assert.equal(row.attribution?.callgrind.status, "unavailable");
  // With profiles on both sides, unpaired runs take each side's median layout.
  const [cell] = oldCells.cells;
  const unpaired = attributeInstructions(
    withProfiles(withCounts(cell, BASE, { layouts: [0, 1, 2] }), BASE_PROFILES),
    withProfiles(withCounts(cell, HEAD, { layouts: [4, 5, 6] }), HEAD_PROFILES),
    false,
    LOOKUP,
  );
  // Base's median count is its first layout's (1,000,000), head's its third's (1,030,968).
  assert.deepEqual((unpaired as InstructionAttributionOk).layouts, { baseline: 0, current: 6 });
  sumsToChange(unpaired as InstructionAttributionOk);
});

Deno.test("the everything-else row is exact: no rounding residue when nothing else changed", () => {
  // Thirds of an instruction per record do not add up in floating point; counts do.
  const fns = (x: number): FunctionSpec[] => [
    ["/lib/a.so", "a.c", "a", 1 + x, 1 + x],
    ["/lib/a.so", "a.c", "b", 2 + 2 * x, 2 + 2 * x],
    ["/lib/a.so", "a.c", "c", 7 + 4 * x, 7 + 4 * x],
  ];
  const before = instructionProfile({ total: 10, functions: fns(0), records: 3 });
  const after = instructionProfile({ total: 17, functions: fns(1), records: 3 });
  const diff = diffProfiles(before, after);
  assert.equal(diff.functions.length, 3);
  assert.equal(diff.everythingElse.change, 0);
  assert.equal(diff.everythingElse.share, 0);
  const limited = diffProfiles(before, after, 2);
  assert.equal(limited.everythingElse.change, 1 / 3);
});
