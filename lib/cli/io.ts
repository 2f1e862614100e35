/**
 * Io: the only way commands reach the terminal and the process environment. `denoIo()` is the real
 * one; tests use `MemoryIo`. stdout carries only the product; everything else goes to stderr.
 */

export interface Io {
  /** Writes product output (a report, a JSON document) to stdout. */
  stdout(text: string): void;
  /** Writes logs, warnings and progress to stderr. */
  stderr(text: string): void;
  /** True when stderr is an interactive terminal (progress bars are drawn only then). */
  readonly stderrIsTty: boolean;
  /** Reads an environment variable. */
  env(name: string): string | undefined;
  /** Working directory that relative command-line paths resolve against. */
  readonly cwd: string;
}

const encoder = new TextEncoder();

function writeAllSync(writer: { writeSync(p: Uint8Array): number }, text: string): void {
  let bytes = encoder.encode(text);
  while (bytes.length > 0) {
    const n = writer.writeSync(bytes);
    bytes = bytes.subarray(n);
  }
}

/**
 * Writes to a stream that a reader may close early (`datason-bench trends | head`): once the pipe
 * is gone, further output is dropped quietly instead of failing the command.
 */
function pipeWriter(writer: { writeSync(p: Uint8Array): number }): (text: string) => void {
  let closed = false;
  return (text) => {
    if (closed) return;
    try {
      writeAllSync(writer, text);
    } catch (error) {
      if (error instanceof Deno.errors.BrokenPipe) closed = true;
      else throw error;
    }
  };
}

/** The process's real stdout, stderr and environment. */
export function denoIo(): Io {
  return {
    stdout: pipeWriter(Deno.stdout),
    stderr: pipeWriter(Deno.stderr),
    stderrIsTty: Deno.stderr.isTerminal(),
    env: (name) => Deno.env.get(name),
    cwd: Deno.cwd(),
  };
}

/** An Io that records everything, for tests. */
export class MemoryIo implements Io {
  out = "";
  err = "";
  readonly stderrIsTty: boolean;
  readonly cwd: string;
  readonly #env: Record<string, string>;
  constructor(options: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {}) {
    this.cwd = options.cwd ?? Deno.cwd();
    this.#env = options.env ?? {};
    this.stderrIsTty = options.tty ?? false;
  }
  stdout(text: string): void {
    this.out += text;
  }
  stderr(text: string): void {
    this.err += text;
  }
  env(name: string): string | undefined {
    return this.#env[name];
  }
}
