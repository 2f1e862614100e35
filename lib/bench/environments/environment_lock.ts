/**
 * The lock of one environment (`<work.dir>/envs/.<name>.lock`, beside its folder, which a build
 * removes): held while an environment is checked, built or reused, so two `setup`s (or a `setup`
 * and a `run`) never build into the same folder at once. The second one waits, saying for whom,
 * and then finds the environment ready and reuses it. See `lib/_common/lock_file.ts` for how a
 * lock whose holder is gone is taken over.
 */

import { join } from "node:path";
import {
  acquireLock,
  describeLockHolder,
  type HeldLock,
  LockTimeoutError,
} from "../../_common/lock_file.ts";
import type { Logger } from "../../_common/logger.ts";
import type { Config } from "../../config/types.ts";
import { EnvironmentSetupError } from "./types.ts";

/** Environment names cannot start with a dot, so the lock never collides with an environment. */
export function environmentLockPath(config: Config, name: string): string {
  return join(config.work.dir, "envs", `.${name}.lock`);
}

export interface EnvironmentLockOptions {
  signal?: AbortSignal;
  /** Give up waiting after this long (default 30 minutes). */
  timeoutMs?: number;
}

/** Takes the environment's lock; a timeout is an `EnvironmentSetupError` naming the lock file. */
export async function lockEnvironment(
  config: Config,
  name: string,
  log: Logger,
  options: EnvironmentLockOptions = {},
): Promise<HeldLock> {
  const path = environmentLockPath(config, name);
  try {
    return await acquireLock(path, {
      command: "setup",
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      onWait: (holder) =>
        log.info(
          `environment "${name}": waiting for ${describeLockHolder(holder)}, which is ` +
            `setting it up (lock ${path}) …`,
        ),
      onStale: (holder, reason) =>
        log.warn(
          `environment "${name}": took over the lock of ${describeLockHolder(holder)}: ${reason}`,
        ),
    });
  } catch (error) {
    if (!(error instanceof LockTimeoutError)) throw error;
    throw new EnvironmentSetupError(
      name,
      `another process is still setting it up: ${error.message}`,
      {
        hint: `wait for it to finish; if no datason-bench process is running there, delete ${path}`,
      },
    );
  }
}
