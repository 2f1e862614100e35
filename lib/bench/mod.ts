/**
 * Measurement: the Python runner, its protocol, the unit of work a schedule calls per (round,
 * environment, scenario), and `run` as a function.
 *
 * - A schedule calls `measureScenarioInProcess(env, dataset, cells, settings, {signal, onCell})`
 *   once per (round, environment, scenario) with the cells in the order it wants; it starts a fresh
 *   process (more when one hangs or dies) and returns one `CellOutcome` per finished cell, each also
 *   passed to `onCell` as it finishes (a journal appends there). Pass `loops: null` in round 1 and
 *   the returned `loops` afterwards; `fidelity: false` once a cell's fidelity is known.
 * - `CellAccumulator` folds a cell's outcomes over rounds (`addOutcome(round, outcome)`, also when
 *   replaying a journal) and memory (`addMemory`) into a `MeasuredCell`; `finished` says a failure
 *   ended the cell.
 * - `measureMemory(env, dataset, cells, settings)` runs the untimed memory requests in fresh
 *   processes (one per target on Linux, one per cell elsewhere).
 * - `calibrate` measures a target and its slowed copy in one process: two `CellPlan`s with the same
 *   target, `slowdown: 0` and `slowdown: f`, distinct `key`s and the same `loops`.
 * - `RunnerProcess` is the raw process (requests, timeout, crash detection) for anything else.
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
export { checkDataset, type CheckedDataset, readDatasetManifest } from "./check_dataset.ts";
export { environmentInfoFromHello } from "./environment_info.ts";
export { buildRunRecord, type RunRecordParts } from "./build_run_record.ts";
export {
  runSuiteSequential,
  type SuiteEvent,
  type SuiteHooks,
  type SuitePlan,
  type SuiteResult,
  type SuiteScenario,
} from "./run_suite.ts";
export {
  type BenchmarkContext,
  type BenchmarkRun,
  DEFAULT_SUITE,
  plannedMeasurements,
  type ResolvedRunOptions,
  resolveRunOptions,
  runBenchmark,
  type RunOptions,
} from "./run_benchmark.ts";
export { formatBytes, formatNs, renderRunTable, type RunTableExtras } from "./render_run_table.ts";
