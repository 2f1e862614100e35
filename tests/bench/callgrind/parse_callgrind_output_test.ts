/**
 * The callgrind reader against a real output file (valgrind 3.19, `--dump-after=ffi_call`, one
 * `json.dumps` under the ctypes marker), checked against valgrind's own `callgrind_annotate`.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  CallgrindFormatError,
  parseCallgrindOutput,
} from "../../../lib/bench/callgrind/parse_callgrind_output.ts";
import { REPO_ROOT } from "../../helpers/run_cli.ts";

const FIXTURE = join(
  REPO_ROOT,
  "tests",
  "fixtures",
  "callgrind",
  "json_dumps_region.callgrind.out",
);
const LIBPYTHON = "/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0";

function find(part: ReturnType<typeof parseCallgrindOutput>, name: string) {
  const fn = part.functions.find((f) => f.name === name && f.object === LIBPYTHON);
  assert.ok(fn, `function ${name} not found`);
  return fn;
}

Deno.test("a recorded callgrind part gives its events, totals and header", async () => {
  const part = parseCallgrindOutput(await Deno.readTextFile(FIXTURE));
  assert.deepEqual(part.events, ["Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw"]);
  assert.deepEqual(part.totals, [30809, 8510, 4989, 888, 452, 117, 34, 0, 8]);
  assert.equal(part.part, 1);
  assert.equal(part.pid, 5557);
  assert.equal(part.desc["Trigger"], "--dump-after=ffi_call");
  assert.equal(part.desc["LL cache"], "8388608 B, 64 B, 16-way associative");
});

Deno.test("self and inclusive costs per function equal callgrind_annotate's, names decompressed", async () => {
  const part = parseCallgrindOutput(await Deno.readTextFile(FIXTURE));
  // `callgrind_annotate --auto=no` (self) and `--inclusive=yes` on the same file. It lists code
  // inlined from a header under the header's file; here it counts for its function, so the
  // reference is the sum of annotate's rows of that function.
  assert.equal(
    find(part, "_PyEval_EvalFrameDefault'2").self[0],
    3453 + 78 + 73 + 33 + 28 + 16 + 6 + 2,
  );
  assert.equal(find(part, "unicodekeys_lookup_unicode").self[0], 2230);
  assert.equal(find(part, "_Py_dict_lookup").self[0], 1855);
  assert.equal(find(part, "_PyUnicode_JoinArray").self[0], 1053 + 287 + 76);
  assert.equal(find(part, "_PyObject_Free").self[0], 1039);
  assert.equal(find(part, "_PyEval_EvalFrameDefault'2").inclusive[0], 29776);
  const encode = part.functions.find((f) => f.name === "py_encode_basestring_ascii");
  assert.equal(encode?.self[0], 927 + 240 + 7);
  assert.equal(encode?.inclusive[0], 1860);
  assert.match(encode!.object, /_json\.cpython-311-x86_64-linux-gnu\.so$/);
  assert.match(encode!.file, /Modules\/_json\.c$/);
  // Every cost line belongs to exactly one function: self costs add up to the totals.
  const selfSum = part.events.map((_, i) => part.functions.reduce((s, f) => s + f.self[i], 0));
  assert.deepEqual(selfSum, part.totals);
});

Deno.test("compressed names resolve to their first definition; trailing zero costs may be omitted", () => {
  const text = [
    "events: Ir Dr",
    "ob=(1) /lib/a.so",
    "fl=(1) a.c",
    "fn=(1) outer",
    "5 10 2",
    "cob=(2) /lib/b.so",
    "cfi=(2) b.c",
    "cfn=(2) inner",
    "calls=3 0",
    "+1 30",
    "ob=(2)",
    "fl=(2)",
    "fn=(2)",
    "* 30",
    "totals: 40 2",
  ].join("\n");
  const part = parseCallgrindOutput(text);
  assert.deepEqual(part.functions, [
    {
      object: "/lib/a.so",
      file: "a.c",
      name: "outer",
      self: [10, 2],
      inclusive: [40, 2],
      callsOut: 3,
    },
    {
      object: "/lib/b.so",
      file: "b.c",
      name: "inner",
      self: [30, 0],
      inclusive: [30, 0],
      callsOut: 0,
    },
  ]);
  assert.deepEqual(part.totals, [40, 2]);
});

Deno.test("costs written wrapped around 2^64 read back as the small negative numbers they are", () => {
  const part = parseCallgrindOutput(
    "events: Ir I1mr\nsummary: 4420555 18446744073709551584\nfn=(1) f\n0 4420555 18446744073709551584\n",
  );
  assert.deepEqual(part.totals, [4420555, -32]);
  assert.deepEqual(part.functions[0].self, [4420555, -32]);
});

Deno.test("malformed callgrind text is refused with the line", () => {
  assert.throws(() => parseCallgrindOutput("hello"), CallgrindFormatError);
  assert.throws(
    () => parseCallgrindOutput("events: Ir\nfn=(3)\n1 2\n"),
    /line 2: fn=\(3\) used before it was named/,
  );
  assert.throws(
    () => parseCallgrindOutput("events: Ir\nfn=(1) f\n1 2 3\n"),
    /line 3: 2 costs for 1 events/,
  );
  assert.throws(() => parseCallgrindOutput("events: Ir\npart: 1\npart: 2\n"), /more than one part/);
  assert.throws(() => parseCallgrindOutput("events: Ir\nfn=(1) f\n0 -3\n"), /"-3" is not a cost/);
  assert.throws(
    () => parseCallgrindOutput("events: Ir\nfn=(1) f\n0 36893488147419103232\n"),
    /beyond 64 bits/,
  );
});
