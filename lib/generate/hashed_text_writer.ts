/**
 * `HashedTextWriter`: text into an `AtomicFileWriter`, encoded through one reused buffer a slice at
 * a time (a 10 MB record is never copied into a second 10 MB array), with the SHA-256 and the byte
 * count of exactly the bytes written.
 */

import { createHash } from "node:crypto";
import { ExecutionError } from "../_common/errors.ts";
import type { AtomicFileWriter } from "../_common/atomic_write.ts";

/** UTF-16 units encoded per write. */
const CHUNK_CHARS = 1 << 18;

export class HashedTextWriter {
  readonly #writer: AtomicFileWriter;
  readonly #hash = createHash("sha256");
  readonly #encoder = new TextEncoder();
  // A UTF-16 unit takes at most 3 bytes, so every slice fits.
  readonly #buffer = new Uint8Array(CHUNK_CHARS * 3);
  #bytes = 0;

  constructor(writer: AtomicFileWriter) {
    this.#writer = writer;
  }

  get bytes(): number {
    return this.#bytes;
  }

  async write(text: string): Promise<void> {
    for (let start = 0; start < text.length;) {
      let end = Math.min(text.length, start + CHUNK_CHARS);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // keep surrogate pairs whole
      const { written } = this.#encoder.encodeInto(text.slice(start, end), this.#buffer);
      const chunk = this.#buffer.subarray(0, written);
      this.#hash.update(chunk);
      this.#bytes += written;
      try {
        await this.#writer.write(chunk);
      } catch (error) {
        throw new ExecutionError(
          `cannot write "${this.#writer.tempPath}": ${
            error instanceof Error ? error.message : error
          }`,
          { hint: "check the free disk space of the output folder", cause: error },
        );
      }
      start = end;
    }
  }

  /** The hex SHA-256 of everything written (call once, at the end). */
  sha256(): string {
    return this.#hash.digest("hex");
  }
}
