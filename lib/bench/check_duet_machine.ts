/**
 * Duet pairing times both sides at the same moment, one per core. It assumes two cores free for
 * the run and interference that treats both alike; it cannot hold on a machine with one core, or
 * while another datason-bench run is timing or counting (its runners would take a core from one
 * side only). This check refuses those cases before any process starts.
 */

import { UsageError } from "../_common/errors.ts";
import { RUNNER_FILE_NAME } from "./runner_process.ts";

export interface DuetMachine {
  /** Logical CPUs the run may use. */
  cores: number;
  /** Command lines of datason-bench runners (timing or under Valgrind) already running. */
  otherRunners: string[];
}

/** What this machine offers a duet: its cores and the runners of other runs (Linux: /proc). */
export async function duetMachine(): Promise<DuetMachine> {
  const otherRunners: string[] = [];
  if (Deno.build.os === "linux") {
    try {
      for await (const entry of Deno.readDir("/proc")) {
        if (!/^\d+$/.test(entry.name)) continue;
        const cmdline = await Deno.readTextFile(`/proc/${entry.name}/cmdline`).catch(() => "");
        const args = cmdline.split("\0").filter((a) => a !== "");
        if (args.some((a) => a.endsWith(`/${RUNNER_FILE_NAME}`) && a.includes("datason-bench-"))) {
          otherRunners.push(`${entry.name}: ${args.join(" ").slice(0, 200)}`);
        }
      }
    } catch {
      // No /proc to read: nothing known to be running.
    }
  }
  return { cores: navigator.hardwareConcurrency ?? 1, otherRunners };
}

/** Throws (exit 2) when a duet cannot hold here; `where` names the setting that asked for it. */
export function checkDuetMachine(machine: DuetMachine, where: string): void {
  if (machine.cores < 2) {
    throw new UsageError(
      `${where}: duet pairing needs two cores (this machine offers ${machine.cores})`,
      { hint: 'use "pairing": "lockstep", which takes turns on one core' },
    );
  }
  if (machine.otherRunners.length > 0) {
    throw new UsageError(
      `${where}: duet pairing needs both cores to itself, but ${machine.otherRunners.length} ` +
        `datason-bench runner process(es) of another run are running:\n  ${
          machine.otherRunners.slice(0, 5).join("\n  ")
        }`,
      { hint: 'wait for the other run to finish, or use "pairing": "lockstep"' },
    );
  }
}
