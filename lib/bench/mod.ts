/**
 * Measurement: the Python runner and its protocol, the interleaved schedule, the journal, and
 * `run` as functions.
 *
 * - `resolveRunOptions()` → `prepareRun()` (plan and estimate, nothing started) →
 *   `runBenchmark()` (datasets checked, environments ready, schedule measured with a journal,
 *   RunRecord assembled).
 * - `runSchedule()` executes a plan: per planned (round, environment, scenario) one call of
 *   `measureScenarioInProcess(env, dataset, cells, settings, {signal, shouldStop, onCell})`, which
 *   starts a fresh process (more when one hangs or dies) and returns one `CellOutcome` per finished
 *   cell; `loops: null` in a cell's first process, the returned loops afterwards.
 * - `CellAccumulator` folds a cell's outcomes over rounds into a `MeasuredCell`.
 * - `measureMemory()` runs the untimed memory requests in fresh processes.
 * - `calibrate` measures a target and its slowed copy in one process: two `CellPlan`s with the
 *   same target, `slowdown: 0` and `slowdown: f`, distinct `key`s and the same `loops`.
 */

export * from "./protocol.ts";
export {
  PythonNotFoundError,
  RUNNER_FILE_NAME,
  RUNNER_SOURCE,
  RunnerFailure,
  type RunnerFailureKind,
  RunnerProcess,
  type RunnerProcessOptions,
} from "./runner_process.ts";
export {
  type CellOutcome,
  type CellOutcomeFailed,
  type CellOutcomeOk,
  type CellPlan,
  type DatasetRef,
  keyOf,
  type MeasureHooks,
  measureMemory,
  measureScenarioInProcess,
  type MemoryOutcome,
  MIN_START_TIMEOUT_SECONDS,
  probeEnvironment,
  type ProcessRun,
  type ProcessSettings,
  type RunnerEnvironment,
} from "./measure_scenario.ts";
export { CellAccumulator, type CellIdentity } from "./cell_accumulator.ts";
export { resolveScenarioSettings, type ScenarioMeasureSettings } from "./measure_settings.ts";
export { environmentInfoFromHello } from "./environment_info.ts";
export { buildRunRecord, type RunRecordParts } from "./build_run_record.ts";
export { cellId, type PlannedProcess, planSchedule } from "./schedule/plan_schedule.ts";
export {
  runSchedule,
  type ScheduledCell,
  type ScheduledScenario,
  type ScheduleEvent,
  type ScheduleHooks,
  type ScheduleInput,
  type ScheduleResult,
  ScheduleState,
} from "./run_schedule.ts";
export {
  type JournalContents,
  type JournalEntry,
  journalFileName,
  type JournalHeader,
  JournalWriter,
  readJournal,
} from "./journal.ts";
export { type DurationEstimate, estimateDuration } from "./estimate_duration.ts";
export { formatDuration } from "../_common/format.ts";
export {
  type BenchmarkContext,
  type BenchmarkHooks,
  type BenchmarkRun,
  DEFAULT_SUITE,
  estimateRun,
  optionsFromJournal,
  parseShard,
  plannedMeasurements,
  type PreparedRun,
  prepareRun,
  type ResolvedRunOptions,
  resolveRunOptions,
  runBenchmark,
  type RunOptions,
  scheduledCells,
  shardScenarios,
} from "./run_benchmark.ts";
export type { RunUnit } from "./run_unit.ts";
export { renderRunTable, type RunTableExtras } from "../report/render_run_table.ts";
export { HIGH_CV, runWarnings } from "./run_warnings.ts";
