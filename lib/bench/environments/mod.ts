/**
 * Python environments: the virtual environments declared in the config (`environments`), built by
 * `setup` under `<work.dir>/envs/<name>/` and reused while their requirements hash matches.
 *
 * `run` calls `ensureEnvironments(config, names, log, {signal})`, starts each ready environment's
 * `environment.python`, and stores `toEnvironmentInfo(environment, helloLibraries)` in the
 * RunRecord; a `failed` outcome is reported once (already logged) and its cells are not measured.
 */

export { ensureEnvironments, type EnsureOptions } from "./ensure_environments.ts";
export {
  environmentDir,
  resolveEnvironment,
  type ResolveOptions,
  venvPython,
} from "./resolve_environment.ts";
export { toEnvironmentInfo } from "./environment_info.ts";
export {
  type EnvironmentDescription,
  type EnvironmentOutcome,
  EnvironmentSetupError,
  type ResolvedEnvironment,
} from "./types.ts";
export {
  chooseInstaller,
  findOnPath,
  type Installer,
  INSTALLER_ENV_VAR,
  type InstallerChoice,
  parseInstallerChoice,
} from "./choose_installer.ts";
export {
  type InterpreterDescription,
  type InterpreterProbe,
  ProbeError,
  probeInterpreter,
} from "./probe_interpreter.ts";
export { hashLocalRequirement, type LocalRequirementHash } from "./hash_local_requirement.ts";
export { findFailedRequirements, requirementName } from "./find_failed_requirements.ts";
export { type InstallerKind, STAMP_FILE_NAME } from "./stamp.ts";
