/**
 * The history section: one line chart per (suite, scenario, operation) with DataSON's default
 * target and every competitor over the whole history — old points down-sampled to weekly and
 * monthly medians — with change points, environment shifts and DataSON version changes marked;
 * imported legacy series in charts of their own, dashed and labelled as the different metric they
 * are; and the trend findings of the lookback window. Where runs counted instructions under
 * Valgrind, each slot and operation also gets a chart of instructions per record of its own (its
 * own axis, never nanoseconds), marked with the changes of the counting environment.
 */

import { ownValue } from "../../_common/own_key.ts";
import { COMPETITOR_TARGETS } from "../../_common/targets.ts";
import type { Operation } from "../../_common/vocabulary.ts";
import type {
  EnvironmentShift,
  MeasureFamily,
  SeriesSource,
  TrendFinding,
  TrendRun,
  TrendSeries,
  TrendsResult,
} from "../../trends/types.ts";
import { formatChange, formatNs } from "../../_common/format.ts";
import { seriesMeasureText, seriesValueText } from "../series_measure_text.ts";
import { downsample } from "../svg/downsample.ts";
import { type LineMarker, type LineSeries, renderLineChart } from "../svg/line_chart.ts";
import { anchorId, inSlot, orderSlots, slotAnchorParts, slotLabel } from "./scenario_order.ts";
import { isCompetitor, isDatasonTarget } from "./target_roles.ts";
import type { FindingRow, HistoryChart, HistorySection, ShiftRow } from "./types.ts";

/** The time measure (time charts) and the counted measure that gets charts of its own. */
const TIME_MEASURE = "nsPerRecord";
const CHARTED_COUNT = "instructionsPerRecord";
const INSTRUCTION_NOTE = "Instructions per record counted under Valgrind (the median over the " +
  "memory layouts of each run), one line per target on an axis of its own: counts are " +
  "near-deterministic, so steps of a fraction of a percent are real. Where Valgrind, the " +
  "simulated cache geometry, the CPU or the C library changed (the environment-shift marker), " +
  "counts on the two sides are not comparable: a step there is the environment's, not the code's.";

/** Legacy charts drawn at most (the rest are counted in a note). */
export const MAX_LEGACY_CHARTS = 12;
/** Points newer than this many days are drawn as they are; older ones as bucket medians. */
const KEEP_DAYS = 180;
const MONTHLY_AFTER_DAYS = 730;

/** Fixed colour per target, so a library keeps its colour from chart to chart. */
const COLOR_ORDER = ["datason", ...COMPETITOR_TARGETS];
function colorIndex(target: string, fallback: number): number {
  const i = COLOR_ORDER.indexOf(target);
  return i >= 0 ? i : COLOR_ORDER.length + fallback;
}

const date = (iso: string | null) => (iso === null ? "—" : iso.slice(0, 10));

/** The series a chart shows: DataSON's default target first, then the competitors. */
function chartedSeries(series: readonly TrendSeries[], source: SeriesSource): TrendSeries[] {
  const keep = series.filter((s) =>
    source === "measured"
      ? s.target === "datason" || isCompetitor(s.target)
      : s.target === "datason" || COMPETITOR_TARGETS.includes(s.target)
  );
  return keep.sort((a, b) =>
    Number(isDatasonTarget(b.target)) - Number(isDatasonTarget(a.target)) ||
    colorIndex(a.target, 0) - colorIndex(b.target, 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * DataSON version changes between consecutive runs of one source, in one environment; with
 * `runIds`, only between the runs that have points in a chart (imported files of different kinds
 * interleave, and a change between two of them says nothing about a third's chart).
 */
export function versionMarkers(
  runs: readonly TrendRun[],
  source: SeriesSource,
  environment: string,
  runIds?: ReadonlySet<string>,
): LineMarker[] {
  const markers: LineMarker[] = [];
  let previous: string | null = null;
  for (const run of runs) {
    if (run.source !== source || (runIds !== undefined && !runIds.has(run.runId))) continue;
    const env = ownValue(run.environments, environment) ?? Object.values(run.environments)[0];
    const version = env?.libraries.datason ?? null;
    if (version === null) continue;
    if (previous !== null && version !== previous) {
      markers.push({
        t: Date.parse(run.startedAt),
        kind: "version",
        label: `DataSON ${previous} → ${version} (${date(run.startedAt)})`,
        short: version,
      });
    }
    previous = version;
  }
  return markers;
}

function shiftMarkers(
  shifts: readonly EnvironmentShift[],
  source: SeriesSource,
  family: MeasureFamily,
): LineMarker[] {
  return shifts.filter((s) => s.source === source && (s.measureFamily ?? "time") === family).map((
    s,
  ) => ({
    t: Date.parse(s.startedAt),
    kind: "shift" as const,
    label: family === "instructions"
      ? `counting environment changed ${date(s.startedAt)}: ${s.attribution.summary}; ` +
        `${s.seriesMoved}/${s.seriesTested} instruction series moved (median ${
          formatChange(s.medianChange, 2)
        })`
      : `environment shift ${date(s.startedAt)}: ${s.seriesMoved}/${s.seriesTested} series ` +
        `${s.direction} (median ${formatChange(s.medianChange)}); ${s.attribution.summary}`,
  }));
}

/** An axis value of a count with four significant digits: `12.35 M`, `812`. */
function countAxisText(value: number): string {
  const units: [number, string][] = [[1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]];
  for (const [size, unit] of units) {
    if (Math.abs(value) >= size) return `${Number((value / size).toPrecision(4))} ${unit}`;
  }
  return String(Number(value.toPrecision(4)));
}

/** Change points of the charted series, one marker per run (labels joined). */
function changeMarkers(series: readonly TrendSeries[]): LineMarker[] {
  const byTime = new Map<number, string[]>();
  for (const s of series) {
    const digits = s.measureFamily === "instructions" ? 2 : 1;
    for (const cp of s.changePoints) {
      const t = Date.parse(cp.startedAt);
      const labels = byTime.get(t) ?? [];
      labels.push(`${s.target} ${formatChange(cp.change, digits)} (${cp.attribution.summary})`);
      byTime.set(t, labels);
    }
  }
  return [...byTime].sort((a, b) => a[0] - b[0]).map(([t, labels]) => ({
    t,
    kind: "change" as const,
    label: `change point ${new Date(t).toISOString().slice(0, 10)}: ${labels.join("; ")}`,
  }));
}

function usable(s: TrendSeries) {
  return s.points.filter((p) => p.value !== null && p.excluded === null);
}

function historyChart(
  id: string,
  title: string,
  series: TrendSeries[],
  history: TrendsResult,
  window: TrendsResult,
  legacy: boolean,
): HistoryChart {
  const source: SeriesSource = legacy ? "legacy" : "measured";
  const family: MeasureFamily = series[0].measureFamily;
  const counted = family === "instructions";
  const value = (v: number | null) => seriesValueText(series[0].measure, v);
  const digits = counted ? 2 : 1;
  const newest = Math.max(
    ...series.flatMap((s) => usable(s).map((p) => Date.parse(p.startedAt))),
  );
  const lines: LineSeries[] = series.map((s, i) => ({
    name: s.environment === "default" || s.environment === "legacy"
      ? s.target
      : `${s.target} [${s.environment}]`,
    dashed: legacy,
    highlight: isDatasonTarget(s.target),
    colorIndex: colorIndex(s.target, i),
    points: downsample(
      usable(s).map((p) => ({ t: Date.parse(p.startedAt), value: p.value! })),
      { now: newest, keepDays: KEEP_DAYS, monthlyAfterDays: MONTHLY_AFTER_DAYS },
    ),
  }));
  const values = lines.flatMap((l) => l.points.map((p) => p.value));
  const log = values.length > 0 && Math.max(...values) / Math.min(...values) > 10;
  // Counts are drawn on their own axis: they never share one with nanoseconds.
  const environment = series.find((s) => isDatasonTarget(s.target))?.environment ??
    series[0].environment;
  const markers = [
    ...changeMarkers(series),
    ...shiftMarkers(history.environmentShifts, source, family),
    ...versionMarkers(
      history.runs,
      source,
      environment,
      new Set(series.flatMap((s) => s.points.map((p) => p.runId))),
    ),
  ];
  const allPoints = series.flatMap((s) => s.points);
  const first = allPoints.reduce((m, p) => (p.startedAt < m ? p.startedAt : m), "9999");
  const last = allPoints.reduce((m, p) => (p.startedAt > m ? p.startedAt : m), "0000");
  const metric = legacy
    ? "mean time per call as the predecessor stored it (a different metric from ours)"
    : counted
    ? seriesMeasureText(series[0].unit)
    : "median time per record";
  const windowById = new Map(window.series.map((s) => [`${s.source}\u0000${s.id}`, s]));
  return {
    id,
    title,
    chart: {
      id,
      svg: renderLineChart({
        id,
        title,
        description: `${metric} of ${
          series.map((s) => s.target).join(", ")
        }, ${date(first)} to ${date(last)}${
          log ? ", logarithmic axis" : ""
        }; ${markers.length} marker(s) for change points, ` +
          "environment shifts and DataSON versions. The table after the chart lists the numbers.",
        series: lines,
        markers,
        log,
        ...(counted ? { format: countAxisText } : {}),
      }),
    },
    caption: `${legacy ? "mean per call (imported)" : counted ? metric : "median per record"} · ${
      date(first)
    } → ${date(last)}${log ? " · log scale" : ""}`,
    rows: series.map((s) => {
      const points = usable(s);
      const head = points[0];
      const tail = points[points.length - 1];
      const windowed = windowById.get(`${s.source}\u0000${s.id}`);
      return {
        name: s.label,
        legacy,
        first: head ? `${value(head.value)} (${date(head.startedAt)})` : "—",
        latest: tail ? `${value(tail.value)} (${date(tail.startedAt)})` : "—",
        changePoints: [
          ...s.changePoints.map((cp) =>
            `${date(cp.startedAt)} ${formatChange(cp.change, digits)} (${cp.attribution.summary})`
          ),
          ...(s.environmentSteps ?? []).map((step) =>
            `${date(step.startedAt)} ${
              formatChange(step.change, digits)
            } at a change of the counting environment (${step.attribution.summary})`
          ),
        ].join("; ") || "none",
        classification: windowed?.classification ?? "—",
      };
    }),
  };
}

function findingRow(f: TrendFinding): FindingRow {
  const counted = f.measureFamily === "instructions";
  return {
    when: f.basis === "trend" ? `${date(f.since)} → ${date(f.date)}` : date(f.date),
    change: formatChange(f.change, counted ? 2 : 1),
    direction: f.kind,
    measure: counted ? seriesMeasureText(f.unit) : "time",
    series: f.label,
    suite: f.suite,
    values: counted
      ? `${seriesValueText(f.measure, f.before)} → ${seriesValueText(f.measure, f.after)}`
      : `${formatNs(f.before)} → ${formatNs(f.after)} ${
        f.unit === "ns/call" ? "per call (imported)" : "per record"
      }`,
    basis: f.basis === "trend" ? "steady trend" : "change point",
    cause: f.attribution?.summary ?? "—",
    legacy: f.source === "legacy",
  };
}

function shiftRow(s: EnvironmentShift): ShiftRow {
  return {
    date: date(s.startedAt),
    measure: s.measureFamily === "instructions" ? "instructions" : "time",
    direction: s.direction,
    change: formatChange(s.medianChange),
    series: `${s.seriesMoved} of ${s.seriesTested}`,
    cause: s.attribution.summary,
  };
}

/**
 * `history`: `analyzeTrends()` over the whole history (charts); `window`: over the lookback window
 * (findings). `suites`: the measured suites to chart (competitive and custom ones).
 */
export function buildHistoryModel(
  history: TrendsResult,
  window: TrendsResult,
  suites: readonly string[],
): HistorySection | null {
  if (history.counts.runs === 0) return null;
  const charts: HistoryChart[] = [];
  const instructionCharts: HistoryChart[] = [];
  for (const suite of suites) {
    const ofSuite = history.series.filter((s) => s.source === "measured" && s.suite === suite);
    for (const slot of orderSlots(ofSuite)) {
      for (const operation of ["serialize", "deserialize"] as Operation[]) {
        const ofOperation = inSlot(ofSuite, slot).filter((s) => s.operation === operation);
        const title = `${slotLabel(slot)} · ${operation}${
          suite === "competitive" ? "" : ` (${suite})`
        }`;
        const series = chartedSeries(
          ofOperation.filter((s) => s.measure === TIME_MEASURE),
          "measured",
        ).filter((s) => usable(s).length > 0);
        if (series.length > 0) {
          const id = anchorId("history", suite, ...slotAnchorParts(slot), operation);
          charts.push(historyChart(id, title, series, history, window, false));
        }
        const counted = chartedSeries(
          ofOperation.filter((s) => s.measure === CHARTED_COUNT),
          "measured",
        ).filter((s) => usable(s).length > 0);
        if (counted.length > 0) {
          const id = anchorId(
            "history",
            suite,
            ...slotAnchorParts(slot),
            operation,
            "instructions",
          );
          instructionCharts.push(
            historyChart(id, `${title} · instructions`, counted, history, window, false),
          );
        }
      }
    }
  }

  const legacyGroups = new Map<string, TrendSeries[]>();
  for (const s of history.series) {
    if (s.source !== "legacy") continue;
    const key = `${s.suite}\u0000${s.scenario}\u0000${s.operation}`;
    legacyGroups.set(key, [...(legacyGroups.get(key) ?? []), s]);
  }
  const legacyCandidates = [...legacyGroups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([, group]) => chartedSeries(group, "legacy").filter((s) => usable(s).length > 0))
    .filter((group) => group.length > 0);
  const drawable = legacyCandidates.filter((group) => group.some((s) => usable(s).length >= 2));
  const legacyCharts = drawable.slice(0, MAX_LEGACY_CHARTS).map((group) => {
    const s = group[0];
    return historyChart(
      anchorId("legacy", s.suite, s.scenario, s.operation),
      `${s.scenario} · ${s.operation} (imported: ${s.suite})`,
      group,
      history,
      window,
      true,
    );
  });
  const omitted: string[] = [];
  const single = legacyCandidates.length - drawable.length;
  if (single > 0) omitted.push(`${single} with a single imported run each`);
  if (drawable.length > MAX_LEGACY_CHARTS) {
    omitted.push(`${drawable.length - MAX_LEGACY_CHARTS} beyond the first ${MAX_LEGACY_CHARTS}`);
  }

  const { counts } = history;
  const shifts = history.environmentShifts;
  return {
    span: `${date(history.window.from)} → ${
      date(history.window.to)
    } · ${counts.runs} runs (${counts.measuredRuns} measured, ${counts.legacyRuns} imported)`,
    window: window.window.days === null
      ? `whole history (${date(window.window.from)} → ${date(window.window.to)})`
      : `last ${window.window.days} days (${date(window.window.from)} → ${date(window.window.to)})`,
    chartNote:
      `Each line is one target's time per run, DataSON thickest. Points newer than ${KEEP_DAYS} ` +
      "days are drawn as they are, older ones as weekly medians and, beyond two years, monthly " +
      "medians; runs flagged as environment shifts are left out of the lines.",
    charts,
    instructionCharts,
    instructionNote: instructionCharts.length === 0 ? "" : INSTRUCTION_NOTE,
    legacyCharts,
    legacyOmitted: omitted.length === 0
      ? ""
      : `Imported (legacy) charts not drawn: ${omitted.join("; ")}. \`datason-bench trends\` ` +
        "lists every series.",
    regressions: window.findings.regressions.map(findingRow),
    improvements: window.findings.improvements.map(findingRow),
    shifts: window.environmentShifts.map(shiftRow),
    historyShifts: shifts.length === 0
      ? "No environment shifts in the whole history."
      : `${shifts.length} environment shift(s) in the whole history, marked on the charts: ${
        shifts.map((s) =>
          s.measureFamily === "instructions"
            ? `${date(s.startedAt)} (instructions: ${s.attribution.summary})`
            : `${date(s.startedAt)} (${s.direction})`
        ).join(", ")
      }.`,
  };
}
