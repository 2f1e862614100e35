/**
 * A progress bar on stderr, drawn only when stderr is a terminal and `--quiet` is off, so logs
 * and pipes never receive control characters. Honours NO_COLOR.
 */

import type { Io } from "./io.ts";
import { useColor } from "./logger.ts";

export interface Progress {
  /** Advances by `n` (default 1) and shows `detail` next to the bar. */
  tick(n?: number, detail?: string): void;
  /** Sets the absolute position. */
  update(done: number, detail?: string): void;
  /** Clears the bar line. */
  done(): void;
}

const NO_PROGRESS: Progress = { tick() {}, update() {}, done() {} };
const WIDTH = 24;

export function createProgress(
  io: Io,
  options: { total: number; label: string; quiet?: boolean; now?: () => number },
): Progress {
  if (!io.stderrIsTty || options.quiet || options.total <= 0) return NO_PROGRESS;
  const color = useColor(io);
  const now = options.now ?? (() => performance.now());
  const started = now();
  let position = 0;
  let lastDraw = -Infinity;
  const draw = (detail: string, force: boolean) => {
    const t = now();
    if (!force && t - lastDraw < 80) return;
    lastDraw = t;
    io.stderr(
      `\r\x1b[2K${
        renderProgressLine(position, options.total, options.label, detail, t - started, color)
      }`,
    );
  };
  return {
    tick(n = 1, detail = "") {
      position = Math.min(options.total, position + n);
      draw(detail, position === options.total);
    },
    update(done, detail = "") {
      position = Math.min(options.total, Math.max(0, done));
      draw(detail, position === options.total);
    },
    done() {
      io.stderr("\r\x1b[2K");
    },
  };
}

/** One line of the bar: `label [#####.....] 12/40 30% 0:07 detail`. */
export function renderProgressLine(
  done: number,
  total: number,
  label: string,
  detail: string,
  elapsedMs: number,
  color: boolean,
): string {
  const fraction = total > 0 ? done / total : 1;
  const filled = Math.round(fraction * WIDTH);
  const bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
  const seconds = Math.floor(elapsedMs / 1000);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  const coloredBar = color ? `\x1b[36m${bar}\x1b[0m` : bar;
  const text = `${label} [${coloredBar}] ${done}/${total} ${Math.round(fraction * 100)}% ${clock}`;
  return detail === "" ? text : `${text} ${detail}`;
}
