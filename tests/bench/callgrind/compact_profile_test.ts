/**
 * The compact instruction profile of a recorded callgrind part (the same real file the reader is
 * checked against, names compressed as callgrind writes them): the 99% cut, the remainder that
 * makes the totals add up, recursion levels merged, environment folders as placeholders.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { compactProfile } from "../../../lib/bench/callgrind/compact_profile.ts";
import { parseCallgrindOutput } from "../../../lib/bench/callgrind/parse_callgrind_output.ts";
import {
  instructionProfileProblem,
  profileEntries,
} from "../../../lib/results/instruction_profile.ts";
import { REPO_ROOT } from "../../helpers/run_cli.ts";

const FIXTURE = join(
  REPO_ROOT,
  "tests",
  "fixtures",
  "callgrind",
  "json_dumps_region.callgrind.out",
);
const PYTHON_ROOT = "/root/.pyenv/versions/3.11.7";

async function part() {
  return parseCallgrindOutput(await Deno.readTextFile(FIXTURE));
}

Deno.test("a recorded part keeps the fewest largest functions that reach 99% of its self cost", async () => {
  const parsed = await part();
  const profile = compactProfile(parsed, { records: 1, passes: 1 });
  assert.equal(instructionProfileProblem(profile), null);
  assert.equal(profile.total, 30809);
  assert.equal(profile.cut, 0.99);
  const selfs = profile.functions.map((f) => f[3]);
  assert.deepEqual(selfs, [...selfs].sort((a, b) => b - a), "largest self cost first");
  const listed = selfs.reduce((a, b) => a + b, 0);
  assert.ok(listed >= 0.99 * profile.total, `${listed} of ${profile.total}`);
  assert.ok(
    listed - selfs[selfs.length - 1] < 0.99 * profile.total,
    "no function more than needed",
  );
  // The remainder makes the totals add up: listed + other = the part's Ir.
  assert.equal(listed + profile.other.self, parsed.totals[0]);
  const nonZero = new Set(
    parsed.functions.filter((f) => f.self[0] > 0).map((f) =>
      `${f.object}\u0000${f.file}\u0000${f.name.replace(/'\d+$/, "")}`
    ),
  );
  assert.equal(profile.functions.length + profile.other.functions, nonZero.size);
  assert.ok(profile.other.functions > 0 && profile.functions.length < nonZero.size);
  // Interned names: each object and file once.
  assert.equal(new Set(profile.objects).size, profile.objects.length);
  assert.equal(new Set(profile.files).size, profile.files.length);
});

Deno.test("recursion levels are one function: self costs summed, the outermost inclusive cost", async () => {
  const parsed = await part();
  const levels = parsed.functions.filter((f) =>
    /^_PyEval_EvalFrameDefault('\d+)?$/.test(f.name) && f.object.startsWith(PYTHON_ROOT)
  );
  assert.ok(levels.length >= 2, "the fixture has _PyEval_EvalFrameDefault and its level '2");
  const entries = profileEntries(compactProfile(parsed, { records: 1, passes: 1 }));
  assert.ok(entries.every((e) => !/'\d+$/.test(e.name)));
  const merged = entries.find((e) => e.name === "_PyEval_EvalFrameDefault");
  assert.ok(merged);
  assert.equal(merged.self, levels.reduce((s, f) => s + f.self[0], 0));
  assert.equal(merged.inclusive, Math.max(...levels.map((f) => f.inclusive[0])));
  // The reader's figures for the deeper level (checked against callgrind_annotate there).
  assert.ok(merged.self >= 3453 + 78 + 73 + 33 + 28 + 16 + 6 + 2);
  assert.ok(merged.inclusive >= 29776);
});

Deno.test("paths inside an environment's folder get its placeholder; the cap bounds the listing", async () => {
  const parsed = await part();
  const profile = compactProfile(parsed, {
    records: 4,
    passes: 2,
    placeholders: { [PYTHON_ROOT]: "<env>" },
    maxFunctions: 5,
  });
  assert.equal(profile.functions.length, 5);
  assert.equal(profile.records, 4);
  assert.equal(profile.passes, 2);
  assert.ok(profile.objects.every((o) => !o.startsWith(PYTHON_ROOT)));
  assert.ok(profile.objects.includes("<env>/lib/libpython3.11.so.1.0"), profile.objects.join());
  const listed = profile.functions.reduce((s, f) => s + f[3], 0);
  assert.equal(listed + profile.other.self, profile.total);
  assert.equal(instructionProfileProblem(profile), null);
});

Deno.test("a profile that does not add up, or is not one, is refused with the reason", async () => {
  const profile = compactProfile(await part(), { records: 1, passes: 1 });
  assert.match(
    instructionProfileProblem({ ...profile, total: profile.total + 1 }) ?? "",
    /do not add up to total/,
  );
  assert.match(
    instructionProfileProblem({ ...profile, functions: [[99, 0, "f", 1, 1]] }) ?? "",
    /functions\[0\]/,
  );
  assert.match(instructionProfileProblem({ ...profile, schema: "x" }) ?? "", /schema/);
  assert.match(instructionProfileProblem([]) ?? "", /not a JSON object/);
});
