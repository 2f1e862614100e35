import { join } from "node:path";
import { REPO_ROOT } from "./run_cli.ts";

/** Path of the pinned actionlint (`.ci/run` installs it); env ACTIONLINT overrides. */
export function actionlintPath(): string {
  return Deno.env.get("ACTIONLINT") ?? join(REPO_ROOT, ".bench", "bin", "actionlint");
}

/** Runs actionlint on the given files; returns its exit code and output. */
export async function actionlint(
  files: string[],
  cwd: string,
): Promise<{ code: number; output: string }> {
  const path = actionlintPath();
  try {
    await Deno.stat(path);
  } catch {
    throw new Error(
      `actionlint not found at ${path}: run .ci/run, or \`GOBIN=$PWD/.bench/bin go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12\``,
    );
  }
  const out = await new Deno.Command(path, {
    args: ["-no-color", ...files],
    cwd,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const decoder = new TextDecoder();
  return { code: out.code, output: decoder.decode(out.stdout) + decoder.decode(out.stderr) };
}
