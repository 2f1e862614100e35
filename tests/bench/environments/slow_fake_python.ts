/**
 * A fake base interpreter whose `pip install` takes its time (and logs each call), to build an
 * environment from two processes at once. `-m venv DIR` copies it to DIR/bin/python; the probes
 * run on the real test interpreter with `sys.executable` set to the fake and the distributions
 * recorded in DIR/installed.json as the freeze.
 */

import { join } from "node:path";
import { testPython } from "./fake_python.ts";

const SCRIPT = String.raw`
import json, os, shutil, sys, time
LOG = __LOG__
SECONDS = __SECONDS__
me = os.path.abspath(sys.argv[0])
args = sys.argv[1:]
home = os.path.dirname(os.path.dirname(me))
installed = os.path.join(home, "installed.json")
def log(action):
    with open(LOG, "a") as f:
        f.write(json.dumps({"action": action, "pid": os.getpid()}) + "\n")
if args[:3] == ["-X", "utf8", "-c"]:
    if os.path.exists(installed):
        import importlib.metadata as md
        with open(installed) as f:
            dists = json.load(f)
        class Dist:
            def __init__(self, name, version):
                self.metadata = {"Name": name}
                self.version = version
        md.distributions = lambda: [Dist(n, v) for n, v in dists.items()]
    sys.executable = me
    sys.argv = ["-c"] + args[4:]
    exec(compile(args[3], "<string>", "exec"), {"__name__": "__main__"})
elif args[:2] == ["-m", "venv"]:
    log("venv")
    os.makedirs(os.path.join(args[2], "bin"))
    shutil.copy(me, os.path.join(args[2], "bin", "python"))
    with open(os.path.join(args[2], "pyvenv.cfg"), "w") as f:
        f.write("home = fake\n")
elif args[:3] == ["-m", "pip", "install"]:
    log("pip")
    time.sleep(SECONDS)
    reqs = [a for a in args[3:] if not a.startswith("-") and a != "off"]
    with open(installed, "w") as f:
        json.dump({r.partition("==")[0]: r.partition("==")[2] for r in reqs}, f)
else:
    sys.exit("fake python: unexpected arguments %r" % (args,))
`;

export interface SlowFakePython {
  python: string;
  /** Actions logged so far (`venv`, `pip`). */
  calls(): Promise<string[]>;
}

/** Writes the fake into `dir/slowbase/bin/python`; pip install sleeps `seconds`. */
export async function writeSlowFakePython(dir: string, seconds: number): Promise<SlowFakePython> {
  const bin = join(dir, "slowbase", "bin");
  await Deno.mkdir(bin, { recursive: true });
  const log = join(dir, "slow-python-calls.jsonl");
  const python = join(bin, "python");
  await Deno.writeTextFile(
    python,
    `#!${testPython()}\n${
      SCRIPT.replace("__LOG__", JSON.stringify(log)).replace("__SECONDS__", String(seconds))
    }`,
  );
  await Deno.chmod(python, 0o755);
  return {
    python,
    calls: async () => {
      const text = await Deno.readTextFile(log).catch(() => "");
      return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l).action);
    },
  };
}
