import assert from "node:assert/strict";
import { StderrLog } from "../../lib/bench/stderr_log.ts";

Deno.test("StderrLog takes request marks out of the stream, even when a chunk cuts one in two", () => {
  const log = new StderrLog(1000);
  let seen = "";
  for (const chunk of ["before\u0000ds", "b:1", "\u0000during one\n\u0000dsb:2\u0000", "two\n"]) {
    seen += log.push(chunk);
  }
  seen += log.end();
  assert.equal(seen, "beforeduring one\ntwo\n");
  assert.equal(log.tail, "beforeduring one\ntwo\n");
  assert.equal(log.since(1, 0), "during one\ntwo\n");
  assert.equal(log.since(2, 0), "two\n");
});

Deno.test("StderrLog falls back to the position when the request was sent if its mark never came", () => {
  const log = new StderrLog(1000);
  log.push("earlier\n");
  const sentAt = log.total;
  log.push("Fatal Python error: Segmentation fault\n");
  assert.equal(log.since(7, sentAt), "Fatal Python error: Segmentation fault\n");
});

Deno.test("StderrLog keeps NULs that are not marks as text and caps the tail", () => {
  const log = new StderrLog(8);
  assert.equal(log.push("a\u0000b"), "a\u0000b");
  assert.equal(log.push("\u0000dsb:x\u0000!"), "\u0000dsb:x\u0000!");
  assert.equal(log.tail.length, 8);
  assert.equal(log.push("\u0000dsb:" + "9".repeat(40)), "\u0000dsb:" + "9".repeat(40));
});
