/**
 * Atomic file writes: the content goes to a temporary file in the same folder (same file system),
 * is flushed to disk, then renamed over the final name. A reader sees the old file or the whole new
 * one, never a half-written file; an interrupted write leaves at most a `.tmp-` file that readers
 * ignore.
 */

import { basename, dirname, join } from "node:path";

/** Prefix of temporary files; result listings skip names that start with it. */
export const TEMP_PREFIX = ".tmp-";

export interface AtomicWriteOptions {
  /** Called after the data is flushed and before the rename (tests use it to simulate a crash). */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

function tempPathFor(path: string): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(16);
  return join(dirname(path), `${TEMP_PREFIX}${basename(path)}.${Deno.pid}.${random}`);
}

/** Writes `data` to `path` atomically, creating the parent folder when needed. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  try {
    const file = await Deno.open(temp, { write: true, createNew: true });
    try {
      let offset = 0;
      while (offset < bytes.length) offset += await file.write(bytes.subarray(offset));
      await file.sync();
    } finally {
      file.close();
    }
    await options.beforeRename?.(temp);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/**
 * Streams data into a temporary file and renames it to `path` only when `commit()` is called.
 * `abort()` (or an error before commit) removes the temporary file.
 */
export class AtomicFileWriter {
  readonly path: string;
  readonly tempPath: string;
  #file: Deno.FsFile | null = null;
  #encoder = new TextEncoder();

  private constructor(path: string) {
    this.path = path;
    this.tempPath = tempPathFor(path);
  }

  static async open(path: string): Promise<AtomicFileWriter> {
    await Deno.mkdir(dirname(path), { recursive: true });
    const writer = new AtomicFileWriter(path);
    writer.#file = await Deno.open(writer.tempPath, { write: true, createNew: true });
    return writer;
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (this.#file === null) throw new Error(`write after close: ${this.path}`);
    const bytes = typeof data === "string" ? this.#encoder.encode(data) : data;
    let offset = 0;
    while (offset < bytes.length) offset += await this.#file.write(bytes.subarray(offset));
  }

  async commit(): Promise<void> {
    if (this.#file === null) throw new Error(`commit after close: ${this.path}`);
    await this.#file.sync();
    this.#file.close();
    this.#file = null;
    await Deno.rename(this.tempPath, this.path);
  }

  async abort(): Promise<void> {
    if (this.#file !== null) {
      this.#file.close();
      this.#file = null;
    }
    await Deno.remove(this.tempPath).catch(() => {});
  }
}
