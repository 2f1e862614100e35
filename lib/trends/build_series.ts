/**
 * Series building: one series per (suite, scenario, tier, target, environment, operation) and
 * source, points in `startedAt` order. The environment is part of the key because a suite that
 * spans environments (a version matrix) would otherwise splice different versions into one line;
 * with one environment per suite (the usual case) this is exactly one series per (suite, scenario,
 * tier, target, operation). Cells of records written before the JSON tier continue the typed
 * series (their key is the same). Measured points are the median of per-process medians (the cell summary's
 * median, or recomputed from `nsPerRecord`); imported points are the predecessor's mean per call.
 * The two are different metrics and never share a series.
 */

import { targetKind, targetLibrary } from "../_common/targets.ts";
import { compareRunOrder } from "../results/compare_run_order.ts";
import {
  cellKey,
  type LegacyCell,
  type MeasuredCell,
  type RunRecord,
  tierOf,
} from "../results/run_record.ts";
import { median } from "../stats/median.ts";
import type { RunEnvironment, SeriesSource, TrendPoint, TrendRun, TrendSeries } from "./types.ts";

/** A series as built, before the statistics are filled in. */
export type BuiltSeries = Pick<
  TrendSeries,
  | "id"
  | "label"
  | "suite"
  | "scenario"
  | "tier"
  | "target"
  | "environment"
  | "operation"
  | "source"
  | "statistic"
  | "unit"
  | "library"
  | "isDatason"
  | "points"
>;

export function sourceOf(record: RunRecord): SeriesSource {
  return record.source === "legacy" ? "legacy" : "measured";
}

/** The fingerprint parts of a run that attribution compares. */
export function trendRunOf(record: RunRecord): TrendRun {
  const environments: Record<string, RunEnvironment> = {};
  for (const [name, env] of Object.entries(record.environments)) {
    const libraries: Record<string, string | null> = {};
    for (const [lib, info] of Object.entries(env.libraries)) libraries[lib] = info.version;
    if (libraries.datason === undefined && env.freeze.datason !== undefined) {
      libraries.datason = env.freeze.datason;
    }
    environments[name] = {
      python: env.python === "unknown" || env.python === "" ? null : env.python,
      libraries,
    };
  }
  let machine: string | null = null;
  if (record.machine !== null) {
    const parts = [record.machine.cpuModel, record.machine.runnerImage].filter((p) => p);
    machine = parts.length > 0 ? parts.join(" · ") : null;
  }
  if (record.source === "legacy") {
    for (const env of Object.values(environments)) {
      if (env.libraries.datason === undefined) {
        env.libraries.datason = record.legacy.datasonVersion;
      }
    }
  }
  return {
    runId: record.runId,
    startedAt: record.startedAt,
    source: sourceOf(record),
    file: record.source === "legacy" ? record.legacy.file : null,
    machine,
    environments,
  };
}

/** Median of per-process medians of a measured cell (the summary's median when present). */
export function measuredValue(cell: MeasuredCell): number | null {
  if (cell.status !== "ok") return null;
  if (cell.summary !== null && cell.summary.median > 0) return cell.summary.median;
  const perProcess = cell.nsPerRecord.filter((v) => v.length > 0).map((v) => median(v));
  if (perProcess.length === 0) return null;
  const value = median(perProcess);
  return value > 0 ? value : null;
}

function legacyValue(cell: LegacyCell): number | null {
  return cell.status === "ok" && cell.nsPerCall !== null && cell.nsPerCall > 0
    ? cell.nsPerCall
    : null;
}

/**
 * Builds the runs and series of `records` (which must already be limited to the window). Records
 * are processed in (`startedAt`, `runId`) order.
 */
export function buildSeries(records: readonly RunRecord[]): {
  runs: TrendRun[];
  series: BuiltSeries[];
} {
  const ordered = [...records].sort(compareRunOrder);
  const runs: TrendRun[] = [];
  const byKey = new Map<string, BuiltSeries>();
  for (const record of ordered) {
    runs.push(trendRunOf(record));
    const source = sourceOf(record);
    const seen = new Set<string>();
    for (const cell of record.cells as (MeasuredCell | LegacyCell)[]) {
      const id = cellKey(cell);
      const key = `${source}\u0000${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let series = byKey.get(key);
      if (series === undefined) {
        const library = targetLibrary(cell.target);
        series = {
          id,
          label: `${cell.target} · ${cell.scenario}${
            tierOf(cell) === "json" ? " (JSON tier)" : ""
          } · ${cell.operation}${
            cell.environment === "default" || cell.environment === "legacy"
              ? ""
              : ` [${cell.environment}]`
          }`,
          suite: cell.suite,
          scenario: cell.scenario,
          tier: tierOf(cell),
          target: cell.target,
          environment: cell.environment,
          operation: cell.operation,
          source,
          statistic: source === "legacy" ? "mean" : "median",
          unit: source === "legacy" ? "ns/call" : "ns/record",
          library,
          isDatason: targetKind(cell.target) === "datason",
          points: [],
        };
        byKey.set(key, series);
      }
      const value = source === "legacy"
        ? legacyValue(cell as LegacyCell)
        : measuredValue(cell as MeasuredCell);
      const point: TrendPoint = {
        runId: record.runId,
        startedAt: record.startedAt,
        value,
        status: cell.status,
        excluded: null,
      };
      series.points.push(point);
    }
  }
  const series = [...byKey.values()].sort((a, b) =>
    a.source !== b.source
      ? (a.source === "measured" ? -1 : 1)
      : a.id < b.id
      ? -1
      : a.id > b.id
      ? 1
      : 0
  );
  return { runs, series };
}
