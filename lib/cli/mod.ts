export * from "./command.ts";
export * from "./errors.ts";
export { denoIo, type Io, MemoryIo } from "./io.ts";
export { createLogger, type Logger, useColor } from "./logger.ts";
export { createProgress, type Progress } from "./progress.ts";
export { type JsonDocument, writeJsonDocument } from "./output.ts";
export { runCli } from "./run_cli.ts";
export { didYouMean, suggest } from "./suggest.ts";
