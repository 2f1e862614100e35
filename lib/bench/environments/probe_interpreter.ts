/**
 * Asks an interpreter who it is (version, implementation, `sys.executable`, prefixes) and, on
 * request, for its full freeze: every installed distribution and version, read with
 * `importlib.metadata` inside that interpreter (not pip, which a uv-made environment may lack).
 */

import probeScript from "./probe.py" with { type: "text" };
import { lastLines, runProcess, SpawnError } from "./run_process.ts";

export interface InterpreterProbe {
  /** `platform.python_version()`, e.g. "3.11.7". */
  python: string;
  /** `platform.python_implementation()`, e.g. "CPython". */
  implementation: string;
  /** `sys.executable` as the interpreter reports it. */
  executable: string;
  prefix: string;
  basePrefix: string;
}

export interface InterpreterDescription extends InterpreterProbe {
  /** Distribution name → version, sorted case-insensitively by name. */
  freeze: Record<string, string>;
}

/** The interpreter did not start or did not answer the probe. */
export class ProbeError extends Error {
  readonly python: string;
  readonly outputTail: string[];
  constructor(python: string, reason: string, outputTail: string[] = [], cause?: unknown) {
    super(`cannot run Python "${python}": ${reason}`, { cause });
    this.name = "ProbeError";
    this.python = python;
    this.outputTail = outputTail;
  }
}

export interface ProbeOptions {
  /** Working directory of the probe (a neutral folder, so a checkout in cwd cannot shadow). */
  cwd?: string;
  signal?: AbortSignal;
}

export function probeInterpreter(
  python: string,
  options?: ProbeOptions & { freeze?: false },
): Promise<InterpreterProbe>;
export function probeInterpreter(
  python: string,
  options: ProbeOptions & { freeze: true },
): Promise<InterpreterDescription>;
export async function probeInterpreter(
  python: string,
  options: ProbeOptions & { freeze?: boolean } = {},
): Promise<InterpreterProbe | InterpreterDescription> {
  const args = ["-X", "utf8", "-c", probeScript];
  if (options.freeze) args.push("freeze");
  let result;
  try {
    result = await runProcess(python, args, { cwd: options.cwd, signal: options.signal });
  } catch (error) {
    if (error instanceof SpawnError) {
      throw new ProbeError(python, error.message.replace(/^cannot start "[^"]*": /, ""), [], error);
    }
    throw error;
  }
  if (result.code !== 0) {
    const how = result.code === null ? `killed by ${result.signal}` : `exit code ${result.code}`;
    throw new ProbeError(python, `the interpreter failed (${how})`, lastLines(result.stderr, 10));
  }
  const line = result.stdout.trim().split(/\r?\n/).pop() ?? "";
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ProbeError(
      python,
      "it did not answer like a Python interpreter",
      lastLines(result.output, 10),
    );
  }
  const info = value as Partial<InterpreterDescription>;
  if (
    typeof info.python !== "string" || typeof info.implementation !== "string" ||
    typeof info.executable !== "string" || (options.freeze && typeof info.freeze !== "object")
  ) {
    throw new ProbeError(python, "its answer lacks fields (python, implementation, executable)");
  }
  return info as InterpreterProbe | InterpreterDescription;
}
