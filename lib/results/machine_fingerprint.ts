/** The machine a run ran on, as far as Deno can tell without network access. */

import { cpus, hostname, totalmem } from "node:os";
import type { MachineFingerprint } from "./run_record.ts";

export function machineFingerprint(env: (name: string) => string | undefined): MachineFingerprint {
  const safe = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch {
      return null;
    }
  };
  const cpuList = safe(() => cpus());
  const imageOs = env("ImageOS");
  const imageVersion = env("ImageVersion");
  return {
    os: `${Deno.build.os} ${safe(() => Deno.osRelease()) ?? ""}`.trim(),
    arch: Deno.build.arch,
    cpuModel: cpuList && cpuList.length > 0 ? cpuList[0].model.trim() : null,
    logicalCpus: cpuList && cpuList.length > 0 ? cpuList.length : null,
    memoryBytes: safe(() => totalmem()),
    hostname: safe(() => hostname()),
    runnerImage: imageOs ? `${imageOs}${imageVersion ? ` ${imageVersion}` : ""}` : null,
    cpuFlags: Deno.build.os === "linux"
      ? safe(() => cpuFlagsOf(Deno.readTextFileSync("/proc/cpuinfo")))
      : null,
  };
}

/**
 * The feature flags of the first CPU in /proc/cpuinfo (`flags` on x86, `Features` on ARM), sorted:
 * glibc picks its string and memory routines by them, so instruction counts depend on them.
 */
export function cpuFlagsOf(cpuinfo: string): string | null {
  const match = /^(?:flags|Features)\s*:\s*(.*)$/m.exec(cpuinfo);
  if (match === null) return null;
  return [...new Set(match[1].trim().split(/\s+/))].sort().join(" ");
}
