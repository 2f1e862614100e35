/** Flags every command accepts. */

import type { FlagSpec } from "./command.ts";

export const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  config: {
    type: "string",
    valueName: "FILE",
    description: "Config file (default ./datason-bench.json, else the embedded defaults)",
  },
  format: {
    type: "string",
    valueName: "FORMAT",
    description: "Output format: text, json, markdown or html (what the command supports)",
  },
  json: {
    type: "boolean",
    description: "Same as --format json: exactly one JSON document on stdout",
  },
  quiet: { type: "boolean", short: "q", description: "Only warnings and errors on stderr" },
  verbose: { type: "boolean", short: "v", description: "Debug output on stderr" },
  help: { type: "boolean", short: "h", description: "Show help" },
  version: { type: "boolean", short: "V", description: "Show the tool and Deno versions" },
};
