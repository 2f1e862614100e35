/**
 * Series building: one series per (suite, scenario, tier, target, environment, operation) and
 * source, points in `startedAt` order. The environment is part of the key because a suite that
 * spans environments (a version matrix) would otherwise splice different versions into one line;
 * with one environment per suite (the usual case) this is exactly one series per (suite, scenario,
 * tier, target, operation). Cells of records written before the JSON tier continue the typed
 * series (their key is the same). Measured points are the median of per-process medians (the cell summary's
 * median, or recomputed from `nsPerRecord`); imported points are the predecessor's mean per call.
 * The two are different metrics and never share a series.
 *
 * A cell with instruction counts also adds one series per counted measure of the table of measures
 * (comparison `layouts`: instructions and estimated cycles per record), whose points are the median
 * over the cell's layouts; its id is the time series' id followed by `:` and the measure's id. A
 * count and a time are different metrics too: they never share a series.
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
import { COUNTED_MEASURES, type CountedMeasure, TIME_MEASURE } from "./counted_measures.ts";
import type {
  CountingEnvironment,
  RunEnvironment,
  SeriesSource,
  SeriesUnit,
  TrendPoint,
  TrendRun,
  TrendSeries,
} from "./types.ts";

/** The id of a measure's series of a cell: the cell key, and `:measure` for a counted measure. */
export function seriesIdOf(key: string, measure: CountedMeasure | null): string {
  return measure === null ? key : `${key}:${measure.id}`;
}

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
  | "measure"
  | "measureFamily"
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
  let counting: CountingEnvironment | null = null;
  if (record.source === "datason-bench" && record.instrumentation !== undefined) {
    const instrumentation = record.instrumentation;
    const libc: Record<string, string | null> = {};
    for (const [name, env] of Object.entries(record.environments)) {
      libc[name] = env.libc ?? record.machine?.glibc ?? null;
    }
    counting = {
      valgrind: instrumentation.valgrind || null,
      cache: cacheGeometryText(instrumentation.cache),
      cpuModel: record.machine?.cpuModel ?? null,
      cpuFlags: record.machine?.cpuFlags ?? null,
      libc,
    };
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
    counting,
  };
}

/** `I1 32768/8/64 · D1 32768/8/64 · LL 8388608/16/64` (size/associativity/line); null if absent. */
export function cacheGeometryText(
  cache: { I1?: number[]; D1?: number[]; LL?: number[] } | undefined,
): string | null {
  if (cache === undefined || cache === null) return null;
  const parts = (["I1", "D1", "LL"] as const).map((level) => {
    const geometry = cache[level];
    return `${level} ${Array.isArray(geometry) ? geometry.join("/") : "?"}`;
  });
  return parts.join(" · ");
}

/**
 * A counted measure of a cell: the median over its layouts' per-record values (positive, finite),
 * null when no layout counted. Undefined when the cell was not counted at all (no series point).
 */
export function countedValue(
  cell: MeasuredCell,
  measure: CountedMeasure,
): number | null | undefined {
  if (cell.instructions === undefined) return undefined;
  const values: unknown = cell[measure.id];
  if (!Array.isArray(values)) return null;
  const usable = values.filter((v): v is number =>
    typeof v === "number" && Number.isFinite(v) && v > 0
  );
  return usable.length > 0 ? median(usable) : null;
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
      const cellId = cellKey(cell);
      if (seen.has(cellId)) continue;
      seen.add(cellId);
      const add = (
        measure: CountedMeasure | null,
        value: number | null,
        status: TrendPoint["status"],
      ) => {
        const id = seriesIdOf(cellId, measure);
        const key = `${source}\u0000${id}`;
        let series = byKey.get(key);
        if (series === undefined) {
          series = newSeries(id, cell, source, measure);
          byKey.set(key, series);
        }
        series.points.push({
          runId: record.runId,
          startedAt: record.startedAt,
          value,
          status,
          excluded: null,
        });
      };
      if (source === "legacy") {
        add(null, legacyValue(cell as LegacyCell), cell.status);
        continue;
      }
      const measured = cell as MeasuredCell;
      add(null, measuredValue(measured), measured.status);
      for (const measure of COUNTED_MEASURES) {
        const value = countedValue(measured, measure);
        if (value === undefined) continue;
        const status = measured.instructions!.status;
        // A layout that failed leaves the others' counts: a value is a value, its status says ok.
        add(measure, value, value === null ? (status === "ok" ? "error" : status) : "ok");
      }
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

/** `measure`: null for time. */
function newSeries(
  id: string,
  cell: MeasuredCell | LegacyCell,
  source: SeriesSource,
  measure: CountedMeasure | null,
): BuiltSeries {
  const unit: SeriesUnit = measure !== null
    ? measure.unit
    : source === "legacy"
    ? "ns/call"
    : "ns/record";
  return {
    id,
    label: `${cell.target} · ${cell.scenario}${
      tierOf(cell) === "json" ? " (JSON tier)" : ""
    } · ${cell.operation}${
      cell.environment === "default" || cell.environment === "legacy"
        ? ""
        : ` [${cell.environment}]`
    }${measure !== null ? ` · ${measure.label}` : ""}`,
    suite: cell.suite,
    scenario: cell.scenario,
    tier: tierOf(cell),
    target: cell.target,
    environment: cell.environment,
    operation: cell.operation,
    source,
    measure: measure?.id ?? TIME_MEASURE,
    measureFamily: measure !== null ? "instructions" : "time",
    statistic: source === "legacy" ? "mean" : "median",
    unit,
    library: targetLibrary(cell.target),
    isDatason: targetKind(cell.target) === "datason",
    points: [],
  };
}
