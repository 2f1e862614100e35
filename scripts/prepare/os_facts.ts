/** The facts of this machine that decide how a missing tool may be installed. */

/** `ID` from /etc/os-release (`debian`, `ubuntu`, …), or null where there is none. */
export function readOsId(text?: string): string | null {
  let content = text;
  if (content === undefined) {
    try {
      content = Deno.readTextFileSync("/etc/os-release");
    } catch {
      return null;
    }
  }
  const match = /^ID=("?)([^"\n]*)\1\s*$/m.exec(content);
  return match ? match[2].trim().toLowerCase() : null;
}

/** True for uid 0 on POSIX; false on Windows. */
export function runningAsRoot(): boolean {
  return Deno.build.os !== "windows" && Deno.uid() === 0;
}
