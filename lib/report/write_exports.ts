/** `--export KIND=FILE` on `run` and `compare`: Bencher Metric Format or github-action-benchmark. */

import { resolve } from "node:path";
import { UsageError } from "../_common/errors.ts";
import type { Logger } from "../_common/logger.ts";
import { writeFileAtomic } from "../_common/atomic_write.ts";
import type { MeasuredRunRecord } from "../results/run_record.ts";
import { displayPath } from "../_common/display_path.ts";
import { EXPORT_FORMATS, EXPORTERS, type ExportFormat } from "./exporters.ts";

export interface ExportRequest {
  format: ExportFormat;
  path: string;
}

/** Parses repeated `--export bmf=FILE` / `gab=FILE` flags (paths relative to `cwd`). */
export function parseExportFlags(values: string[] | undefined, cwd: string): ExportRequest[] {
  return (values ?? []).map((value) => {
    const match = /^([a-z]+)=(.+)$/.exec(value);
    const format = EXPORT_FORMATS.find((f) => f === match?.[1]);
    if (!match || format === undefined) {
      const kinds = EXPORT_FORMATS.map((f) => `${f}=FILE`).join(" or ");
      throw new UsageError(`--export takes ${kinds} (got "${value}")`, {
        hint: "for example --export bmf=bencher.json --export gab=benchmark.json",
      });
    }
    return { format, path: resolve(cwd, match[2]) };
  });
}

/** Writes each requested export of `record` atomically. */
export async function writeExports(
  requests: readonly ExportRequest[],
  record: MeasuredRunRecord,
  cwd: string,
  log: Logger,
): Promise<void> {
  for (const { format, path } of requests) {
    const data = EXPORTERS[format].export(record);
    await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`);
    log.info(`exported ${format} to ${displayPath(path, cwd)}`);
  }
}
