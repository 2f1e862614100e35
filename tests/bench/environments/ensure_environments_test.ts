import assert from "node:assert/strict";
import { join } from "node:path";
import { createLogger } from "../../../lib/cli/logger.ts";
import { MemoryIo } from "../../../lib/cli/io.ts";
import { resolveConfig } from "../../../lib/config/load_config.ts";
import type { Config } from "../../../lib/config/types.ts";
import { STAMP_FILE_NAME } from "../../../lib/bench/environments/stamp.ts";
import { EnvironmentSetupError } from "../../../lib/bench/environments/types.ts";
import { resolveEnvironment } from "../../../lib/bench/environments/resolve_environment.ts";
import { ensureEnvironments } from "../../../lib/bench/environments/ensure_environments.ts";
import { testPython, writeFakePython } from "./fake_python.ts";

function makeConfig(dir: string, environments: Record<string, unknown>): Config {
  return resolveConfig(
    { work: { dir: join(dir, ".bench") }, environments, suites: {} },
    join(dir, "datason-bench.json"),
    dir,
  ).config;
}

function memoryLog() {
  const io = new MemoryIo();
  return { io, log: createLogger(io, { quiet: false, verbose: false }) };
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("ensureEnvironments() builds once, then reuses the unchanged environment without running pip", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = await writeFakePython(dir);
    const config = makeConfig(dir, {
      pinned: { python: fake.python, requirements: ["datason==0.13.0", "orjson==3.13.0"] },
    });
    const first = memoryLog();
    const [built] = await ensureEnvironments(config, ["pinned"], first.log, { installer: "pip" });
    assert.equal(built.status, "built");
    assert.equal(await fake.pipCalls(), 1);
    assert.match(first.io.err, /environment "pinned": building with pip \(not built yet\)/);
    if (built.status !== "built") return;
    assert.equal(built.environment.python, join(dir, ".bench", "envs", "pinned", "bin", "python"));
    assert.deepEqual(built.environment.freeze, {
      datason: "0.13.0",
      orjson: "3.13.0",
      pip: "23.2.1",
    });
    assert.equal(built.environment.executable, built.environment.python);

    const second = memoryLog();
    const [reused] = await ensureEnvironments(config, ["pinned"], second.log, { installer: "pip" });
    assert.equal(reused.status, "reused");
    assert.equal(await fake.pipCalls(), 1, "pip must not run for an unchanged environment");
    assert.match(
      second.io.err,
      /environment "pinned": reused \(CPython [\d.]+, 3 distributions, datason 0\.13\.0\)/,
    );
    if (reused.status === "reused") {
      assert.deepEqual(reused.environment.freeze, built.environment.freeze);
    }

    const resolved = await resolveEnvironment(config, "pinned");
    assert.equal(resolved.ready, true);
    assert.equal(resolved.stampPath, join(dir, ".bench", "envs", "pinned", STAMP_FILE_NAME));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ensureEnvironments() rebuilds when a pin changes, and --force rebuilds an unchanged one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = await writeFakePython(dir);
    const before = makeConfig(dir, {
      v: { python: fake.python, requirements: ["datason==0.12.0"] },
    });
    await ensureEnvironments(before, ["v"], memoryLog().log, { installer: "pip" });
    const after = makeConfig(dir, {
      v: { python: fake.python, requirements: ["datason==0.13.0"] },
    });
    assert.equal((await resolveEnvironment(after, "v")).ready, false);
    const { io, log } = memoryLog();
    const [outcome] = await ensureEnvironments(after, ["v"], log, { installer: "pip" });
    assert.equal(outcome.status, "built");
    assert.equal(await fake.pipCalls(), 2);
    assert.match(io.err, /requirements changed \(-datason==0\.12\.0 \+datason==0\.13\.0\)/);
    if (outcome.status === "built") {
      assert.equal(outcome.environment.freeze.datason, "0.13.0");
      assert.equal(outcome.reason, "requirements changed (-datason==0.12.0 +datason==0.13.0)");
    }

    const [forced] = await ensureEnvironments(after, ["v"], memoryLog().log, {
      installer: "pip",
      force: true,
    });
    assert.equal(forced.status, "built");
    assert.equal(await fake.pipCalls(), 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ensureEnvironments() rebuilds when a source file of a local requirement changes, not when a cache does", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = await writeFakePython(dir);
    const checkout = join(dir, "datason-checkout");
    await Deno.mkdir(join(checkout, "datason"), { recursive: true });
    await Deno.writeTextFile(join(checkout, "pyproject.toml"), '[project]\nname = "datason"\n');
    await Deno.writeTextFile(
      join(checkout, "datason", "core.py"),
      "def serialize(x):\n  return x\n",
    );
    const config = makeConfig(dir, {
      pr: { python: fake.python, requirements: ["./datason-checkout", "orjson==3.13.0"] },
    });
    assert.equal(config.environments.pr.requirements[0], checkout, "local paths become absolute");
    const [first] = await ensureEnvironments(config, ["pr"], memoryLog().log, { installer: "pip" });
    assert.equal(first.status, "built");
    const pip = (await fake.calls()).filter((c) => c.action === "pip");
    assert.deepEqual(pip[0].requirements, [checkout, "orjson==3.13.0"]);

    await Deno.mkdir(join(checkout, "datason", "__pycache__"));
    await Deno.writeTextFile(join(checkout, "datason", "__pycache__", "core.cpython-311.pyc"), "x");
    await Deno.mkdir(join(checkout, ".git"));
    await Deno.writeTextFile(join(checkout, ".git", "index"), "changed");
    const [untouched] = await ensureEnvironments(config, ["pr"], memoryLog().log, {
      installer: "pip",
    });
    assert.equal(untouched.status, "reused", "caches and .git are not part of the content hash");

    await Deno.writeTextFile(
      join(checkout, "datason", "core.py"),
      "def serialize(x):\n  return 1\n",
    );
    const { io, log } = memoryLog();
    const [edited] = await ensureEnvironments(config, ["pr"], log, { installer: "pip" });
    assert.equal(edited.status, "built");
    assert.match(io.err, /local requirement .*datason-checkout changed/);
    assert.equal(await fake.pipCalls(), 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ensureEnvironments() names a failing requirement, keeps pip's last lines and writes no stamp", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = await writeFakePython(dir);
    const config = makeConfig(dir, {
      broken: {
        python: fake.python,
        requirements: ["orjson==3.13.0", "datason==0.0.0-does-not-exist"],
      },
    });
    const { io, log } = memoryLog();
    const [outcome] = await ensureEnvironments(config, ["broken"], log, { installer: "pip" });
    assert.equal(outcome.status, "failed");
    if (outcome.status !== "failed") return;
    assert.ok(outcome.error instanceof EnvironmentSetupError);
    assert.equal(outcome.error.exitCode, 3);
    assert.deepEqual(outcome.error.requirements, ["datason==0.0.0-does-not-exist"]);
    assert.match(outcome.error.summary, /requirement "datason==0\.0\.0-does-not-exist"/);
    assert.ok(
      outcome.error.outputTail.some((l) => l.includes("No matching distribution found")),
      outcome.error.outputTail.join("\n"),
    );
    assert.match(outcome.error.hint ?? "", /environments\.broken\.requirements\[1\]/);
    assert.match(
      io.err,
      /environment "broken" failed after .* \| ERROR: No matching distribution/s,
    );
    assert.equal(await exists(join(dir, ".bench", "envs", "broken", STAMP_FILE_NAME)), false);
    const resolved = await resolveEnvironment(config, "broken");
    assert.equal(resolved.ready, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ensureEnvironments() finds the failing requirement one at a time when pip's output names none", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = await writeFakePython(dir);
    const config = makeConfig(dir, {
      odd: {
        python: fake.python,
        requirements: ["six==1.16.0", "brokenpkg==1.0", "orjson==3.13.0"],
      },
      fine: { python: fake.python, requirements: ["six==1.16.0"] },
    });
    // One at a time: the fake pip's calls are read back in order.
    const [odd, fine] = await ensureEnvironments(config, ["odd", "fine"], memoryLog().log, {
      installer: "pip",
      concurrency: 1,
    });
    assert.equal(odd.status, "failed");
    if (odd.status === "failed") {
      assert.deepEqual(odd.error.requirements, ["brokenpkg==1.0"]);
      assert.ok(odd.error.outputTail.some((l) => l.includes("something unexpected")));
    }
    const pip = (await fake.calls()).filter((c) => c.action === "pip").map((c) => c.requirements);
    assert.deepEqual(pip.slice(0, 3), [
      ["six==1.16.0", "brokenpkg==1.0", "orjson==3.13.0"],
      ["six==1.16.0"],
      ["brokenpkg==1.0"],
    ]);
    assert.equal(fine.status, "built", "one failed environment does not stop the others");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an environment without requirements is the base interpreter as it is", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = makeConfig(dir, { system: { python: testPython(), requirements: [] } });
    const resolved = await resolveEnvironment(config, "system");
    assert.equal(resolved.ready, true);
    assert.equal(resolved.stampPath, null);
    assert.equal(resolved.dir, null);
    const { io, log } = memoryLog();
    const [outcome] = await ensureEnvironments(config, ["system"], log);
    assert.equal(outcome.status, "base-interpreter");
    if (outcome.status !== "base-interpreter") return;
    assert.equal(outcome.environment.python, resolved.python);
    assert.equal(outcome.environment.usesBaseInterpreter, true);
    assert.match(outcome.environment.pythonVersion, /^3\.\d+\.\d+/);
    assert.ok("datason" in outcome.environment.freeze, "the test interpreter has datason");
    assert.match(io.err, /using the base interpreter .* as it is/);
    assert.equal(await exists(join(dir, ".bench")), false, "no venv is made");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a half-built environment (folder without stamp) is not ready and is rebuilt", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = await writeFakePython(dir);
    const config = makeConfig(dir, {
      half: { python: fake.python, requirements: ["six==1.16.0"] },
    });
    const envDir = join(dir, ".bench", "envs", "half");
    await Deno.mkdir(join(envDir, "bin"), { recursive: true });
    await Deno.writeTextFile(join(envDir, "pyvenv.cfg"), "home = x\n");
    await Deno.writeTextFile(join(envDir, "bin", "python"), "");
    const resolved = await resolveEnvironment(config, "half");
    assert.equal(resolved.ready, false);
    assert.match(resolved.staleReason ?? "", /no stamp/);
    const [outcome] = await ensureEnvironments(config, ["half"], memoryLog().log, {
      installer: "pip",
    });
    assert.equal(outcome.status, "built");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ensureEnvironments() never deletes a folder that is not a virtual environment", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = await writeFakePython(dir);
    const config = makeConfig(dir, {
      mine: { python: fake.python, requirements: ["six==1.16.0"] },
    });
    const envDir = join(dir, ".bench", "envs", "mine");
    await Deno.mkdir(envDir, { recursive: true });
    await Deno.writeTextFile(join(envDir, "notes.txt"), "precious");
    const [outcome] = await ensureEnvironments(config, ["mine"], memoryLog().log, {
      installer: "pip",
    });
    assert.equal(outcome.status, "failed");
    if (outcome.status === "failed") {
      assert.match(outcome.error.summary, /not a virtual environment/);
    }
    assert.equal(await Deno.readTextFile(join(envDir, "notes.txt")), "precious");
    assert.equal(await fake.pipCalls(), 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ensureEnvironments() refuses unknown names and missing local paths as input errors", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fake = await writeFakePython(dir);
    const config = makeConfig(dir, {
      local: { python: fake.python, requirements: ["./no-such-checkout"] },
    });
    await assert.rejects(
      () => ensureEnvironments(config, ["locall"], memoryLog().log),
      (error: Error & { exitCode?: number }) =>
        error.exitCode === 2 &&
        /unknown environment "locall" \(did you mean "local"\?\)/.test(error.message),
    );
    await assert.rejects(
      () => ensureEnvironments(config, ["local"], memoryLog().log),
      (error: Error & { exitCode?: number }) =>
        error.exitCode === 2 &&
        /environments\.local\.requirements\[0\]: local requirement ".*no-such-checkout" does not exist/
          .test(error.message),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a missing base interpreter fails that environment with exit 3 naming the config field", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = makeConfig(dir, {
      gone: { python: join(dir, "no-python-here"), requirements: ["six==1.16.0"] },
    });
    const [outcome] = await ensureEnvironments(config, ["gone"], memoryLog().log);
    assert.equal(outcome.status, "failed");
    if (outcome.status !== "failed") return;
    assert.equal(outcome.error.exitCode, 3);
    assert.match(
      outcome.error.summary,
      /base interpreter: cannot run Python ".*no-python-here": not found/,
    );
    assert.match(outcome.error.hint ?? "", /environments\.gone\.python/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
