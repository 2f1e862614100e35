import assert from "node:assert/strict";
import { unknownName } from "../../lib/_common/suggest.ts";

Deno.test("unknownName() suggests the closest name and lists the known ones", () => {
  assert.equal(
    unknownName("profile", "quik", ["quick", "pr", "default"]),
    'unknown profile "quik" (did you mean "quick"?) (known: quick, pr, default)',
  );
  assert.equal(
    unknownName("target", "zzz", ["json"], { note: 'declare your own under "targets"' }),
    'unknown target "zzz" (known: json; declare your own under "targets")',
  );
  assert.equal(
    unknownName("command", "rn", ["run"], { list: false }),
    'unknown command "rn" (did you mean "run"?)',
  );
  assert.equal(unknownName("environment", "x", []), 'unknown environment "x" (known: none)');
});
