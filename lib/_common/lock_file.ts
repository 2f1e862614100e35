/**
 * Lock files: one process at a time may change a shared thing (an environment being built, a
 * dataset folder being generated). The lock is a small JSON file created exclusively (`createNew`,
 * so two processes can never both create it) holding who holds it: pid, host, start time, command
 * and a random token. A second process waits until the file is gone, then takes it.
 *
 * A lock whose holder is gone is stale and is taken over: on the same host the holder's pid no
 * longer exists (or, on Linux, now belongs to a process that started later), or the file stayed
 * empty for longer than a creation takes. A lock held from another host (a shared folder) cannot be
 * checked: it is waited for, and after `timeoutMs` the error names the file to delete. Where the
 * operating system cannot tell whether a pid is alive (Windows), the holder is assumed alive.
 *
 * Taking over renames the stale file aside, checks that what was moved is the stale lock it read,
 * and puts it back (a hard link, which fails when the name is taken) if another process took the
 * lock meanwhile; so two processes that find the same stale lock cannot both end up holding it.
 */

import { parseJsonText } from "./parse_json_text.ts";
import { basename, dirname, join } from "node:path";

export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock (ISO 8601). */
  startedAt: string;
  /** What the holder is doing, for messages (`setup`, `generate`). */
  command: string;
  /** Random: tells this holder's lock apart from a later one of the same pid. */
  token: string;
  /** Linux: the holder's start time (clock ticks after boot, /proc/<pid>/stat), else null. */
  processStart: number | null;
}

export interface AcquireLockOptions {
  /** Stored in the lock for messages, e.g. `setup`. */
  command: string;
  signal?: AbortSignal;
  /** Called once, when another holder is alive and this process starts to wait. */
  onWait?: (holder: LockHolder | null) => void;
  /** Called when a stale lock was taken over, with why it was stale. */
  onStale?: (holder: LockHolder | null, reason: string) => void;
  /** Give up waiting after this long (default 30 minutes). */
  timeoutMs?: number;
  /** Pause between attempts (default 200 ms). */
  pollMs?: number;
}

export interface HeldLock {
  path: string;
  holder: LockHolder;
  /** True when another process held the lock first and this one waited for it. */
  waited: boolean;
  /** Removes the lock (only if it is still this holder's). Safe to call twice. */
  release(): Promise<void>;
}

/** Waited `timeoutMs` and the lock is still held. */
export class LockTimeoutError extends Error {
  readonly path: string;
  readonly holder: LockHolder | null;
  constructor(path: string, holder: LockHolder | null, waitedMs: number) {
    super(
      `${path} is still held by ${describeLockHolder(holder)} after ${
        Math.round(waitedMs / 1000)
      } s`,
    );
    this.name = "LockTimeoutError";
    this.path = path;
    this.holder = holder;
  }
}

const DEFAULT_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_POLL_MS = 200;
/** An empty or unreadable lock older than this is a creation that never finished. */
const UNWRITTEN_GRACE_MS = 10_000;

/** `pid 123 on host ci-7 (setup, since 2026-12-03T08:00:00.000Z)`. */
export function describeLockHolder(holder: LockHolder | null): string {
  if (holder === null) return "an unknown process";
  return `pid ${holder.pid} on host ${holder.host} (${holder.command}, since ${holder.startedAt})`;
}

/** Takes the lock at `path`, waiting while a live holder has it. */
export async function acquireLock(path: string, options: AcquireLockOptions): Promise<HeldLock> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const me: LockHolder = {
    pid: Deno.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command: options.command,
    token: crypto.randomUUID(),
    processStart: processStartTicks(Deno.pid),
  };
  await Deno.mkdir(dirname(path), { recursive: true });
  const started = Date.now();
  let waited = false;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await tryCreate(path, me)) {
      return { path, holder: me, waited, release: () => releaseLock(path, me.token) };
    }
    const found = await readLock(path);
    if (found === undefined) continue; // Released between the two calls: try again at once.
    const stale = whyStale(found.holder, found.ageMs);
    if (stale !== null) {
      if (await takeOver(path, found.text)) options.onStale?.(found.holder, stale);
      continue;
    }
    if (!waited) {
      waited = true;
      options.onWait?.(found.holder);
    }
    if (Date.now() - started >= timeoutMs) {
      throw new LockTimeoutError(path, found.holder, Date.now() - started);
    }
    await sleep(pollMs, options.signal);
  }
}

/** The holder of the lock at `path`: undefined when there is no lock, null when unreadable. */
export async function readLockHolder(path: string): Promise<LockHolder | null | undefined> {
  return (await readLock(path))?.holder;
}

async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { write: true, createNew: true });
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    throw error;
  }
  try {
    const bytes = new TextEncoder().encode(`${JSON.stringify(holder)}\n`);
    let offset = 0;
    while (offset < bytes.length) offset += await file.write(bytes.subarray(offset));
  } finally {
    file.close();
  }
  return true;
}

async function readLock(
  path: string,
): Promise<{ text: string; holder: LockHolder | null; ageMs: number } | undefined> {
  let text: string;
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  const ageMs = info.mtime === null ? 0 : Date.now() - info.mtime.getTime();
  return { text, holder: parseHolder(text), ageMs };
}

function parseHolder(text: string): LockHolder | null {
  try {
    // deno-lint-ignore no-explicit-any
    const value = parseJsonText(text) as any;
    if (
      value !== null && typeof value === "object" && Number.isSafeInteger(value.pid) &&
      typeof value.host === "string" && typeof value.token === "string"
    ) {
      return {
        pid: value.pid,
        host: value.host,
        startedAt: String(value.startedAt ?? ""),
        command: String(value.command ?? "?"),
        token: value.token,
        processStart: typeof value.processStart === "number" ? value.processStart : null,
      };
    }
  } catch {
    // Not written yet, or damaged.
  }
  return null;
}

/** Why the lock is stale, or null when its holder may still be working. */
function whyStale(holder: LockHolder | null, ageMs: number): string | null {
  if (holder === null) {
    return ageMs > UNWRITTEN_GRACE_MS ? "the lock file is empty or damaged" : null;
  }
  if (holder.host !== hostname()) return null;
  if (holder.pid === Deno.pid) {
    // Another task of this very process, unless an earlier process had the same pid.
    const mine = processStartTicks(Deno.pid);
    return holder.processStart !== null && mine !== null && holder.processStart !== mine
      ? `process ${holder.pid} is gone (that pid now belongs to this process)`
      : null;
  }
  const alive = processAlive(holder.pid);
  if (alive === false) return `process ${holder.pid} is gone`;
  if (alive === true && holder.processStart !== null) {
    const start = processStartTicks(holder.pid);
    if (start !== null && start !== holder.processStart) {
      return `process ${holder.pid} is gone (that pid now belongs to another process)`;
    }
  }
  return null;
}

/** Renames the stale lock aside; puts it back when what was moved is not the stale lock read. */
async function takeOver(path: string, staleText: string): Promise<boolean> {
  const aside = join(
    dirname(path),
    `${basename(path)}.stale-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`,
  );
  try {
    await Deno.rename(path, aside);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
  const moved = await Deno.readTextFile(aside).catch(() => null);
  if (moved !== staleText) {
    // Another process took the lock after the stale one was read: give it back its lock.
    await Deno.link(aside, path).catch(() => {});
    await Deno.remove(aside).catch(() => {});
    return false;
  }
  await Deno.remove(aside).catch(() => {});
  return true;
}

async function releaseLock(path: string, token: string): Promise<void> {
  const found = await readLock(path).catch(() => undefined);
  if (found?.holder?.token !== token) return;
  await Deno.remove(path).catch(() => {});
}

/** True/false where the system can tell whether `pid` runs; null where it cannot. */
function processAlive(pid: number): boolean | null {
  try {
    Deno.kill(pid, 0 as unknown as Deno.Signal);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    if (error instanceof Deno.errors.PermissionDenied) return true;
    return null;
  }
}

/** Linux: field 22 of /proc/<pid>/stat (start time after boot); null elsewhere or when gone. */
function processStartTicks(pid: number): number | null {
  if (Deno.build.os !== "linux") return null;
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "unknown";
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
