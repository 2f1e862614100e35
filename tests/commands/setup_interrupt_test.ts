/**
 * Ctrl-C during `setup` ends the installer together with everything it started, and removes the
 * half-built environment: nothing keeps writing into it afterwards.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { testPython } from "../bench/fixtures.ts";
import { COMPILE_FLAGS, MAIN_TS, REPO_ROOT, tempDir } from "../helpers/run_cli.ts";

/**
 * A base interpreter whose `-m venv` makes a folder with a copy of itself, and whose `-m pip
 * install` starts a "build backend" that keeps writing into the environment, then takes its time.
 * The interpreter probes run on the real test interpreter, as if they ran on this one.
 */
function fakePython(real: string, pidFile: string): string {
  // The shebang runs the real interpreter; sys.executable is set to this file for the probes.
  return `#!${real}
import os, shutil, subprocess, sys, time
args = sys.argv[1:]
me = os.path.abspath(sys.argv[0])
if args[:2] == ["-m", "venv"]:
    os.makedirs(os.path.join(args[2], "bin"))
    shutil.copy(me, os.path.join(args[2], "bin", "python"))
    with open(os.path.join(args[2], "pyvenv.cfg"), "w") as f:
        f.write("home = fake\\n")
elif args[:3] == ["-m", "pip", "install"]:
    home = os.path.dirname(os.path.dirname(me))
    writer = subprocess.Popen([sys.executable, "-c", """
import os, sys, time
n = 0
while True:
    os.makedirs(os.path.join(sys.argv[1], "site-packages"), exist_ok=True)
    with open(os.path.join(sys.argv[1], "site-packages", "file%d" % n), "w") as f:
        f.write("x")
    n += 1
    time.sleep(0.02)
""", home])
    with open(${JSON.stringify(pidFile)}, "w") as f:
        f.write(str(writer.pid))
    time.sleep(120)
elif args[:3] == ["-X", "utf8", "-c"]:
    sys.executable = me
    sys.argv = ["-c"] + args[4:]
    exec(compile(args[3], "<string>", "exec"), {"__name__": "__main__"})
else:
    sys.exit("fake python: unexpected arguments %r" % (args,))
`;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test({
  name: "SIGINT during setup kills pip's process group and removes the half-built environment",
  ignore: Deno.build.os === "windows",
  async fn() {
    await using dir = await tempDir();
    const pidFile = join(dir.path, "writer.pid");
    const python = join(dir.path, "fakepython");
    await Deno.writeTextFile(python, fakePython(testPython(), pidFile));
    await Deno.chmod(python, 0o755);
    await Deno.writeTextFile(
      join(dir.path, "datason-bench.json"),
      JSON.stringify({
        work: { dir: ".bench" },
        environments: { slow: { python, requirements: ["somepkg==1.0"] } },
        suites: {},
      }),
    );
    const envDir = join(dir.path, ".bench", "envs", "slow");
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        ...COMPILE_FLAGS,
        `--deny-read=${REPO_ROOT}`,
        MAIN_TS,
        "setup",
        "--env",
        "slow",
      ],
      cwd: dir.path,
      env: { NO_COLOR: "1", DATASON_BENCH_INSTALLER: "pip" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    try {
      let started = false;
      for (let i = 0; i < 600 && !started; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        started = await exists(join(envDir, "site-packages"));
      }
      assert.ok(started, "the fake build backend started writing");
      child.kill("SIGINT");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const output = await Promise.race([
        child.output(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error("setup did not exit within 20 s of SIGINT")),
            20_000,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      const stderr = new TextDecoder().decode(output.stderr);
      assert.equal(output.code, 130, stderr);
      assert.match(stderr, /setup interrupted/);
      assert.equal(await exists(envDir), false, "the half-built folder is removed");
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await exists(envDir), false, "and nothing writes into it afterwards");
    } finally {
      try {
        child.kill("SIGKILL");
      } catch {
        // exited
      }
      const pid = Number(await Deno.readTextFile(pidFile).catch(() => "0"));
      if (pid > 0) {
        try {
          Deno.kill(pid, "SIGKILL");
        } catch {
          // gone, as it should be
        }
      }
    }
  },
});
