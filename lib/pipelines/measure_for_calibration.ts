/**
 * One paired run of a calibration: measured and checked by `measureAndStore()` like any run, its
 * journal in a temporary folder removed afterwards, its record kept only by the caller (`keep`).
 * An interruption stops the whole calibration: nothing of it can be resumed.
 */

import { InterruptedError } from "../_common/errors.ts";
import type { Logger } from "../_common/logger.ts";
import type { LoadedConfig } from "../config/types.ts";
import type { PreparedRun } from "../bench/run_benchmark.ts";
import type { ScheduleEvent } from "../bench/run_schedule.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { measureAndStore, type StoredRun } from "./measure_and_store.ts";

export interface CalibrationRunHooks {
  cwd: string;
  env: (name: string) => string | undefined;
  log: Logger;
  signal?: AbortSignal;
  onEvent?: (event: ScheduleEvent) => void;
  /** Receives the record (to keep it, e.g. `--keep`). */
  keep?: (record: MeasuredRunRecord) => void | Promise<void>;
  /** Checks the stored run before the check that some cell was measured. */
  onStored?: (stored: StoredRun) => void | Promise<void>;
}

export async function measureForCalibration(
  loaded: LoadedConfig,
  prepared: PreparedRun,
  hooks: CalibrationRunHooks,
): Promise<MeasuredRunRecord> {
  const journals = await Deno.makeTempDir({ prefix: "datason-bench-calibrate-" });
  try {
    const stored = await measureAndStore(loaded, prepared, {
      cwd: hooks.cwd,
      env: hooks.env,
      log: hooks.log,
      outDir: journals,
      // Calibration judges counts only; its records are not kept where profiles would be.
      keepProfiles: false,
    }, {
      command: "calibrate",
      signal: hooks.signal,
      onEvent: hooks.onEvent,
      async store(record) {
        await hooks.keep?.(record);
        return null;
      },
      onStored: hooks.onStored,
    });
    return stored.record;
  } catch (error) {
    if (error instanceof InterruptedError) {
      throw new InterruptedError("calibrate interrupted", { hint: "run it again" });
    }
    throw error;
  } finally {
    await Deno.remove(journals, { recursive: true }).catch(() => {});
  }
}
