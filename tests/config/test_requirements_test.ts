import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import defaults from "../../lib/config/defaults.json" with { type: "json" };

Deno.test("tests/requirements.txt pins exactly the default environment's requirements", async () => {
  const text = await Deno.readTextFile(
    fileURLToPath(new URL("../requirements.txt", import.meta.url)),
  );
  const pins = text.split("\n").map((line) => line.trim()).filter((line) =>
    line !== "" && !line.startsWith("#")
  );
  assert.deepEqual(pins, defaults.environments.default.requirements);
});
