/**
 * The run journal (JSON Lines, schema `datason-bench/journal@1`), written next to the results while
 * a run measures: a header with everything needed to resume (options, seed, settings, datasets,
 * the planned schedule), then one line per finished cell, per finished process, per memory
 * measurement and per instruction count (and per finished Valgrind process), each written and flushed to disk before the run goes on. `run --resume JOURNAL`
 * replays it and measures only what is missing; a kill at any moment loses at most the cell in
 * progress (a torn last line is ignored). When a run stopped early stores its incomplete record,
 * the journal notes it (`record`), so the record of the resumed run replaces it.
 *
 * Journal names carry the start second and a random suffix and are created exclusively: runs
 * started in the same second into one results folder each get their own journal.
 */

import { join } from "node:path";
import { InputError } from "../_common/errors.ts";
import type { DataTier, MeasureKind } from "../_common/vocabulary.ts";
import { parseJsonText } from "../_common/parse_json_text.ts";
import type { DatasetInfo, EnvironmentInfo, Pairing } from "../results/run_record.ts";
import type { CountOutcome } from "./count_scenario.ts";
import type { CellOutcome, MemoryOutcome } from "./measure_scenario.ts";
import type { ScenarioMeasureSettings } from "./measure_settings.ts";
import type { RunUnit } from "./run_unit.ts";
import type { PlannedProcess } from "./schedule/plan_schedule.ts";

export const JOURNAL_SCHEMA = "datason-bench/journal@1";

export interface JournalHeader {
  type: "header";
  schema: typeof JOURNAL_SCHEMA;
  startedAt: string;
  configHash: string;
  /** Absolute path of the config file the run started with; null for the embedded defaults. */
  configPath?: string | null;
  profile: string;
  suites: string[];
  scenarios: string[];
  environments: string[];
  /** Every (suite, environment, scenario, target, operation) the run measures. */
  units: RunUnit[];
  dataDir: string;
  outDir: string;
  shard: { index: number; count: number } | null;
  /** `--measures` when given (null = the profile's); absent in older journals. */
  measures?: MeasureKind[] | null;
  /** How the run's two sides were timed (`--pairing` or the profile's); absent: `process`. */
  pairing?: Pairing;
  seed: number;
  settings: Record<string, ScenarioMeasureSettings>;
  datasets: Record<string, DatasetInfo>;
  plan: PlannedProcess[];
}

/**
 * Entries of a process's work name its (environment, scenario, tier); `tier` is absent in
 * journals written before the JSON tier (typed).
 */
export type JournalEntry =
  | JournalHeader
  | { type: "environment"; name: string; info: EnvironmentInfo }
  | {
    type: "cell";
    round: number;
    environment: string;
    scenario: string;
    tier?: DataTier;
    outcome: CellOutcome;
  }
  | {
    type: "process";
    round: number;
    environment: string;
    scenario: string;
    tier?: DataTier;
    cells: string[];
    seconds: number;
    group?: string;
  }
  | {
    type: "memory";
    /** The round of the timing process that took it (absent in journals before: one process). */
    round?: number;
    environment: string;
    scenario: string;
    tier?: DataTier;
    outcome: MemoryOutcome;
  }
  | { type: "memory-done"; environment: string; scenario: string; tier?: DataTier }
  /** One cell counted in one layout's Valgrind process (the layout is in the outcome). */
  | {
    type: "count";
    environment: string;
    scenario: string;
    tier?: DataTier;
    outcome: CountOutcome;
  }
  /** A layout's Valgrind process of one (environment, scenario, tier) finished. */
  | {
    type: "count-done";
    environment: string;
    scenario: string;
    tier?: DataTier;
    layout: number;
    seconds: number;
  }
  /** An incomplete record of this run was stored (the resumed run's record replaces it). */
  | { type: "record"; runId: string; path: string };

const encoder = new TextEncoder();

/** Appends entries, each flushed to disk before `append` returns. */
export class JournalWriter {
  readonly path: string;
  #file: Deno.FsFile | null;

  private constructor(path: string, file: Deno.FsFile) {
    this.path = path;
    this.#file = file;
  }

  /** Creates a new journal (refuses to overwrite one) and writes its header. */
  static async create(path: string, header: JournalHeader): Promise<JournalWriter> {
    const file = await Deno.open(path, { write: true, createNew: true });
    const writer = new JournalWriter(path, file);
    writer.append(header);
    return writer;
  }

  /**
   * Creates a new journal in `dir` named by the run's start and a random suffix, trying another
   * suffix if the name is taken (a run started in the same second), and writes its header.
   */
  static async createIn(dir: string, header: JournalHeader): Promise<JournalWriter> {
    const startedAt = new Date(header.startedAt);
    for (let attempt = 0;; attempt++) {
      try {
        return await JournalWriter.create(join(dir, journalFileName(startedAt)), header);
      } catch (error) {
        if (!(error instanceof Deno.errors.AlreadyExists) || attempt >= 20) throw error;
      }
    }
  }

  /** Opens an existing journal to continue it (`--resume`). */
  static async reopen(path: string): Promise<JournalWriter> {
    const text = await Deno.readTextFile(path);
    const file = await Deno.open(path, { write: true, append: true });
    const writer = new JournalWriter(path, file);
    // A torn last line (killed mid-write) would glue onto the next entry: end it first.
    if (text.length > 0 && !text.endsWith("\n")) writer.#write("\n");
    return writer;
  }

  append(entry: JournalEntry): void {
    this.#write(`${JSON.stringify(entry)}\n`);
  }

  #write(text: string): void {
    if (this.#file === null) throw new Error(`journal ${this.path} is closed`);
    let bytes = encoder.encode(text);
    while (bytes.length > 0) bytes = bytes.subarray(this.#file.writeSync(bytes));
    this.#file.syncDataSync();
  }

  close(): void {
    this.#file?.close();
    this.#file = null;
  }
}

export interface JournalContents {
  header: JournalHeader;
  entries: Exclude<JournalEntry, JournalHeader>[];
  /** Lines that could not be parsed (a torn last line after a kill). */
  ignoredLines: number;
}

/** Reads a journal; a bad header is an InputError naming the file, torn lines are skipped. */
export async function readJournal(path: string): Promise<JournalContents> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    const reason = error instanceof Deno.errors.NotFound ? "no such file" : String(error);
    throw new InputError(`cannot read journal "${path}": ${reason}`, {
      hint: "pass the .journal.jsonl file an interrupted run left next to its results",
    });
  }
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  let header: JournalHeader | null = null;
  try {
    const first = parseJsonText(lines[0] ?? "") as JournalHeader | null;
    if (first?.type === "header" && first?.schema === JOURNAL_SCHEMA) header = first;
  } catch {
    header = null;
  }
  if (header === null) {
    throw new InputError(
      `cannot read journal "${path}": the first line is not a ${JOURNAL_SCHEMA} header`,
      { hint: "pass the .journal.jsonl file written by `datason-bench run`" },
    );
  }
  const entries: JournalContents["entries"] = [];
  let ignoredLines = 0;
  for (const line of lines.slice(1)) {
    try {
      const entry = parseJsonText(line) as JournalEntry | null;
      if (typeof entry?.type === "string" && entry.type !== "header") entries.push(entry);
      else ignoredLines++;
    } catch {
      ignoredLines++;
    }
  }
  return { header, entries, ignoredLines };
}

/** Appends one entry to a closed journal (after the run, e.g. that its record was stored). */
export async function appendJournalEntry(path: string, entry: JournalEntry): Promise<void> {
  const writer = await JournalWriter.reopen(path);
  try {
    writer.append(entry);
  } finally {
    writer.close();
  }
}

/**
 * `run-<startedAt>-<suffix>.journal.jsonl` (colons removed for Windows); the suffix is random
 * unless given, so two runs of the same second get different names.
 */
export function journalFileName(
  startedAt: Date,
  suffix: string = crypto.getRandomValues(new Uint32Array(1))[0].toString(16).padStart(8, "0"),
): string {
  const second = startedAt.toISOString().replaceAll(":", "").replace(/\.\d+Z$/, "Z");
  return `run-${second}-${suffix}.journal.jsonl`;
}
