/**
 * Builds one release archive: `deno compile` with exactly the compile task's permission flags for
 * the given target, the binary in dist/ (for the smoke run), and an archive in dist/release/
 * (`datason-bench-<version>-<target>.tar.gz`, or `.zip` for Windows).
 *
 * The binary carries the commit it was built from: DATASON_BENCH_COMMIT (the release workflow sets
 * it to the tag's commit, 40 hex digits) is written into lib/_common/build_info.ts for the compile,
 * and the file is restored afterwards. Without it the build says so and carries none.
 *
 * Usage: DATASON_BENCH_COMMIT=<sha> deno run --allow-read --allow-write --allow-run --allow-env
 *        scripts/compile_release.ts TARGET VERSION
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BUILD_COMMIT_LINE = "export const BUILD_COMMIT: string | null = null;";

/** build_info.ts with `BUILD_COMMIT` set to `sha` (a full commit SHA). */
export function withCommit(source: string, sha: string): string {
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`not a full commit SHA: "${sha}"`);
  if (!source.includes(BUILD_COMMIT_LINE)) {
    throw new Error(`build_info.ts no longer has the line ${BUILD_COMMIT_LINE}`);
  }
  return source.replace(BUILD_COMMIT_LINE, `export const BUILD_COMMIT: string | null = "${sha}";`);
}

class CommandFailed extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

async function run(cmd: string, args: string[], cwd: string): Promise<void> {
  console.error(`$ ${cmd} ${args.join(" ")}`);
  const status = await new Deno.Command(cmd, { args, cwd, stdout: "inherit", stderr: "inherit" })
    .spawn().status;
  if (!status.success) throw new CommandFailed(status.code || 1);
}

async function main(target: string, version: string, commit: string): Promise<void> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const denoJson = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
  const flags = (denoJson.tasks.compile as string).split(/\s+/).filter((w) =>
    w.startsWith("--") && w !== "--output"
  );
  const windows = target.includes("windows");
  const binary = join(root, "dist", windows ? "datason-bench.exe" : "datason-bench");

  const buildInfo = join(root, "lib", "_common", "build_info.ts");
  const original = await Deno.readTextFile(buildInfo);
  if (commit === "") console.error("no DATASON_BENCH_COMMIT: the binary carries no commit SHA");
  else await Deno.writeTextFile(buildInfo, withCommit(original, commit));
  try {
    await run(
      Deno.execPath(),
      ["compile", ...flags, "--target", target, "--output", binary, "main.ts"],
      root,
    );
  } finally {
    await Deno.writeTextFile(buildInfo, original);
  }

  const releaseDir = join(root, "dist", "release");
  await Deno.mkdir(releaseDir, { recursive: true });
  const base = `datason-bench-${version}-${target}`;
  if (windows) {
    await run("7z", ["a", "-tzip", join(releaseDir, `${base}.zip`), binary], root);
  } else {
    await run("tar", [
      "-czf",
      join(releaseDir, `${base}.tar.gz`),
      "-C",
      join(root, "dist"),
      "datason-bench",
    ], root);
  }
}

if (import.meta.main) {
  const [target, version] = Deno.args;
  if (!target || !version) {
    console.error(
      "usage: compile_release.ts TARGET VERSION (e.g. x86_64-unknown-linux-gnu v0.1.0)",
    );
    Deno.exit(2);
  }
  const commit = Deno.env.get("DATASON_BENCH_COMMIT") ?? "";
  if (commit !== "" && !/^[0-9a-f]{40}$/.test(commit)) {
    console.error(`DATASON_BENCH_COMMIT must be a full commit SHA (got "${commit}")`);
    Deno.exit(2);
  }
  try {
    await main(target, version, commit);
  } catch (error) {
    if (error instanceof CommandFailed) Deno.exit(error.code);
    throw error;
  }
}
