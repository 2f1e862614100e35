import assert from "node:assert/strict";
import { resumeCommand } from "../../lib/bench/resume_command.ts";

Deno.test("resumeCommand() names the config unless it is the working folder's own", () => {
  assert.equal(
    resumeCommand("/w/results/run-x.journal.jsonl", "/w/conf/c.json", "/w"),
    "datason-bench run --config conf/c.json --resume results/run-x.journal.jsonl",
  );
  assert.equal(
    resumeCommand("/w/results/run-x.journal.jsonl", "/w/datason-bench.json", "/w"),
    "datason-bench run --resume results/run-x.journal.jsonl",
  );
  assert.equal(
    resumeCommand("/elsewhere/r.journal.jsonl", "/other/my config.json", "/w"),
    "datason-bench run --config '/other/my config.json' --resume /elsewhere/r.journal.jsonl",
  );
  assert.equal(
    resumeCommand("/w/r.journal.jsonl", null, "/w"),
    "datason-bench run --resume r.journal.jsonl",
  );
});
