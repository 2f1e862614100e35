import { testToolPath } from "./test_tools.ts";

/** Path of the pinned actionlint `deno task test` prepared (or $ACTIONLINT). */
export function actionlintPath(): string {
  return testToolPath("actionlint");
}

/** Runs actionlint on the given files; returns its exit code and output. */
export async function actionlint(
  files: string[],
  cwd: string,
): Promise<{ code: number; output: string }> {
  const path = actionlintPath();
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
