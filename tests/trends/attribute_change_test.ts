import assert from "node:assert/strict";
import { attributeChange, fingerprintChanges } from "../../lib/trends/attribute_change.ts";
import type { TrendRun } from "../../lib/trends/types.ts";

function run(
  id: string,
  libraries: Record<string, string | null>,
  python: string | null = "3.12.11",
  machine: string | null = "AMD EPYC 7763",
): TrendRun {
  return {
    runId: id,
    startedAt: "2026-01-01T00:00:00.000Z",
    source: "measured",
    file: null,
    machine,
    environments: { default: { python, libraries } },
  };
}

Deno.test("fingerprintChanges() lists DataSON, the series' library, Python and machine changes", () => {
  const a = run("a", { datason: "0.12.0", orjson: "3.10.0", ujson: "5.0" }, "3.12.11", "AMD");
  const b = run("b", { datason: "0.13.0", orjson: "3.11.0", ujson: "6.0" }, "3.12.12", "Intel");
  assert.deepEqual(
    fingerprintChanges(a, b, "default", "orjson").map((c) => [c.kind, c.name, c.from, c.to]),
    [
      ["datason", "DataSON", "0.12.0", "0.13.0"],
      ["library", "orjson", "3.10.0", "3.11.0"],
      ["python", "Python", "3.12.11", "3.12.12"],
      ["machine", "machine", "AMD", "Intel"],
    ],
  );
  // Another competitor's upgrade (ujson) is not a cause for the orjson series.
  assert.ok(!fingerprintChanges(a, b, "default", "orjson").some((c) => c.name === "ujson"));
});

Deno.test("fingerprintChanges() treats unknown values as no evidence", () => {
  const a = run("a", { datason: null }, null, null);
  const b = run("b", { datason: "0.13.0" }, "3.12.11", "AMD");
  assert.deepEqual(fingerprintChanges(a, b, "default", null), []);
});

Deno.test("attributeChange() looks one run either side when nothing changed at the point", () => {
  const runs = [
    run("0", { datason: "0.12.0" }),
    run("1", { datason: "0.12.0" }),
    run("2", { datason: "0.13.0" }),
    run("3", { datason: "0.13.0" }),
  ];
  assert.equal(
    attributeChange(runs, 1, 2, "default", "datason").summary,
    "DataSON 0.12.0 → 0.13.0",
  );
  assert.equal(
    attributeChange(runs, 2, 3, "default", "datason").summary,
    "DataSON 0.12.0 → 0.13.0 (one run earlier)",
  );
  assert.equal(
    attributeChange(runs, 0, 1, "default", "datason").summary,
    "DataSON 0.12.0 → 0.13.0 (one run later)",
  );
  const flat = [run("0", { datason: "0.13.0" }), run("1", { datason: "0.13.0" })];
  assert.deepEqual(attributeChange(flat, 0, 1, "default", "datason"), {
    changes: [],
    summary: "no recorded cause",
  });
});
