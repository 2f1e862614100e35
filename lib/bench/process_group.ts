/**
 * Process groups for the processes the tool starts and must be able to end completely: runners
 * and installers. On Linux and macOS such a process starts in a new session (Deno.Command's
 * `detached`, which calls setsid()), so it leads a process group of its own, and whatever it starts
 * (a benchmarked library's subprocess, pip's build backend) belongs to that group unless it leaves
 * on purpose (a daemon calling setsid() itself escapes, as from any tool short of cgroups).
 * `killProcessGroup()` sends the signal to the whole group (a negative pid). A process in its own
 * session no longer gets the terminal's Ctrl-C either: the tool ends it itself, and every group
 * still alive when the tool exits (`Deno.exit`, a second Ctrl-C) is killed on the way out.
 *
 * Windows has no process groups here: the process is started as before and only it is killed.
 */

/** True where children lead their own process group (not on Windows). */
export const PROCESS_GROUPS: boolean = Deno.build.os !== "windows";

const live = new Set<number>();
let exitHookInstalled = false;

/** Options to spread into `Deno.Command` so the child leads its own process group. */
export function processGroupOptions(): { detached?: boolean } {
  return PROCESS_GROUPS ? { detached: true } : {};
}

/** Remembers a started child, so that its group is killed if the tool exits first. */
export function trackProcessGroup(child: Deno.ChildProcess): void {
  if (!PROCESS_GROUPS) return;
  live.add(child.pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    globalThis.addEventListener("unload", killAllProcessGroups);
  }
}

/**
 * Sends `signal` to the child's whole process group (only to the child on Windows, or when the
 * group cannot be signalled). Safe to call after the child exited: a group with no process left
 * is skipped. Once `final` (the default), the group is forgotten.
 */
export function killProcessGroup(
  child: Deno.ChildProcess,
  signal: Deno.Signal = "SIGKILL",
  final = true,
): void {
  let signalled = false;
  if (PROCESS_GROUPS) {
    try {
      Deno.kill(-child.pid, signal);
      signalled = true;
    } catch {
      // No process left in the group (ESRCH), or not ours: fall back to the child itself.
    }
  }
  if (!signalled) {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
  if (final) live.delete(child.pid);
}

/**
 * Waits until no process of the child's group is left (at most `timeoutMs`), after a kill: the
 * child's own exit says nothing about the processes it started. Returns false on timeout; true at
 * once where there are no groups.
 */
export async function waitForProcessGroup(
  child: Deno.ChildProcess,
  timeoutMs = 3000,
): Promise<boolean> {
  if (!PROCESS_GROUPS) return true;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      Deno.kill(-child.pid, "SIGKILL");
    } catch {
      return true; // ESRCH: the group is empty.
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Kills every tracked group that is still alive (runs when the tool exits). */
export function killAllProcessGroups(): void {
  for (const pid of live) {
    try {
      Deno.kill(-pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
  live.clear();
}
