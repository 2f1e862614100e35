/**
 * Measurement: the Python runner, its protocol, the unit of work a schedule calls per (round,
 * environment, scenario), and `run` as a function.
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
export { median, simpleSummary } from "./simple_summary.ts";
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
