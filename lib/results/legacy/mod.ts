/** Import of the predecessor's (danielendler/datason-benchmarks) result files. */

export { convertApiModes } from "./api_modes.ts";
export { convertEnhancedCompetitive } from "./enhanced_competitive.ts";
export { convertCompetitive } from "./competitive.ts";
export { convertQuick } from "./quick.ts";
export { convertConfigurations } from "./configurations.ts";
export { convertVersioning } from "./versioning.ts";
export { convertPrOptimizedTiered } from "./pr_optimized_tiered.ts";
export { detectLegacyFormat, type LegacyDetection } from "./detect_legacy_format.ts";
export {
  convertLegacyDocument,
  LEGACY_TOOL_NAME,
  legacyContentKey,
  type LegacyFileConversion,
} from "./convert_legacy_file.ts";
export {
  type DuplicateFile,
  type ImportedRun,
  importLegacyDir,
  type LegacyImportOptions,
  type LegacyImportReport,
  type LegacyImportResult,
  type SkippedFile,
} from "./import_legacy_dir.ts";
export { parseLegacyTimestamp, timestampFromFileName } from "./legacy_time.ts";
export {
  LEGACY_ENVIRONMENT,
  LEGACY_FORMATS,
  type LegacyConversion,
  type LegacyFormat,
  type LegacyFormatInfo,
} from "./legacy_types.ts";
