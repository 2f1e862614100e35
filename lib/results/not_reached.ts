/**
 * Cells a run never reached: it stopped (`--max-minutes`, an interruption) before their turn. They
 * are stored as `skipped` with error type `NotMeasured` and the reason; records written before
 * that stored them as `error`, and both are read as "not reached": neither is a failure of the
 * cell, so a comparison calls such a cell missing, never broken.
 */

import type { CellError, CellStatus } from "./run_record.ts";

export const NOT_REACHED_ERROR_TYPE = "NotMeasured";

/** True for a cell its run stopped before (either way it was stored). */
export function isNotReached(cell: { status: CellStatus; error?: CellError }): boolean {
  return cell.error?.type === NOT_REACHED_ERROR_TYPE &&
    (cell.status === "skipped" || cell.status === "error");
}
