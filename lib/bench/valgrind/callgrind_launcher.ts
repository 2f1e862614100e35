/**
 * The command line that runs a runner process under callgrind, and the marker it goes with.
 *
 * On x86-64 the region is delimited by client requests (machine code in the runner, no compiler
 * and no interpreter symbol needed): instrumentation starts off (`--instr-atstart=no`), so start-up,
 * imports and warm-up passes run at Valgrind's base speed, and each cell switches it on for a
 * cache-warming record and its region. Elsewhere (arm64) the runner calls the region through a ctypes callback and callgrind
 * toggles on libffi's exported `ffi_call`, with instrumentation on from the start.
 *
 * The simulated caches are pinned (`CACHE_GEOMETRY`); Valgrind would otherwise take the host's,
 * and counts would depend on the machine. Each process writes its parts into its own folder.
 */

import type { CountMarker } from "../protocol.ts";
import type { RunnerLauncher } from "../runner_process.ts";
import { CACHE_GEOMETRY } from "./estimated_cycles.ts";

/** The marker this machine can use. */
export function markerFor(arch: string = Deno.build.arch): CountMarker {
  return arch === "x86_64" ? "client-request" : "ffi-toggle";
}

/** Base name of the part files in the output folder (callgrind appends `.1`, `.2`, …). */
export const PART_BASE_NAME = "callgrind.out";

export function callgrindLauncher(
  valgrind: string,
  marker: CountMarker,
  outDir: string,
): RunnerLauncher {
  const cache = (name: keyof typeof CACHE_GEOMETRY) =>
    `--${name}=${CACHE_GEOMETRY[name].join(",")}`;
  return {
    command: valgrind,
    args: [
      "--tool=callgrind",
      "--cache-sim=yes",
      cache("I1"),
      cache("D1"),
      cache("LL"),
      "--collect-atstart=no",
      ...(marker === "client-request"
        ? ["--instr-atstart=no"]
        : ["--toggle-collect=ffi_call", "--dump-after=ffi_call"]),
      `--callgrind-out-file=${outDir}/${PART_BASE_NAME}`,
    ],
  };
}
