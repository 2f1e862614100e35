/**
 * The latest results of one suite (normally `competitive`): per scenario a table of every target —
 * time per record with its 95% CI, the ratio to DataSON's default target, throughput of wire
 * bytes, output bytes, peak traced and RSS memory, folded fidelity — and a bar chart of both
 * operations with CI whiskers. A failed cell shows its status and error in place of numbers.
 */

import { ownValue } from "../../_common/own_key.ts";
import type { MeasuredCell, MeasuredRunRecord } from "../../results/run_record.ts";
import type { Operation } from "../../_common/vocabulary.ts";
import {
  formatBytes,
  formatCount,
  formatNs,
  formatPercent,
  formatRatio,
  formatThroughput,
} from "../../_common/format.ts";
import { type BarCategory, renderBarChart } from "../svg/bar_chart.ts";
import {
  cellTime,
  measuredRecords,
  outputBytesOf,
  throughputBytesPerSecond,
} from "./cell_values.ts";
import { displayStatus, errorText, foldFidelity } from "./fold_fidelity.ts";
import { againstText, headlineRatios } from "./headline_ratios.ts";
import { runRef } from "./run_ref.ts";
import { anchorId, orderScenarios } from "./scenario_order.ts";
import { isDatasonTarget, referenceTarget, targetRole } from "./target_roles.ts";
import type {
  FidelityView,
  LatestRow,
  LatestScenario,
  LatestSuite,
  OperationView,
} from "./types.ts";

/** The loop-overhead target returns its input: a fidelity verdict would say nothing. */
const NOOP_FIDELITY: FidelityView = {
  verdict: "n/a",
  tone: "off",
  detail: "noop returns its input unchanged: it measures the timing loop, not a serializer",
};

/** Robust CV above which a time is flagged as noisy. */
const NOISY_CV = 0.1;
/** Longest error text shown in a table cell (the whole text is in the cell's title). */
const ERROR_CHARS = 140;

const SUITE_TEXT: Record<string, { title: string; description: string }> = {
  competitive: {
    title: "DataSON and its competitors",
    description:
      "Every target on the same contract: serialize turns the native Python object into wire " +
      "text or bytes, deserialize turns the wire form back into a native object. Time per record " +
      "is the median of the per-process medians; the 95% CI comes from the order statistics of " +
      "those medians (the process is the unit of evidence).",
  },
};

export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function failedView(cell: MeasuredCell | undefined): OperationView {
  if (cell === undefined) {
    return { ok: false, status: "not measured", error: "", errorFull: "" };
  }
  const full = cell.status === "ok" ? "no values recorded" : errorText(cell);
  return {
    ok: false,
    status: cell.status === "ok" ? "no values" : displayStatus(cell),
    error: cut(full, ERROR_CHARS),
    errorFull: full,
  };
}

export function operationView(
  cell: MeasuredCell | undefined,
  referenceNs: number | null,
  records: number | null,
): OperationView {
  const time = cellTime(cell);
  if (cell === undefined || time === null) return failedView(cell);
  // The loop-overhead target is a floor, not a contender: a ratio to it means nothing.
  if (cell.target === "noop") referenceNs = null;
  return {
    ok: true,
    time: formatNs(time.median),
    ci: time.ci95 === null
      ? `no CI (n = ${time.n})`
      : `${formatNs(time.ci95[0])} – ${formatNs(time.ci95[1])}`,
    ratio: referenceNs === null ? "—" : formatRatio(time.median / referenceNs),
    throughput: formatThroughput(throughputBytesPerSecond(cell, records)),
    peakTraced: formatBytes(cell.peakTracedBytes),
    rssDelta: formatBytes(cell.rssDeltaBytes),
    noise: time.cv > NOISY_CV ? `CV ${formatPercent(time.cv, 0)}` : "",
  };
}

interface TargetKey {
  target: string;
  environment: string;
}

function scenarioModel(
  suite: string,
  scenario: string,
  cells: MeasuredCell[],
  keys: TargetKey[],
  reference: TargetKey | null,
  record: MeasuredRunRecord,
  multiEnvironment: boolean,
): LatestScenario {
  const records = measuredRecords(record, scenario);
  const find = (key: TargetKey, operation: Operation) =>
    cells.find((c) =>
      c.target === key.target && c.environment === key.environment && c.operation === operation
    );
  const label = (key: TargetKey) =>
    multiEnvironment ? `${key.target} [${key.environment}]` : key.target;
  const referenceNs = (operation: Operation) =>
    reference === null ? null : cellTime(find(reference, operation))?.median ?? null;
  const present = keys.filter((k) => find(k, "serialize") || find(k, "deserialize"));

  const rows: LatestRow[] = present.map((key) => {
    const serialize = find(key, "serialize");
    const deserialize = find(key, "deserialize");
    return {
      target: label(key),
      isDatason: isDatasonTarget(key.target),
      isReference: reference !== null && key.target === reference.target &&
        key.environment === reference.environment,
      role: targetRole(key.target),
      serialize: operationView(serialize, referenceNs("serialize"), records),
      deserialize: operationView(deserialize, referenceNs("deserialize"), records),
      outputBytes: formatBytes(outputBytesOf(serialize, deserialize)),
      fidelity: key.target === "noop" ? NOOP_FIDELITY : foldFidelity(serialize, deserialize)!,
    };
  });

  const charted = present.filter((k) => k.target !== "noop");
  const categories: BarCategory[] = charted.map((key) => ({
    label: label(key),
    highlight: isDatasonTarget(key.target),
    bars: (["serialize", "deserialize"] as const).map((operation) => {
      const cell = find(key, operation);
      const time = cellTime(cell);
      if (time === null) {
        return {
          series: operation,
          value: null,
          note: cell === undefined ? "not measured" : displayStatus(cell),
        };
      }
      return {
        series: operation,
        value: time.median,
        ...(time.ci95 === null ? {} : { lo: time.ci95[0], hi: time.ci95[1] }),
      };
    }),
  }));
  const values = categories.flatMap((c) => c.bars.flatMap((b) => b.value ?? []));
  const spread = values.length > 0 ? Math.max(...values) / Math.min(...values) : 1;
  const failed = categories.filter((c) => c.bars.every((b) => b.value === null)).map((c) =>
    c.label
  );
  const withCi = categories.some((c) => c.bars.some((b) => b.lo !== undefined));
  const id = anchorId("chart", suite, scenario);
  const chart = {
    id,
    svg: renderBarChart({
      id,
      title: `${scenario}: time per record, serialize and deserialize (${suite} suite)`,
      description: `Median time per record of ${charted.length} targets on ${scenario}` +
        `${withCi ? ", with 95% confidence intervals as whiskers" : ""}` +
        `${spread > 20 ? ", on a logarithmic axis" : ""}; shorter is faster.` +
        `${failed.length > 0 ? ` No bars for ${failed.join(", ")} (see the table).` : ""}` +
        " The table that follows lists every number.",
      series: ["serialize", "deserialize"],
      categories,
      log: spread > 20,
    }),
  };

  let headline = "";
  if (reference !== null) {
    const sentences = (["serialize", "deserialize"] as const).map((operation) => {
      const h = headlineRatios(
        cells.filter((c) => c.environment === reference.environment),
        reference.target,
        operation,
      );
      const verb = operation === "serialize" ? "Serializes" : "Deserializes";
      if (h.reference.ns === null) return `${verb}: ${h.reference.status}.`;
      const comparisons = [againstText(h.reference, h.json)];
      if (h.fastest !== null && h.fastest.target !== "json") {
        comparisons.push(`${againstText(h.reference, h.fastest)} (the fastest competitor)`);
      } else if (h.fastest !== null) comparisons.push("json is the fastest competitor");
      else if (h.competitors > 0) comparisons.push("no competitor worked");
      const against = comparisons.filter((c) => c !== "").join(", ");
      return `${verb} in ${formatNs(h.reference.ns)} per record${against ? `: ${against}` : ""}.`;
    });
    headline = `${reference.target} — ${sentences.join(" ")}`;
  }

  const dataset = ownValue(record.datasets, scenario);
  const total = dataset?.records ?? null;
  return {
    scenario,
    anchor: anchorId("latest", suite, scenario),
    records: records === null
      ? "records: unknown"
      : `${formatCount(records)} of ${formatCount(total)} records per value` +
        (dataset ? ` (dataset ${formatBytes(dataset.bytes)})` : ""),
    headline,
    chart,
    rows,
  };
}

export function buildLatestRunModel(record: MeasuredRunRecord, suite: string): LatestSuite {
  const cells = record.cells.filter((c) => c.suite === suite);
  const keys: TargetKey[] = [];
  for (const cell of cells) {
    if (!keys.some((k) => k.target === cell.target && k.environment === cell.environment)) {
      keys.push({ target: cell.target, environment: cell.environment });
    }
  }
  const environments = [...new Set(keys.map((k) => k.environment))];
  const referenceId = referenceTarget(keys.map((k) => k.target));
  const reference = referenceId === null ? null : keys.find((k) => k.target === referenceId)!;
  const notes: string[] = [];
  if (!record.complete) {
    notes.push(
      record.incomplete
        ? `${record.incomplete.note[0].toUpperCase()}${record.incomplete.note.slice(1)}.`
        : "This run stopped early (--max-minutes or an interruption): cells that did not finish " +
          "are missing.",
    );
  }
  // Per-scenario (and per-suite) overrides may lower the process count of this suite's
  // environments; the note is about the fewest.
  const processes = Math.min(
    record.config.measure.processes,
    ...Object.entries(record.config.measure.scenarios ?? {})
      .filter(([key]) =>
        environments.some((env) => key.startsWith(`${env}/`)) || !key.includes("/")
      )
      .map(([, s]) => s.processes),
  );
  if (processes < 6) {
    notes.push(
      `${processes} processes per cell: a distribution-free 95% CI of the median needs at least 6, ` +
        "so no whiskers are drawn.",
    );
  }
  if (record.config.profile !== "default") {
    notes.push(
      `Measured with the ${record.config.profile} profile (fewer processes or records than the ` +
        "weekly default): good for a smoke test, weaker for conclusions.",
    );
  }
  const text = SUITE_TEXT[suite] ?? {
    title: `The ${suite} suite`,
    description: "Time per record (median of the per-process medians, 95% CI from their order " +
      "statistics), output size, memory and fidelity of every target of this suite.",
  };
  return {
    suite,
    anchor: anchorId("latest", suite),
    title: text.title,
    description: text.description,
    run: runRef(record),
    reference: reference === null
      ? null
      : environments.length > 1
      ? `${reference.target} [${reference.environment}]`
      : reference.target,
    notes,
    scenarios: orderScenarios(cells.map((c) => c.scenario)).map((scenario) =>
      scenarioModel(
        suite,
        scenario,
        cells.filter((c) => c.scenario === scenario),
        keys,
        reference,
        record,
        environments.length > 1,
      )
    ),
  };
}
