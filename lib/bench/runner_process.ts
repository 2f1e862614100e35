/**
 * One Python runner process: the embedded `runner.py` written to a fresh temporary folder and
 * started there as `python -X utf8 -X faulthandler runner.py` (so a DataSON checkout in the
 * caller's folder cannot shadow the installed package, and a segfault prints a Python traceback),
 * JSON lines both ways, stderr drained concurrently and split by request, a per-request timeout that
 * kills the process, and crash detection with exit code or signal. The process leads its own
 * process group: killing it, or closing it, ends whatever a benchmarked library started too.
 */

import { join } from "node:path";
import { ExecutionError } from "../_common/errors.ts";
import { setLongTimeout } from "./long_timeout.ts";
import { killProcessGroup, processGroupOptions, trackProcessGroup } from "./process_group.ts";
import type { RunnerReply, RunnerRequest } from "./protocol.ts";
import { StderrLog } from "./stderr_log.ts";
import runnerSource from "./python/runner.py" with { type: "text" };
import { makeTempDir } from "../_common/make_temp_dir.ts";

/** The runner's source as embedded in the tool (tests write it out to call its functions). */
export const RUNNER_SOURCE: string = runnerSource;
export const RUNNER_FILE_NAME = "runner.py";

const DEFAULT_STDERR_TAIL_BYTES = 8192;
const EXIT_GRACE_MS = 3000;

/** A program the interpreter runs under (Valgrind): `command args… python -X utf8 … runner.py`. */
export interface RunnerLauncher {
  command: string;
  args: string[];
}

export interface RunnerProcessOptions {
  /** Interpreter: a path, or a command looked up on PATH. */
  python: string;
  /** Start the interpreter under this program (the instruction measure runs it under callgrind). */
  launcher?: RunnerLauncher;
  /** Label used in messages, e.g. `environment "default"`. */
  label?: string;
  /** Extra environment variables for the interpreter (added to the inherited environment). */
  env?: Record<string, string>;
  /** Characters of stderr kept for error messages (default 8192). */
  stderrTailChars?: number;
  /** Receives the runner's stderr as it arrives (e.g. for `--verbose`). */
  onStderr?: (text: string) => void;
}

/** No interpreter at the configured path: exit 3, naming the path and `setup`. */
export class PythonNotFoundError extends ExecutionError {
  readonly python: string;
  constructor(python: string, label: string | undefined, reason: string) {
    super(
      `cannot start Python "${python}"${label ? ` (${label})` : ""}: ${reason}`,
      {
        hint: "run `datason-bench setup` to create the environments, or point " +
          "environments.<name>.python in the config at an existing interpreter",
      },
    );
    this.python = python;
  }
}

export type RunnerFailureKind = "timeout" | "crashed" | "protocol" | "aborted";

/** The process stopped answering: killed at the timeout, died, or broke the protocol. */
export class RunnerFailure extends Error {
  readonly kind: RunnerFailureKind;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** What the process wrote to stderr while the failed request was handled (its last part). */
  readonly stderrTail: string;
  constructor(
    kind: RunnerFailureKind,
    message: string,
    details: { exitCode: number | null; signal: string | null; stderrTail: string },
  ) {
    super(message);
    this.name = "RunnerFailure";
    this.kind = kind;
    this.exitCode = details.exitCode;
    this.signal = details.signal;
    this.stderrTail = details.stderrTail;
  }
}

type LineWaiter = (line: string | null) => void;

export class RunnerProcess {
  readonly #child: Deno.ChildProcess;
  readonly #dir: string;
  readonly #stdin: WritableStreamDefaultWriter<Uint8Array>;
  readonly #lines: string[] = [];
  readonly #waiters: LineWaiter[] = [];
  readonly #stderr: StderrLog;
  readonly #stdoutDone: Promise<void>;
  readonly #stderrDone: Promise<void>;
  #stdoutEnded = false;
  #status: Deno.CommandStatus | null = null;
  #statusPromise: Promise<Deno.CommandStatus>;
  #nextId = 1;
  #killed = false;
  #groupKilled = false;
  /** The request in progress: its id and the stderr position when it was sent. */
  #pending: { id: number; stderrAt: number } | null = null;

  private constructor(child: Deno.ChildProcess, dir: string, options: RunnerProcessOptions) {
    this.#child = child;
    this.#dir = dir;
    this.#stderr = new StderrLog(options.stderrTailChars ?? DEFAULT_STDERR_TAIL_BYTES);
    this.#stdin = child.stdin.getWriter();
    this.#statusPromise = child.status.then((status) => (this.#status = status));
    this.#stdoutDone = this.#pumpStdout();
    this.#stderrDone = this.#pumpStderr(options.onStderr);
  }

  /** Writes the runner to a fresh temporary folder and starts it there. */
  static async start(options: RunnerProcessOptions): Promise<RunnerProcess> {
    const dir = await makeTempDir("datason-bench-runner-");
    const script = join(dir, RUNNER_FILE_NAME);
    await Deno.writeTextFile(script, RUNNER_SOURCE);
    let child: Deno.ChildProcess;
    try {
      const interpreter = [options.python, "-X", "utf8", "-X", "faulthandler", script];
      child = new Deno.Command(options.launcher?.command ?? options.python, {
        args: options.launcher ? [...options.launcher.args, ...interpreter] : interpreter.slice(1),
        cwd: dir,
        env: { PYTHONIOENCODING: "utf-8", ...options.env },
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
        ...processGroupOptions(),
      }).spawn();
      trackProcessGroup(child);
    } catch (error) {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      if (error instanceof Deno.errors.NotFound) {
        if (options.launcher) {
          throw new ExecutionError(
            `cannot start "${options.launcher.command}": no such file or command`,
          );
        }
        throw new PythonNotFoundError(options.python, options.label, "no such file or command");
      }
      if (error instanceof Deno.errors.PermissionDenied) {
        throw new PythonNotFoundError(options.python, options.label, "not executable");
      }
      throw error;
    }
    return new RunnerProcess(child, dir, options);
  }

  get pid(): number {
    return this.#child.pid;
  }

  /** The last characters the runner wrote to stderr (over all requests). */
  get stderrTail(): string {
    return this.#stderr.tail;
  }

  /** Exit status once the process has ended, else null. */
  get status(): Deno.CommandStatus | null {
    return this.#status;
  }

  /**
   * Sends one request and waits for its reply. Throws `RunnerFailure`: `timeout` (no reply within
   * `timeoutSeconds`; the process is killed), `crashed` (the process died), `protocol` (a reply that
   * is not JSON or answers another request) or `aborted` (the signal fired; the process is killed).
   */
  async request<R extends RunnerReply = RunnerReply>(
    request: Exclude<RunnerRequest, { type: "exit" }>,
    timeoutSeconds: number,
    signal?: AbortSignal,
  ): Promise<R> {
    const id = this.#nextId++;
    this.#pending = { id, stderrAt: this.#stderr.total };
    await this.writeLine(JSON.stringify({ ...request, id }));
    const reply = await this.readReply(timeoutSeconds, signal);
    const replyId = (reply as { id?: unknown }).id;
    if (replyId !== id) {
      this.kill();
      throw await this.#failure(
        "protocol",
        `the runner answered request ${replyId ?? "(no id)"} while ${id} was pending`,
      );
    }
    this.#pending = null;
    return reply as R;
  }

  /** Writes one raw line to the runner's stdin (tests use it to send malformed requests). */
  async writeLine(line: string): Promise<void> {
    try {
      await this.#stdin.write(new TextEncoder().encode(`${line}\n`));
    } catch {
      throw await this.#failure("crashed", "the runner process is gone (its stdin is closed)");
    }
  }

  /** Reads the next reply line and parses it (see `request()` for the failures). */
  async readReply(timeoutSeconds: number, signal?: AbortSignal): Promise<RunnerReply> {
    const line = await this.#nextLine(timeoutSeconds, signal);
    try {
      const value = JSON.parse(line);
      if (value === null || typeof value !== "object" || typeof value.type !== "string") {
        throw new Error("not a reply object");
      }
      return value as RunnerReply;
    } catch (error) {
      this.kill();
      throw await this.#failure(
        "protocol",
        `the runner wrote a line that is not a protocol reply (${
          error instanceof Error ? error.message : String(error)
        }): ${line.slice(0, 200)}`,
      );
    }
  }

  async #nextLine(timeoutSeconds: number, signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) {
      this.kill();
      throw await this.#failure("aborted", "interrupted");
    }
    const queued = this.#lines.shift();
    if (queued !== undefined) return queued;
    if (this.#stdoutEnded) throw await this.#crashFailure();
    let cancelTimer: (() => void) | undefined;
    let onAbort: (() => void) | undefined;
    const outcome = await new Promise<{ line: string | null } | "timeout" | "aborted">(
      (resolve) => {
        const waiter: LineWaiter = (line) => resolve({ line });
        this.#waiters.push(waiter);
        // Any accepted timeout works: setTimeout alone fires at once beyond ~24.8 days.
        cancelTimer = setLongTimeout(() => {
          this.#dropWaiter(waiter);
          resolve("timeout");
        }, Math.max(1, timeoutSeconds * 1000));
        if (signal) {
          onAbort = () => {
            this.#dropWaiter(waiter);
            resolve("aborted");
          };
          signal.addEventListener("abort", onAbort, { once: true });
        }
      },
    );
    cancelTimer?.();
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    if (outcome === "timeout") {
      this.kill();
      throw await this.#failure(
        "timeout",
        `no reply within ${timeoutSeconds} s; the runner process was killed`,
      );
    }
    if (outcome === "aborted") {
      this.kill();
      throw await this.#failure("aborted", "interrupted");
    }
    if (outcome.line === null) throw await this.#crashFailure();
    return outcome.line;
  }

  #dropWaiter(waiter: LineWaiter): void {
    const index = this.#waiters.indexOf(waiter);
    if (index >= 0) this.#waiters.splice(index, 1);
  }

  async #crashFailure(): Promise<RunnerFailure> {
    const status = await this.#statusPromise;
    const how = status.signal
      ? `killed by signal ${status.signal}`
      : `exited with code ${status.code}`;
    return this.#failure("crashed", `the runner process died (${how})`);
  }

  async #failure(kind: RunnerFailureKind, message: string): Promise<RunnerFailure> {
    const status = kind === "protocol" || kind === "crashed" || this.#killed
      ? await this.#settledStatus()
      : this.#status;
    // Whatever the dead or killed runner started may still hold the stderr pipe open.
    if (status !== null) this.#killGroup();
    await within(this.#stderrDone, 500);
    const pending = this.#pending;
    return new RunnerFailure(kind, message, {
      exitCode: status && status.signal === null ? status.code : null,
      signal: status?.signal ?? null,
      stderrTail: pending === null
        ? this.#stderr.tail
        : this.#stderr.since(pending.id, pending.stderrAt),
    });
  }

  async #settledStatus(): Promise<Deno.CommandStatus | null> {
    return (await within(this.#statusPromise, EXIT_GRACE_MS)) ?? null;
  }

  async #pumpStdout(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of this.#child.stdout) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline = buffer.indexOf("\n");
        while (newline >= 0) {
          this.#deliver(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf("\n");
        }
      }
    } catch {
      // The stream errors when the process is killed; treat it as its end.
    }
    buffer += decoder.decode();
    if (buffer.trim() !== "") this.#deliver(buffer);
    this.#stdoutEnded = true;
    for (const waiter of this.#waiters.splice(0)) waiter(null);
  }

  #deliver(line: string): void {
    if (line.trim() === "") return;
    const waiter = this.#waiters.shift();
    if (waiter) waiter(line);
    else this.#lines.push(line);
  }

  async #pumpStderr(onStderr?: (text: string) => void): Promise<void> {
    const decoder = new TextDecoder();
    const deliver = (text: string) => {
      if (text !== "") onStderr?.(text);
    };
    try {
      for await (const chunk of this.#child.stderr) {
        deliver(this.#stderr.push(decoder.decode(chunk, { stream: true })));
      }
    } catch {
      // Killed: keep what arrived.
    }
    deliver(this.#stderr.push(decoder.decode()) + this.#stderr.end());
  }

  /** Kills the process and its process group (SIGKILL) if it is still running. */
  kill(): void {
    if (this.#status !== null || this.#killed) return;
    this.#killed = true;
    this.#killGroup();
  }

  /** Kills the whole process group once: the runner and anything a library started. */
  #killGroup(): void {
    if (this.#groupKilled) return;
    this.#groupKilled = true;
    killProcessGroup(this.#child);
  }

  /**
   * Asks the runner to exit, waits briefly, kills it if it does not, then removes the temporary
   * folder. Safe to call after a failure and more than once.
   */
  async close(): Promise<Deno.CommandStatus | null> {
    if (this.#status === null && !this.#killed) {
      try {
        await this.#stdin.write(new TextEncoder().encode(`{"type":"exit"}\n`));
      } catch {
        // The process is gone or closing.
      }
    }
    try {
      await this.#stdin.close();
    } catch {
      // Already closed.
    }
    const status = await within(this.#statusPromise, EXIT_GRACE_MS);
    if (status === undefined) {
      this.kill();
      await this.#statusPromise;
    }
    // A subprocess a benchmarked library started must not outlive the runner.
    this.#killGroup();
    await within(Promise.all([this.#stdoutDone, this.#stderrDone]), EXIT_GRACE_MS);
    await Deno.remove(this.#dir, { recursive: true }).catch(() => {});
    return this.#status;
  }
}

/** Resolves with the promise's value, or undefined after `ms`; the timer never outlives it. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
