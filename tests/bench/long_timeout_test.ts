import assert from "node:assert/strict";
import { MAX_TIMER_MS, setLongTimeout } from "../../lib/bench/long_timeout.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("setLongTimeout() fires a short delay once", async () => {
  let calls = 0;
  setLongTimeout(() => calls++, 5);
  await sleep(60);
  assert.equal(calls, 1);
});

Deno.test("setLongTimeout() does not fire at once for delays past setTimeout's 32-bit range", async () => {
  let calls = 0;
  const cancels = [MAX_TIMER_MS + 1, 2_147_484_000, 1e15, Infinity, NaN].map((ms) =>
    setLongTimeout(() => calls++, ms)
  );
  await sleep(60);
  cancels.forEach((cancel) => cancel());
  assert.equal(calls, 0);
});

Deno.test("setLongTimeout() can be cancelled before it fires", async () => {
  let calls = 0;
  const cancel = setLongTimeout(() => calls++, 20);
  cancel();
  await sleep(60);
  assert.equal(calls, 0);
});
