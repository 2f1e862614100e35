/**
 * Builds one release archive: `deno compile` with exactly the compile task's permission flags for
 * the given target, the binary in dist/ (for the smoke run), and an archive in dist/release/
 * (`datason-bench-<version>-<target>.tar.gz`, or `.zip` for Windows).
 *
 * Usage: deno run --allow-read --allow-write --allow-run --allow-env scripts/compile_release.ts TARGET VERSION
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";

const [target, version] = Deno.args;
if (!target || !version) {
  console.error("usage: compile_release.ts TARGET VERSION (e.g. x86_64-unknown-linux-gnu v0.1.0)");
  Deno.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const denoJson = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
const flags = (denoJson.tasks.compile as string).split(/\s+/).filter((w) =>
  w.startsWith("--") && w !== "--output"
);
const windows = target.includes("windows");
const binary = join(root, "dist", windows ? "datason-bench.exe" : "datason-bench");

async function run(cmd: string, args: string[], cwd = root): Promise<void> {
  console.error(`$ ${cmd} ${args.join(" ")}`);
  const status = await new Deno.Command(cmd, { args, cwd, stdout: "inherit", stderr: "inherit" })
    .spawn().status;
  if (!status.success) Deno.exit(status.code || 1);
}

await run(Deno.execPath(), [
  "compile",
  ...flags,
  "--target",
  target,
  "--output",
  binary,
  "main.ts",
]);
const releaseDir = join(root, "dist", "release");
await Deno.mkdir(releaseDir, { recursive: true });
const base = `datason-bench-${version}-${target}`;
if (windows) {
  await run("7z", ["a", "-tzip", join(releaseDir, `${base}.zip`), binary]);
} else {
  await run("tar", [
    "-czf",
    join(releaseDir, `${base}.tar.gz`),
    "-C",
    join(root, "dist"),
    "datason-bench",
  ]);
}
