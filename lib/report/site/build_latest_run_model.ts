/**
 * The latest results of one suite (normally `competitive`): per scenario and tier a table of every
 * target — how it calls its library on that tier, time per record with its 95% CI, the ratio to
 * DataSON's default target (only where the fidelities compare: lib/regression/speed_ratio.ts),
 * throughput of wire bytes, output bytes, peak traced and RSS memory, folded fidelity — a bar chart
 * of both operations with CI whiskers, and the documented exceptions of that scenario and tier. A
 * failed cell shows its status and error in place of numbers, and the library's documented reason
 * when it has one.
 */

import { cutText } from "../../_common/cut_text.ts";
import { ownValue } from "../../_common/own_key.ts";
import type { MeasuredCell, MeasuredRunRecord } from "../../results/run_record.ts";
import type { DataTier, Operation } from "../../_common/vocabulary.ts";
import {
  formatBytes,
  formatCount,
  formatNs,
  formatPercent,
  formatThroughput,
} from "../../_common/format.ts";
import {
  DOCUMENTED_EXCEPTIONS,
  type DocumentedException,
  documentedException,
} from "../../config/documented_exceptions.ts";
import { speedRatio } from "../../regression/speed_ratio.ts";
import { ratioCell } from "../ratio_text.ts";
import { type BarCategory, renderBarChart } from "../svg/bar_chart.ts";
import {
  anyInstructions,
  cellTime,
  instructionsText,
  measuredRecords,
  outputBytesOf,
  throughputBytesPerSecond,
} from "./cell_values.ts";
import { displayStatus, errorText, foldFidelity } from "./fold_fidelity.ts";
import { fastestText, headlineRatios, targetFidelity, versusText } from "./headline_ratios.ts";
import { runRef } from "./run_ref.ts";
import {
  anchorId,
  inSlot,
  orderSlots,
  type ScenarioSlot,
  slotAnchorParts,
  slotLabel,
} from "./scenario_order.ts";
import { isDatasonTarget, referenceTarget, targetRole } from "./target_roles.ts";
import type {
  ExceptionView,
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
      "those medians (the process is the unit of evidence). Each scenario is measured on two " +
      "tiers of the same records: typed (native values; each competitor called as its " +
      "documentation says, shown under its name) and JSON (the records projected to JSON-native " +
      "values; every library on its plain API).",
  },
};

const TIER_NOTES: Record<DataTier, string> = {
  typed:
    "Typed tier: the native records (datetimes, UUIDs, Decimals, bytes, sets, arrays …); each " +
    "competitor is called the way its documentation tells a user to handle such values.",
  json: "JSON tier: the same records projected by generate to JSON-native values (ISO text, " +
    "base64, lists, null for NaN); every library on its plain API.",
};

export function exceptionView(e: DocumentedException): ExceptionView {
  return { target: e.target, values: e.values, reason: e.reason, docs: e.docs };
}

function failedView(cell: MeasuredCell | undefined): OperationView {
  if (cell === undefined) {
    return { ok: false, status: "not measured", error: "", errorFull: "", exception: null };
  }
  const full = cell.status === "ok" ? "no values recorded" : errorText(cell);
  const documented = cell.status === "unsupported"
    ? documentedException(cell.target, cell.tier, cell.scenario)
    : undefined;
  return {
    ok: false,
    status: cell.status === "ok" ? "no values" : displayStatus(cell),
    error: cutText(full, ERROR_CHARS),
    errorFull: full,
    exception: documented === undefined ? null : exceptionView(documented),
  };
}

/** The reference a row's ratios divide by: its time and the fidelity of its round trip. */
export interface RatioReference {
  ns: number | null;
  fidelity: MeasuredCell["fidelity"];
}

/**
 * One operation of a row; `fidelity` is the row target's fidelity class on the scenario and tier,
 * compared with the reference's by `speedRatio()` before a ratio is printed.
 */
export function operationView(
  cell: MeasuredCell | undefined,
  reference: RatioReference | null,
  records: number | null,
  fidelity: MeasuredCell["fidelity"] = cell?.fidelity ?? null,
): OperationView {
  const time = cellTime(cell);
  if (cell === undefined || time === null) return failedView(cell);
  // The loop-overhead target is a floor, not a contender: a ratio to it means nothing.
  const ratio = cell.target === "noop" || reference === null
    ? { ratio: "—", note: "" }
    : ratioCell(speedRatio({ ns: time.median, fidelity }, reference));
  return {
    ok: true,
    time: formatNs(time.median),
    ci: time.ci95 === null
      ? `no CI (n = ${time.n})`
      : `${formatNs(time.ci95[0])} – ${formatNs(time.ci95[1])}`,
    ratio: ratio.ratio,
    ratioNote: ratio.note,
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
  slot: ScenarioSlot,
  cells: MeasuredCell[],
  keys: TargetKey[],
  reference: TargetKey | null,
  record: MeasuredRunRecord,
  multiEnvironment: boolean,
): LatestScenario {
  const { scenario, tier } = slot;
  const records = measuredRecords(record, scenario);
  const find = (key: TargetKey, operation: Operation) =>
    cells.find((c) =>
      c.target === key.target && c.environment === key.environment && c.operation === operation
    );
  const label = (key: TargetKey) =>
    multiEnvironment ? `${key.target} [${key.environment}]` : key.target;
  const fidelityOf = (key: TargetKey) =>
    targetFidelity(cells.filter((c) => c.environment === key.environment), key.target);
  const referenceOf = (operation: Operation): RatioReference | null =>
    reference === null ? null : {
      ns: cellTime(find(reference, operation))?.median ?? null,
      fidelity: fidelityOf(reference),
    };
  const present = keys.filter((k) => find(k, "serialize") || find(k, "deserialize"));

  const rows: LatestRow[] = present.map((key) => {
    const serialize = find(key, "serialize");
    const deserialize = find(key, "deserialize");
    const adapter = record.environments[key.environment]?.adapters?.[key.target];
    const fidelity = fidelityOf(key);
    return {
      target: label(key),
      isDatason: isDatasonTarget(key.target),
      isReference: reference !== null && key.target === reference.target &&
        key.environment === reference.environment,
      role: targetRole(key.target),
      call: adapter?.[tier] ?? "",
      docs: tier === "typed" ? adapter?.docs ?? "" : "",
      serialize: operationView(serialize, referenceOf("serialize"), records, fidelity),
      deserialize: operationView(deserialize, referenceOf("deserialize"), records, fidelity),
      instructions: {
        serialize: instructionsText(serialize),
        deserialize: instructionsText(deserialize),
      },
      outputBytes: formatBytes(outputBytesOf(serialize, deserialize)),
      fidelity: key.target === "noop" ? NOOP_FIDELITY : foldFidelity(serialize, deserialize)!,
    };
  });

  const title = slotLabel(slot, true);
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
  const id = anchorId("chart", suite, ...slotAnchorParts(slot));
  const chart = {
    id,
    svg: renderBarChart({
      id,
      title: `${title}: time per record, serialize and deserialize (${suite} suite)`,
      description: `Median time per record of ${charted.length} targets on ${title}` +
        `${withCi ? ", with 95% confidence intervals as whiskers" : ""}` +
        `${spread > 20 ? ", on a logarithmic axis" : ""}; shorter is faster.` +
        `${failed.length > 0 ? ` No bars for ${failed.join(", ")} (see the table).` : ""}` +
        " The table that follows lists every number and each target's fidelity.",
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
      const comparisons = [versusText(h.reference, h.json)];
      if (h.fastest !== null && h.fastest.target === "json" && h.passedOver.length === 0) {
        comparisons.push("json is the fastest competitor with fidelity at least DataSON's");
      } else comparisons.push(fastestText(h));
      const against = comparisons.filter((c) => c !== "").join("; ");
      return `${verb} in ${formatNs(h.reference.ns)} per record${against ? `: ${against}` : ""}.`;
    });
    const fidelity = fidelityOf(reference);
    headline = `${reference.target}${fidelity === null ? "" : ` (${fidelity})`} — ${
      sentences.join(" ")
    }`;
  }

  const dataset = ownValue(record.datasets, scenario);
  const total = dataset?.records ?? null;
  const file = tier === "json" ? dataset?.jsonTier : dataset;
  return {
    scenario,
    tier,
    title,
    tierNote: TIER_NOTES[tier],
    anchor: anchorId("latest", suite, ...slotAnchorParts(slot)),
    records: records === null
      ? "records: unknown"
      : `${formatCount(records)} of ${formatCount(total)} records per value` +
        (file
          ? ` (${tier === "json" ? "JSON-tier file" : "dataset"} ${formatBytes(file.bytes)})`
          : ""),
    headline,
    chart,
    hasInstructions: anyInstructions(
      present.flatMap((k) => [find(k, "serialize"), find(k, "deserialize")]),
    ),
    rows,
    exceptions: DOCUMENTED_EXCEPTIONS.filter((e) =>
      e.scenario === scenario && e.tier === tier &&
      present.some((k) => k.target === e.target)
    ).map(exceptionView),
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
    scenarios: orderSlots(cells).map((slot) =>
      scenarioModel(
        suite,
        slot,
        inSlot(cells, slot),
        keys,
        reference,
        record,
        environments.length > 1,
      )
    ),
  };
}
