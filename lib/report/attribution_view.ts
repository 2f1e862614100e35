/**
 * "Where the instructions went", as text: the function-level diffs of a comparison's flagged
 * instruction rows (`row.attribution`), the top functions of each and an "everything else" row,
 * every figure formatted. Shared by the PR comment, the site's comparison section and the terminal
 * table; each escapes the strings for its medium (function names and file paths come from the
 * code under test: a file may be named `<img src=x onerror=alert(1)>.py`).
 */

import { formatChange, formatPerRecord, formatPerRecordChange } from "../_common/format.ts";
import type {
  CompareResult,
  CompareRow,
  FunctionChange,
  InstructionAttribution,
  PythonAttribution,
  PythonFunctionChange,
} from "../regression/types.ts";
import { formatRowChange } from "./side_by_side.ts";
import { remainder } from "../regression/attribute_instructions.ts";

/** One line of a table: the function, where it lives, and its figures. */
export interface AttributionLine {
  name: string;
  where: string;
  /** Figures in the table's column order. */
  figures: string[];
  /** The "everything else" line. */
  rest: boolean;
}

export interface AttributionTable {
  /** `C functions (callgrind) …` / `Python functions …`. */
  title: string;
  /** Headers of the figure columns. */
  columns: string[];
  /** Empty when the diff is unavailable (then `note` says why). */
  lines: AttributionLine[];
  note: string;
}

export interface AttributionView {
  /** The row id without its `:metric`. */
  cell: string;
  verdict: string;
  /** `+5.31% instructions/record (warn)`. */
  change: string;
  callgrind: AttributionTable;
  /** Absent where no Python-level pass ran. */
  python: AttributionTable | null;
}

const C_COLUMNS = ["self base", "self head", "Δ self", "share", "inclusive base → head"];
const PY_COLUMNS = ["calls base → head", "Δ calls", "lines base → head", "Δ lines", "share"];

/** The last two segments of a path (`Objects/object.c`), the name alone for `???`. */
function shortPath(path: string): string {
  if (path === "???" || path === "") return "";
  const parts = path.split("/").filter((p) => p !== "");
  return parts.length <= 2 ? path : parts.slice(-2).join("/");
}

function where(fn: FunctionChange): string {
  const object = fn.object === "???" ? "" : fn.object.split("/").pop() ?? "";
  const file = shortPath(fn.file);
  return file === "" ? object : object === "" ? file : `${file} (${object})`;
}

function sideValue(value: number, fn: FunctionChange, side: "baseline" | "current"): string {
  return fn.underCut?.side === side
    ? `≤ ${formatPerRecord(fn.underCut.atMost)}`
    : formatPerRecord(value);
}

function inclusive(fn: FunctionChange): string {
  return `${formatPerRecord(fn.inclusiveBaseline)} → ${formatPerRecord(fn.inclusiveCurrent)}`;
}

function callgrindTable(attribution: InstructionAttribution, top: number): AttributionTable {
  if (attribution.status !== "ok") {
    return {
      title: "C functions (callgrind)",
      columns: C_COLUMNS,
      lines: [],
      note: `no function-level diff: ${attribution.reason}`,
    };
  }
  const shown = attribution.functions.slice(0, top);
  const rest = remainder(attribution.change, shown.map((f) => f.change), null);
  const restCount = attribution.functionsCompared - shown.length;
  const sameLayout = attribution.layouts.baseline === attribution.layouts.current;
  return {
    title: `C functions (callgrind), self instructions per record in layout ${
      sameLayout
        ? attribution.layouts.current + 1
        : `${attribution.layouts.baseline + 1} (base) and ${attribution.layouts.current + 1} (head)`
    }: ${formatPerRecord(attribution.baselineTotal)} → ${
      formatPerRecord(attribution.currentTotal)
    } (${formatPerRecordChange(attribution.change)}, ${
      formatChange(attribution.relativeChange, 2)
    })`,
    columns: C_COLUMNS,
    lines: [
      ...shown.map((fn) => ({
        name: fn.name,
        where: where(fn),
        figures: [
          sideValue(fn.baseline, fn, "baseline"),
          sideValue(fn.current, fn, "current"),
          formatPerRecordChange(fn.change),
          formatChange(fn.share),
          inclusive(fn),
        ],
        rest: false,
      })),
      {
        name: `everything else (${restCount} function${restCount === 1 ? "" : "s"})`,
        where: "",
        figures: [
          "",
          "",
          formatPerRecordChange(rest),
          formatChange(attribution.change === 0 ? null : rest / attribution.change),
          "",
        ],
        rest: true,
      },
    ],
    note: "The Δ self rows add up to the cell's change; inclusive costs (callees included) are " +
      "shown beside, not summed. ≤ x: under that side's 99% profile cut.",
  };
}

function pythonLine(fn: PythonFunctionChange, lines: boolean): AttributionLine {
  return {
    name: fn.name,
    where: `${fn.file}:${fn.line}`,
    figures: [
      `${formatPerRecord(fn.baselineCalls)} → ${formatPerRecord(fn.currentCalls)}`,
      formatPerRecordChange(fn.callChange),
      lines ? `${formatPerRecord(fn.baselineLines)} → ${formatPerRecord(fn.currentLines)}` : "—",
      lines ? formatPerRecordChange(fn.lineChange) : "—",
      formatChange(fn.lineShare),
    ],
    rest: false,
  };
}

function pythonTable(attribution: PythonAttribution, top: number): AttributionTable {
  if (attribution.status !== "ok") {
    return {
      title: "Python functions",
      columns: PY_COLUMNS,
      lines: [],
      note: `no Python-level diff: ${attribution.reason}`,
    };
  }
  const shown = attribution.functions.slice(0, top);
  const restCalls = remainder(attribution.callChange, shown.map((f) => f.callChange), null);
  const restLines = remainder(attribution.lineChange, shown.map((f) => f.lineChange), null);
  const restCount = attribution.functionsCompared - shown.length;
  return {
    title: `Python functions, calls and line events per record (one pass, never timed): ${
      formatPerRecord(attribution.baseline.lines)
    } → ${formatPerRecord(attribution.current.lines)} lines (${
      formatPerRecordChange(attribution.lineChange)
    }), ${formatPerRecord(attribution.baseline.calls)} → ${
      formatPerRecord(attribution.current.calls)
    } calls`,
    columns: PY_COLUMNS,
    lines: [
      ...shown.map((fn) => pythonLine(fn, attribution.lines)),
      {
        name: `everything else (${restCount} function${restCount === 1 ? "" : "s"})`,
        where: "",
        figures: [
          "",
          formatPerRecordChange(restCalls),
          "",
          attribution.lines ? formatPerRecordChange(restLines) : "—",
          formatChange(
            attribution.lines && attribution.lineChange !== 0
              ? restLines / attribution.lineChange
              : null,
          ),
        ],
        rest: true,
      },
    ],
    note: "Lines: a function's own executed lines (line events), callees not included.",
  };
}

function verdictText(row: CompareRow): string {
  return row.verdict === "regressed" && row.severity !== null
    ? `regressed (${row.severity})`
    : row.verdict;
}

/** The flagged instruction rows of a comparison with their top `top` functions per table. */
export function attributionViews(result: CompareResult, top: number): AttributionView[] {
  return result.rows
    .filter((row) => row.attribution !== undefined)
    .map((row) => ({
      cell: row.id.replace(/:[A-Za-z]+$/, ""),
      verdict: verdictText(row),
      change: `${formatRowChange(row)} instructions/record`,
      callgrind: callgrindTable(row.attribution!.callgrind, top),
      python: row.attribution!.python === null ? null : pythonTable(row.attribution!.python, top),
    }));
}
