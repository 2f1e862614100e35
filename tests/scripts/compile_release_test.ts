import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { withCommit } from "../../scripts/compile_release.ts";
import { REPO_ROOT, tempDir } from "../helpers/run_cli.ts";

const SHA = "0123456789abcdef0123456789abcdef01234567";

Deno.test("the release build writes its commit into build_info.ts, which then exports it", async () => {
  const source = await Deno.readTextFile(join(REPO_ROOT, "lib", "_common", "build_info.ts"));
  await using dir = await tempDir();
  const path = join(dir.path, "build_info.ts");
  await Deno.writeTextFile(path, withCommit(source, SHA));
  const module = await import(pathToFileURL(path).href);
  assert.equal(module.BUILD_COMMIT, SHA);
  assert.throws(() => withCommit(source, "v0.1.0"), /not a full commit SHA/);
});
