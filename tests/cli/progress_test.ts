import assert from "node:assert/strict";
import { MemoryIo } from "../../lib/cli/io.ts";
import { createProgress, renderProgressLine } from "../../lib/cli/progress.ts";

Deno.test("createProgress() draws nothing when stderr is not a terminal", () => {
  const io = new MemoryIo({ tty: false });
  const bar = createProgress(io, { total: 3, label: "generate" });
  bar.tick();
  bar.tick(2);
  bar.done();
  assert.equal(io.err, "");
  assert.equal(io.out, "");
});

Deno.test("createProgress() draws on a terminal, on stderr only, and honours --quiet", () => {
  const io = new MemoryIo({ tty: true });
  const bar = createProgress(io, { total: 2, label: "run", now: () => 0 });
  bar.tick(2, "api_fast");
  assert.match(io.err, /run \[.*\] 2\/2 100% 0:00 api_fast/);
  assert.equal(io.out, "");
  const quiet = new MemoryIo({ tty: true });
  createProgress(quiet, { total: 2, label: "run", quiet: true }).tick(2);
  assert.equal(quiet.err, "");
});

Deno.test("createProgress() uses no colour when NO_COLOR is set", () => {
  const colored = new MemoryIo({ tty: true });
  createProgress(colored, { total: 1, label: "x", now: () => 0 }).tick();
  assert.ok(colored.err.includes("\x1b[36m"));
  const plain = new MemoryIo({ tty: true, env: { NO_COLOR: "1" } });
  createProgress(plain, { total: 1, label: "x", now: () => 0 }).tick();
  assert.ok(!plain.err.includes("\x1b[36m"));
});

Deno.test("renderProgressLine() shows position, percentage and elapsed time", () => {
  assert.equal(
    renderProgressLine(1, 4, "gen", "", 65_000, false),
    "gen [######..................] 1/4 25% 1:05",
  );
});
