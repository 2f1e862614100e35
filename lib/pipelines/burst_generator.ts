/**
 * Bursty conditions on purpose (`calibrate --bursts`): a background Python process that keeps one
 * core busy for a random 0.1–2 s, sleeps for a random 0.1–2 s, and so on (uniform draws from a
 * seeded generator; busy about half of the time), until it is stopped. It stands for what shares
 * a CI machine with a benchmark: another job's compile, a neighbour's build.
 */

import {
  killProcessGroup,
  processGroupOptions,
  trackProcessGroup,
} from "../bench/process_group.ts";
import { ExecutionError } from "../_common/errors.ts";

export interface BurstGenerator {
  /** What it does, for the report. */
  description: string;
  stop(): Promise<void>;
}

const BURST_SOURCE = `
import random, sys, time
rng = random.Random(int(sys.argv[1]))
while True:
    end = time.perf_counter() + rng.uniform(0.1, 2.0)
    while time.perf_counter() < end:
        pass
    time.sleep(rng.uniform(0.1, 2.0))
`;

/** Starts the generator with `python`; `seed` fixes its bursts. */
export async function startBursts(
  python: string,
  seed: number = crypto.getRandomValues(new Uint32Array(1))[0],
): Promise<BurstGenerator> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(python, {
      args: ["-c", BURST_SOURCE, String(seed)],
      stdin: "null",
      stdout: "null",
      stderr: "null",
      ...processGroupOptions(),
    }).spawn();
  } catch (error) {
    throw new ExecutionError(
      `calibrate --bursts: cannot start "${python}": ${(error as Error).message}`,
      { hint: "the burst generator runs with the default environment's Python" },
    );
  }
  trackProcessGroup(child);
  // A generator that dies at once (no such interpreter) would leave the calibration calm.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const early = await Promise.race([
    child.status,
    new Promise<null>((resolve) => timer = setTimeout(() => resolve(null), 300)),
  ]);
  clearTimeout(timer);
  if (early !== null) {
    throw new ExecutionError(
      `calibrate --bursts: the burst generator exited at once (code ${early.code})`,
      { hint: `check that "${python}" runs` },
    );
  }
  return {
    description: `burst generator (pid ${child.pid}, seed ${seed}): one core busy for a random ` +
      "0.1–2 s, then idle for a random 0.1–2 s, throughout",
    async stop() {
      killProcessGroup(child, "SIGKILL");
      await child.status;
    },
  };
}
