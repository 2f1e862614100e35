/**
 * The stderr of one runner process, split by request. Before it handles a request that carries an
 * `id`, the runner flushes its stderr and writes a mark `NUL "dsb:" id NUL` there (see runner.py).
 * `StderrLog` takes the marks out of the stream (what the user sees with `--verbose` is what the
 * process wrote), remembers where in the stream each request began, and keeps the last characters:
 * `since(id)` is what the process wrote while that request was being handled, so a crashed cell's
 * tail is its own, not the prints of the cells measured before it in the same process.
 *
 * Marks are used rather than the moment the request was sent because stderr and stdout are two
 * pipes read independently: output of the previous request may still be in flight when the next
 * one is sent. A request whose mark never arrived (the process died first) falls back to the
 * position when it was sent.
 */

const MARK_START = "\u0000dsb:";
const MARK_END = "\u0000";
/** A mark is short; anything longer after a NUL is ordinary text. */
const MAX_MARK_CHARS = 32;
/** Request starts remembered (only the request in progress is ever asked for). */
const MAX_STARTS = 16;

export class StderrLog {
  readonly #tailChars: number;
  #tail = "";
  #total = 0;
  #pending = "";
  readonly #starts = new Map<number, number>();

  constructor(tailChars: number) {
    this.#tailChars = tailChars;
  }

  /** Characters of process output seen so far (marks excluded). */
  get total(): number {
    return this.#total;
  }

  /** The last characters of the whole stream (marks excluded). */
  get tail(): string {
    return this.#tail;
  }

  /** Takes a decoded chunk; returns its text without marks (held back: a mark cut in two). */
  push(chunk: string): string {
    let text = this.#pending + chunk;
    this.#pending = "";
    let out = "";
    for (;;) {
      const at = text.indexOf(MARK_START);
      if (at < 0) {
        const keep = partialMarkLength(text);
        out += this.#append(text.slice(0, text.length - keep));
        this.#pending = text.slice(text.length - keep);
        return out;
      }
      out += this.#append(text.slice(0, at));
      const end = text.indexOf(MARK_END, at + MARK_START.length);
      if (end < 0) {
        if (text.length - at <= MAX_MARK_CHARS) {
          this.#pending = text.slice(at);
          return out;
        }
        out += this.#append(text.slice(at, at + MARK_START.length));
        text = text.slice(at + MARK_START.length);
        continue;
      }
      const id = text.slice(at + MARK_START.length, end);
      if (/^\d{1,15}$/.test(id)) {
        this.#starts.set(Number(id), this.#total);
        if (this.#starts.size > MAX_STARTS) {
          this.#starts.delete(this.#starts.keys().next().value!);
        }
        text = text.slice(end + MARK_END.length);
      } else {
        out += this.#append(text.slice(at, at + MARK_START.length));
        text = text.slice(at + MARK_START.length);
      }
    }
  }

  /** Flushes a held-back partial mark as text (the stream ended). */
  end(): string {
    const rest = this.#pending;
    this.#pending = "";
    return this.#append(rest);
  }

  /**
   * What the process wrote since request `id` began (its mark), or since `fallback` (a `total`
   * taken when the request was sent) when its mark never arrived; at most the kept tail.
   */
  since(id: number, fallback: number): string {
    const start = this.#starts.get(id) ?? fallback;
    const chars = this.#total - start;
    if (chars <= 0) return "";
    return chars >= this.#tail.length ? this.#tail : this.#tail.slice(-chars);
  }

  #append(text: string): string {
    if (text === "") return "";
    this.#total += text.length;
    this.#tail = (this.#tail + text).slice(-this.#tailChars);
    return text;
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of a mark's start. */
function partialMarkLength(text: string): number {
  for (let n = Math.min(MARK_START.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(MARK_START.slice(0, n))) return n;
  }
  return 0;
}
