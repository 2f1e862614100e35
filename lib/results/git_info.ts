/** Best-effort git commit and branch of a folder; null when git or the repository is absent. */

export interface GitInfo {
  commit: string | null;
  branch: string | null;
  dirty: boolean | null;
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  try {
    const output = await new Deno.Command("git", {
      args,
      cwd,
      stdout: "piped",
      stderr: "null",
      stdin: "null",
    }).output();
    return output.success ? new TextDecoder().decode(output.stdout).trim() : null;
  } catch {
    return null;
  }
}

export async function gitInfo(cwd: string): Promise<GitInfo | null> {
  const commit = await git(cwd, ["rev-parse", "HEAD"]);
  if (commit === null) return null;
  const branch = await git(cwd, ["rev-parse", "--abbrev-ref", "HEAD"]);
  const status = await git(cwd, ["status", "--porcelain", "--untracked-files=no"]);
  return {
    commit,
    branch: branch === "HEAD" ? null : branch,
    dirty: status === null ? null : status !== "",
  };
}
