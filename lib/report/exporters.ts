/** The table of exporters: what `--export KIND=FILE` can write, each from one RunRecord. */

import type { MeasuredRunRecord } from "../results/run_record.ts";
import { exportBmf } from "./export_bmf.ts";
import { exportGab } from "./export_gab.ts";

export interface Exporter {
  /** What the file is, for messages. */
  name: string;
  export(record: MeasuredRunRecord): unknown;
}

export const EXPORTERS = {
  bmf: { name: "Bencher Metric Format", export: exportBmf },
  gab: { name: "github-action-benchmark customSmallerIsBetter", export: exportGab },
} as const satisfies Record<string, Exporter>;

export type ExportFormat = keyof typeof EXPORTERS;
export const EXPORT_FORMATS = Object.keys(EXPORTERS) as ExportFormat[];
