/**
 * The lock of a dataset folder (`<dir>/.generate.lock`): held by `generate` from reading the
 * manifest to writing it for the last time, so two `generate`s into one folder run one after the
 * other and the second starts from the manifest the first wrote (no entry is lost). See
 * `lib/_common/lock_file.ts` for the lock file and how a stale one is taken over.
 */

import { join } from "node:path";
import {
  acquireLock,
  describeLockHolder,
  type HeldLock,
  type LockHolder,
  LockTimeoutError,
} from "../_common/lock_file.ts";
import { ExecutionError } from "../_common/errors.ts";

export const FOLDER_LOCK_NAME = ".generate.lock";

export interface FolderLockOptions {
  signal?: AbortSignal;
  /** Give up waiting after this long (default 30 minutes). */
  timeoutMs?: number;
  /** Told once when another process holds the folder and this one waits. */
  onWait?: (message: string) => void;
  /** Told when a stale lock was taken over. */
  onStale?: (message: string) => void;
}

export function datasetFolderLockPath(dir: string): string {
  return join(dir, FOLDER_LOCK_NAME);
}

/** Takes the folder's lock; a timeout is an `ExecutionError` (exit 3) naming the lock file. */
export async function lockDatasetFolder(
  dir: string,
  options: FolderLockOptions = {},
): Promise<HeldLock> {
  const path = datasetFolderLockPath(dir);
  try {
    return await acquireLock(path, {
      command: "generate",
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      onWait: (holder: LockHolder | null) =>
        options.onWait?.(
          `waiting for ${describeLockHolder(holder)}, which is writing datasets in ${dir} …`,
        ),
      onStale: (holder: LockHolder | null, reason: string) =>
        options.onStale?.(
          `took over the lock of ${describeLockHolder(holder)} on ${dir}: ${reason}`,
        ),
    });
  } catch (error) {
    if (!(error instanceof LockTimeoutError)) throw error;
    throw new ExecutionError(`cannot write datasets to "${dir}": ${error.message}`, {
      hint: `wait for the other generate to finish; if none is running, delete ${path}`,
    });
  }
}
