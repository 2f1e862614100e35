export * from "./types.ts";
export {
  CONFIG_FILE_NAME,
  CONFIG_SCHEMA,
  DEFAULT_CONFIG,
  isLocalRequirement,
  loadConfig,
  parseConfigText,
  resolveConfig,
} from "./load_config.ts";
export { BUILTIN_TARGETS } from "../_common/targets.ts";
export { formatJsonPath } from "../_common/json_path.ts";
export { validateSchema } from "../_common/validate_schema.ts";
