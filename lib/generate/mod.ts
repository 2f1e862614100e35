export { createRng, type Rng, xoshiro128StarStar } from "../_common/prng.ts";
export * from "./manifest.ts";
export { ManifestError, parseManifest, REGENERATE_HINT } from "./parse_manifest.ts";
export { manifestPath, readManifest, tryReadManifest } from "./read_manifest.ts";
export {
  checkDatasets,
  type DatasetFileStatus,
  describeDatasetStatus,
  verifyDatasetFile,
  verifyDatasets,
} from "./verify_datasets.ts";
export { type DatasetRecord, type OpenDataset, openDataset } from "./read_dataset.ts";
export * from "./typed_values.ts";
export {
  inspectTypedValues,
  type TypedValueInspection,
  type TypedValueProblem,
} from "./inspect_typed_values.ts";
export { type RecordGenerator, type Scenario, type Tier, TIERS } from "./scenario.ts";
export { GENERATOR_VERSION } from "./generator_version.ts";
export {
  type Fitted,
  fitToSize,
  type RecordBuilder,
  SizeFitError,
  withFreshStreams,
} from "./fit_to_size.ts";
export { fitRows, type RowFitOptions } from "./fit_rows.ts";
export { JsonText, recordJson } from "./json_text.ts";
export { logUniformInt } from "./log_uniform.ts";
export { utf8ByteLength } from "./utf8_byte_length.ts";
export {
  createScenarioFaker,
  type GeneratedRecord,
  generateRecord,
  recordStreamLabel,
} from "./generate_record.ts";
export {
  datasetHeader,
  GenerationInterrupted,
  type PendingDataset,
  writeDatasetFile,
} from "./write_dataset.ts";
export {
  generateDatasets,
  type GenerateDatasetsOptions,
  type GenerateEvent,
  type GenerateResult,
  prepareOutputDir,
  renderManifest,
  type ScenarioOutcome,
} from "./generate_datasets.ts";
