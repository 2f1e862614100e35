/** The RunRecord's description of an environment, taken from a runner's hello. */

import type { EnvironmentInfo } from "../results/run_record.ts";
import type { HelloReply } from "./protocol.ts";

export function environmentInfoFromHello(hello: HelloReply): EnvironmentInfo {
  return {
    python: hello.python,
    implementation: hello.implementation,
    executable: hello.executable ?? null,
    ...(hello.libc ? { libc: hello.libc } : {}),
    freeze: { ...hello.freeze },
    libraries: Object.fromEntries(
      Object.entries(hello.libraries).map((
        [name, library],
      ) => [name, { version: library.version, apis: [...library.apis] }]),
    ),
  };
}
