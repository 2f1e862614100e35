/**
 * Runs a helper process (an interpreter, pip, uv) to completion, collecting stdout, stderr and
 * their interleaving as it arrived (what a person would have seen in a terminal), each capped so a
 * chatty installer cannot exhaust memory. Lines can be streamed to a callback (debug logging).
 * The process leads its own process group: an abort kills the whole group (pip and the build
 * backends it started) and waits for it to end, so nothing writes into a folder the caller is
 * about to remove; whatever is left of the group when the process exits is killed too.
 */

import {
  killProcessGroup,
  processGroupOptions,
  trackProcessGroup,
  waitForProcessGroup,
} from "../process_group.ts";

export interface RunProcessOptions {
  cwd?: string;
  /** Extra environment variables (the rest is inherited). */
  env?: Record<string, string>;
  /**
   * Kills the process and its group when aborted; `runProcess` then waits for it to end and
   * throws the abort reason.
   */
  signal?: AbortSignal;
  /** Called with each complete output line (stdout and stderr). */
  onLine?: (line: string) => void;
}

export interface ProcessResult {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order. */
  output: string;
}

/** The program could not be started at all (not found, not executable). */
export class SpawnError extends Error {
  readonly command: string;
  constructor(command: string, cause: unknown) {
    const reason = cause instanceof Deno.errors.NotFound
      ? "not found"
      : cause instanceof Error
      ? cause.message
      : String(cause);
    super(`cannot start "${command}": ${reason}`, { cause });
    this.name = "SpawnError";
    this.command = command;
  }
}

/** Each collected text keeps at most this many characters (the last ones). */
const MAX_CHARS = 2_000_000;

function keepTail(text: string): string {
  return text.length > MAX_CHARS ? text.slice(text.length - MAX_CHARS) : text;
}

export async function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions = {},
): Promise<ProcessResult> {
  options.signal?.throwIfAborted();
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command, {
      args: [...args],
      cwd: options.cwd,
      env: options.env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      ...processGroupOptions(),
    }).spawn();
  } catch (error) {
    throw new SpawnError(command, error);
  }
  trackProcessGroup(child);
  const onAbort = () => killProcessGroup(child, "SIGKILL", false);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let output = "";
  const texts = { stdout: "", stderr: "" };
  const pump = async (stream: ReadableStream<Uint8Array>, key: "stdout" | "stderr") => {
    const decoder = new TextDecoder();
    let pending = "";
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      texts[key] = keepTail(texts[key] + text);
      output = keepTail(output + text);
      if (options.onLine) {
        pending += text;
        const lines = pending.split(/\r?\n/);
        pending = lines.pop() ?? "";
        for (const line of lines) options.onLine(line);
      }
    }
    const rest = decoder.decode();
    texts[key] += rest;
    output += rest;
    if (options.onLine && (pending + rest).length > 0) options.onLine(pending + rest);
  };
  let status: Deno.CommandStatus;
  try {
    // A leftover of the group could hold the pipes open: end it as soon as the process exits.
    const exited = child.status.then((s) => {
      killProcessGroup(child);
      return s;
    });
    [status] = await Promise.all([
      exited,
      pump(child.stdout, "stdout"),
      pump(child.stderr, "stderr"),
    ]);
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    killProcessGroup(child);
  }
  if (options.signal?.aborted) {
    await waitForProcessGroup(child);
    throw options.signal.reason;
  }
  return {
    code: status.signal === null ? status.code : null,
    signal: status.signal,
    stdout: texts.stdout,
    stderr: texts.stderr,
    output,
  };
}

/** The last `count` non-empty lines of `text`, each cut to `width` characters. */
export function lastLines(text: string, count = 20, width = 400): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
  return lines.slice(-count).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
}
