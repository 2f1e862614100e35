/**
 * The lock of an environment: one whose holder is gone is taken over, one held from another host
 * is waited for and then named with the fix. (Two `setup`s at once: concurrent_setup_test.ts.)
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { createLogger } from "../../../lib/cli/logger.ts";
import { MemoryIo } from "../../../lib/cli/io.ts";
import { resolveConfig } from "../../../lib/config/load_config.ts";
import { ensureEnvironments } from "../../../lib/bench/environments/ensure_environments.ts";
import { environmentLockPath } from "../../../lib/bench/environments/environment_lock.ts";
import { tempDir } from "../../helpers/run_cli.ts";
import { writeSlowFakePython } from "./slow_fake_python.ts";

const IS_POSIX = Deno.build.os !== "windows";

Deno.test({
  name: "a lock left by a process that is gone is taken over, saying so",
  ignore: !IS_POSIX,
  async fn() {
    await using dir = await tempDir();
    const fake = await writeSlowFakePython(dir.path, 0);
    const config = resolveConfig(
      {
        work: { dir: join(dir.path, ".bench") },
        environments: { pinned: { python: fake.python, requirements: ["datason==0.13.0"] } },
        suites: {},
      },
      join(dir.path, "datason-bench.json"),
      dir.path,
    ).config;
    // A finished process's pid is free: its lock is stale.
    const gone = new Deno.Command("true").spawn();
    await gone.status;
    const lockPath = environmentLockPath(config, "pinned");
    await Deno.mkdir(join(dir.path, ".bench", "envs"), { recursive: true });
    await Deno.writeTextFile(
      lockPath,
      JSON.stringify({
        pid: gone.pid,
        host: Deno.hostname(),
        startedAt: "2026-01-01T00:00:00.000Z",
        command: "setup",
        token: "old",
        processStart: null,
      }),
    );
    const io = new MemoryIo();
    const log = createLogger(io, { quiet: false, verbose: false });
    const [outcome] = await ensureEnvironments(config, ["pinned"], log, { installer: "pip" });
    assert.equal(outcome.status, "built");
    assert.match(
      io.err,
      new RegExp(`took over the lock of pid ${gone.pid} on host .*: process ${gone.pid} is gone`),
    );
    assert.equal(await Deno.stat(lockPath).then(() => 1, () => 0), 0);
  },
});

Deno.test({
  name: "a lock held from another host is waited for, then named in the error with the fix",
  ignore: !IS_POSIX,
  async fn() {
    await using dir = await tempDir();
    const fake = await writeSlowFakePython(dir.path, 0);
    const config = resolveConfig(
      {
        work: { dir: join(dir.path, ".bench") },
        environments: { pinned: { python: fake.python, requirements: ["datason==0.13.0"] } },
        suites: {},
      },
      join(dir.path, "datason-bench.json"),
      dir.path,
    ).config;
    const lockPath = environmentLockPath(config, "pinned");
    await Deno.mkdir(join(dir.path, ".bench", "envs"), { recursive: true });
    await Deno.writeTextFile(
      lockPath,
      JSON.stringify({
        pid: 4242,
        host: "another-host.example",
        startedAt: "2026-01-01T00:00:00.000Z",
        command: "setup",
        token: "theirs",
        processStart: null,
      }),
    );
    const io = new MemoryIo();
    const log = createLogger(io, { quiet: false, verbose: false });
    const [outcome] = await ensureEnvironments(config, ["pinned"], log, {
      installer: "pip",
      lockTimeoutMs: 300,
    });
    assert.equal(outcome.status, "failed");
    if (outcome.status !== "failed") return;
    assert.match(
      outcome.error.message,
      /another process is still setting it up: .*\.pinned\.lock is still held by pid 4242 on host another-host\.example/,
    );
    assert.match(outcome.error.hint ?? "", /delete .*\.pinned\.lock/);
    assert.match(io.err, /waiting for pid 4242 on host another-host\.example/);
    assert.deepEqual(await fake.calls(), [], "nothing was built");
  },
});
