/**
 * datason-bench: benchmarks DataSON against the Python serializers it competes with.
 * The only place that calls Deno.exit.
 */

import { EXIT_INTERRUPTED } from "./lib/_common/errors.ts";
import { denoIo } from "./lib/cli/io.ts";
import { runCli } from "./lib/cli/run_cli.ts";
import { COMMANDS } from "./lib/commands/mod.ts";

if (import.meta.main) {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) Deno.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
  const code = await runCli(Deno.args, denoIo(), { commands: COMMANDS, signal: controller.signal });
  Deno.exit(code);
}
