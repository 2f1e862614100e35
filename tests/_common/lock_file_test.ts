import assert from "node:assert/strict";
import { join } from "node:path";
import { acquireLock, LockTimeoutError, readLockHolder } from "../../lib/_common/lock_file.ts";
import { tempDir } from "../helpers/run_cli.ts";

Deno.test("acquireLock() lets one holder in at a time; the next one waits for the release", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "sub", "x.lock");
  const order: string[] = [];
  const first = await acquireLock(path, { command: "first" });
  assert.equal(first.waited, false);
  assert.equal((await readLockHolder(path))?.command, "first");
  let waitedFor: string | undefined;
  const second = acquireLock(path, {
    command: "second",
    pollMs: 10,
    onWait: (holder) => (waitedFor = holder?.command),
  }).then((lock) => {
    order.push("second");
    return lock;
  });
  await new Promise((resolve) => setTimeout(resolve, 80));
  order.push("release first");
  await first.release();
  const lock = await second;
  assert.deepEqual(order, ["release first", "second"]);
  assert.equal(lock.waited, true);
  assert.equal(waitedFor, "first");
  await first.release(); // not its lock any more: a no-op
  assert.equal((await readLockHolder(path))?.command, "second");
  await lock.release();
  assert.equal(await readLockHolder(path), undefined);
});

Deno.test("acquireLock() takes over an empty lock file once it is older than a creation takes", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "x.lock");
  await Deno.writeTextFile(path, "");
  const old = new Date(Date.now() - 60_000);
  await Deno.utime(path, old, old);
  let reason = "";
  const lock = await acquireLock(path, {
    command: "t",
    onStale: (_, why) => (reason = why),
  });
  assert.match(reason, /empty or damaged/);
  await lock.release();
});

Deno.test("acquireLock() gives up after its timeout and stops waiting when aborted", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "x.lock");
  const held = await acquireLock(path, { command: "holder" });
  await assert.rejects(
    () => acquireLock(path, { command: "t", timeoutMs: 50, pollMs: 10 }),
    (error: unknown) =>
      error instanceof LockTimeoutError &&
      /x\.lock is still held by pid \d+ on host .* \(holder, since /.test(error.message),
  );
  const controller = new AbortController();
  const waiting = acquireLock(path, { command: "t", signal: controller.signal, pollMs: 1000 });
  controller.abort(new Error("stop"));
  await assert.rejects(() => waiting, /stop/);
  await held.release();
});
