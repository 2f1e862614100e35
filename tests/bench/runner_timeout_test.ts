/** The per-request timeout of a runner process, for any timeout the config accepts. */

import assert from "node:assert/strict";
import type { HelloReply } from "../../lib/bench/protocol.ts";
import { RunnerProcess } from "../../lib/bench/runner_process.ts";
import { testPython } from "./fixtures.ts";

Deno.test("a request whose timeout lies past setTimeout's range (2,147,484 s) waits for its reply", async () => {
  const runner = await RunnerProcess.start({ python: testPython() });
  try {
    for (const timeoutSeconds of [2_147_484, 86_400 * 365]) {
      const hello = await runner.request<HelloReply>(
        { type: "hello", protocol: 1 },
        timeoutSeconds,
      );
      assert.equal(hello.type, "hello");
    }
  } finally {
    await runner.close();
  }
});
