/**
 * A fake `python` for environment tests: a small Python script (run by the real test interpreter)
 * that records every call in a JSON-lines log and imitates what `setup` asks of an interpreter —
 * `-m venv DIR` (copies itself to DIR/bin/python), `-m pip install …` (records the requirements
 * in DIR/installed.json; fails like pip for names containing "does-not-exist", and with an
 * unhelpful message for names containing "brokenpkg") and `-X utf8 -c <probe>` (runs the probe
 * with `sys.executable` set to itself and the recorded distributions as its freeze).
 */

import { join } from "node:path";

/** The real interpreter used by tests: the prepared test environment (see tests/helpers/test_tools.ts). */
import { testPython } from "../fixtures.ts";

export { testPython };

export interface FakePython {
  /** Path of the fake base interpreter. */
  python: string;
  /** Calls recorded so far. */
  calls(): Promise<FakeCall[]>;
  /** Number of `pip install` calls so far. */
  pipCalls(): Promise<number>;
}

export interface FakeCall {
  python: string;
  action: "probe" | "venv" | "pip" | "unknown";
  dir?: string;
  requirements?: string[];
}

const SCRIPT = String.raw`
import json, os, shutil, sys

LOG = __LOG__
me = os.path.abspath(sys.argv[0])
args = sys.argv[1:]
home = os.path.dirname(os.path.dirname(me))
installed_path = os.path.join(home, "installed.json")

def log(entry):
    entry["python"] = me
    with open(LOG, "a") as f:
        f.write(json.dumps(entry) + "\n")

def load():
    if os.path.exists(installed_path):
        with open(installed_path) as f:
            return json.load(f)
    return None

if args[:3] == ["-X", "utf8", "-c"]:
    log({"action": "probe"})
    installed = load()
    if installed is not None:
        import importlib.metadata as md

        class Dist:
            def __init__(self, name, version):
                self.metadata = {"Name": name}
                self.version = version

        md.distributions = lambda: [Dist(n, v) for n, v in installed.items()]
    sys.executable = me
    sys.argv = ["-c"] + args[4:]
    exec(compile(args[3], "<string>", "exec"), {"__name__": "__main__"})
elif args[:2] == ["-m", "venv"]:
    target = args[2]
    log({"action": "venv", "dir": target})
    os.makedirs(os.path.join(target, "bin"))
    shutil.copy(me, os.path.join(target, "bin", "python"))
    with open(os.path.join(target, "pyvenv.cfg"), "w") as f:
        f.write("home = fake\n")
    with open(os.path.join(target, "installed.json"), "w") as f:
        json.dump({"pip": "23.2.1"}, f)
elif args[:3] == ["-m", "pip", "install"]:
    reqs, skip = [], False
    for a in args[3:]:
        if skip:
            skip = False
        elif a == "--progress-bar":
            skip = True
        elif not a.startswith("-"):
            reqs.append(a)
    log({"action": "pip", "requirements": reqs})
    print("Looking in links: /nowhere")
    for r in reqs:
        print("Collecting " + r)
        if "does-not-exist" in r:
            print("ERROR: Could not find a version that satisfies the requirement %s (from versions: none)" % r, file=sys.stderr)
            print("ERROR: No matching distribution found for %s" % r, file=sys.stderr)
            sys.exit(1)
        if "brokenpkg" in r:
            print("error: something unexpected happened", file=sys.stderr)
            sys.exit(1)
    installed = load() or {}
    for r in reqs:
        if r.startswith("/"):
            installed[os.path.basename(r.rstrip("/"))] = "0+local"
        else:
            name, _, version = r.partition("==")
            installed[name] = version
    with open(installed_path, "w") as f:
        json.dump(installed, f)
    print("Successfully installed " + " ".join(reqs))
else:
    log({"action": "unknown"})
    print("fake python: unexpected arguments %r" % (args,), file=sys.stderr)
    sys.exit(2)
`;

/** Writes a fake base interpreter into `dir/fakebase/bin/python`. */
export async function writeFakePython(dir: string): Promise<FakePython> {
  const bin = join(dir, "fakebase", "bin");
  await Deno.mkdir(bin, { recursive: true });
  const log = join(dir, "fake-python-calls.jsonl");
  const python = join(bin, "python");
  const text = `#!${testPython()}\n${SCRIPT.replace("__LOG__", JSON.stringify(log))}`;
  await Deno.writeTextFile(python, text);
  await Deno.chmod(python, 0o755);
  const calls = async (): Promise<FakeCall[]> => {
    try {
      const lines = (await Deno.readTextFile(log)).split("\n").filter((l) => l !== "");
      return lines.map((l) => JSON.parse(l) as FakeCall);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return [];
      throw error;
    }
  };
  return {
    python,
    calls,
    pipCalls: async () => (await calls()).filter((c) => c.action === "pip").length,
  };
}
