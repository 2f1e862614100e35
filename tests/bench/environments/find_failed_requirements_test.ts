import assert from "node:assert/strict";
import {
  findFailedRequirements,
  requirementName,
} from "../../../lib/bench/environments/find_failed_requirements.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`./fixtures/${name}`, import.meta.url));

const COMPETITORS = ["orjson==3.13.0", "six==1.16.0", "numpy==2.4.6"];

Deno.test("requirementName() normalises distribution names the PEP 503 way and skips paths", () => {
  assert.equal(requirementName("Data_Son.Core[ml]>=1.0; python_version > '3.8'"), "data-son-core");
  assert.equal(requirementName("datason==0.13.0"), "datason");
  assert.equal(requirementName("./datason"), null);
  assert.equal(requirementName("/abs/path/to/datason"), null);
});

Deno.test("findFailedRequirements() names the missing pin from pip's output", () => {
  const requirements = ["datason==0.0.0-does-not-exist", ...COMPETITORS];
  assert.deepEqual(findFailedRequirements(fixture("pip23_no_such_version.txt"), requirements), [
    "datason==0.0.0-does-not-exist",
  ]);
  assert.deepEqual(
    findFailedRequirements(fixture("pip23_no_such_package.txt"), [
      "six==1.16.0",
      "no-such-package-datason-bench-xyz==1.0",
    ]),
    ["no-such-package-datason-bench-xyz==1.0"],
  );
});

Deno.test("findFailedRequirements() blames only the failing pin, not the one whose download preceded it", () => {
  assert.deepEqual(
    findFailedRequirements(fixture("pip23_dependency_pin_missing.txt"), [
      "datason==0.11.2",
      "numpy==1.0.0",
    ]),
    ["numpy==1.0.0"],
  );
});

Deno.test("findFailedRequirements() names both sides of a conflict", () => {
  const requirements = ["datason==0.13.0", "orjson==3.13.0", "datason==0.12.0"];
  assert.deepEqual(findFailedRequirements(fixture("pip23_conflict.txt"), requirements), [
    "datason==0.13.0",
    "datason==0.12.0",
  ]);
  assert.deepEqual(findFailedRequirements(fixture("uv013_conflict.txt"), requirements), [
    "datason==0.13.0",
    "datason==0.12.0",
  ]);
});

Deno.test("findFailedRequirements() matches local paths, absolute or relative to the installer's folder", () => {
  assert.deepEqual(
    findFailedRequirements(fixture("pip23_not_a_project.txt"), ["/tmp/emptyproj", ...COMPETITORS]),
    ["/tmp/emptyproj"],
  );
  assert.deepEqual(
    findFailedRequirements(fixture("pip23_missing_path.txt"), ["six==1.16.0", "/tmp/nonexist"]),
    ["/tmp/nonexist"],
  );
  assert.deepEqual(
    findFailedRequirements(
      fixture("pip23_build_failed.txt"),
      ["/tmp/badproj", "six==1.16.0"],
      "/tmp",
    ),
    ["/tmp/badproj"],
  );
  assert.deepEqual(
    findFailedRequirements(fixture("uv013_not_a_project.txt"), ["six==1.16.0", "/tmp/emptyproj"]),
    ["/tmp/emptyproj"],
  );
});

Deno.test("findFailedRequirements() reads uv's resolver messages", () => {
  assert.deepEqual(
    findFailedRequirements(fixture("uv013_no_such_version.txt"), ["datason==0.0.0", "six==1.16.0"]),
    ["datason==0.0.0"],
  );
  assert.deepEqual(
    findFailedRequirements(fixture("uv013_no_such_package.txt"), [
      "no-such-package-datason-bench-xyz==1.0",
    ]),
    ["no-such-package-datason-bench-xyz==1.0"],
  );
});

Deno.test("findFailedRequirements() returns nothing when the output names no requirement", () => {
  assert.deepEqual(
    findFailedRequirements(fixture("uv013_build_failed.txt"), ["/tmp/badproj", "six==1.16.0"]),
    [],
  );
  assert.deepEqual(findFailedRequirements("", COMPETITORS), []);
});

Deno.test("findFailedRequirements() traces a failing dependency to the configured requirement that pulled it in", () => {
  const output = [
    "Collecting datason==0.11.2",
    "  Using cached datason-0.11.2-py3-none-any.whl (117 kB)",
    "Collecting oldlib<1 (from datason==0.11.2)",
    "ERROR: Could not find a version that satisfies the requirement oldlib<1 (from datason) (from versions: none)",
    "ERROR: No matching distribution found for oldlib<1",
  ].join("\n");
  assert.deepEqual(findFailedRequirements(output, ["orjson==3.13.0", "datason==0.11.2"]), [
    "datason==0.11.2",
  ]);
});
