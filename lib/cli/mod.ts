export * from "./command.ts";
export * from "../_common/errors.ts";
export { denoIo, type Io, MemoryIo } from "./io.ts";
export { createLogger, useColor } from "./logger.ts";
export { type Logger } from "../_common/logger.ts";
export { createProgress, type Progress } from "./progress.ts";
export { type JsonDocument, writeJsonDocument } from "./output.ts";
export { runCli } from "./run_cli.ts";
export { didYouMean, suggest } from "../_common/suggest.ts";
