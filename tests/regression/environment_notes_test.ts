import assert from "node:assert/strict";
import { environmentPairNotes } from "../../lib/regression/environment_notes.ts";
import type { EnvironmentInfo } from "../../lib/results/run_record.ts";

function environment(python: string, orjson: string): EnvironmentInfo {
  return {
    python,
    implementation: "CPython",
    executable: "/usr/bin/python3",
    freeze: { datason: "0.13.0", orjson },
    libraries: {
      datason: { version: "0.13.0", apis: [] },
      json: { version: python, apis: ["dumps", "loads"] },
      pickle: { version: python, apis: ["dumps", "loads"] },
      orjson: { version: orjson, apis: ["dumps", "loads"] },
    },
  };
}

Deno.test("environmentPairNotes() notes a Python change once: json and pickle go with it", () => {
  const notes = environmentPairNotes(
    "default",
    environment("3.11.7", "3.13.0"),
    environment("3.12.1", "3.14.0"),
  );
  assert.deepEqual(notes.map((n) => n.id), ["python:default", "library:default:orjson"]);
});
