import assert from "node:assert/strict";
import type { Command, OutputFormat } from "../../lib/cli/command.ts";
import { UsageError } from "../../lib/_common/errors.ts";
import { parseCommandLine } from "../../lib/cli/parse_command_line.ts";

const fake: Command = {
  name: "report",
  summary: "fake",
  flags: {
    out: { type: "string", valueName: "DIR", description: "output" },
    force: { type: "boolean", description: "overwrite" },
    scenario: { type: "string", multiple: true, description: "scenario" },
  },
  positionals: [{ name: "RUN", description: "run", optional: true }],
  formats: ["text", "json"],
  examples: ["datason-bench report"],
  run: () => Promise.resolve(0),
};
const commands = [fake];

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a UsageError");
}

Deno.test("parseCommandLine() accepts global flags before and after the command", () => {
  const before = parseCommandLine(
    ["--config", "x.json", "--quiet", "report", "--out", "site"],
    commands,
  );
  assert.equal(before.command?.name, "report");
  assert.equal(before.global.configPath, "x.json");
  assert.equal(before.global.quiet, true);
  assert.equal(before.flags.out, "site");
  const after = parseCommandLine(["report", "run.json", "--json", "--config=y.json"], commands);
  assert.equal(after.global.format, "json");
  assert.equal(after.global.configPath, "y.json");
  assert.deepEqual(after.positionals, ["run.json"]);
});

Deno.test("parseCommandLine() collects repeatable flags", () => {
  const parsed = parseCommandLine(["report", "--scenario", "a", "--scenario", "b"], commands);
  assert.deepEqual(parsed.flags.scenario, ["a", "b"]);
});

Deno.test("parseCommandLine() rejects an unknown command with a did-you-mean hint", () => {
  const error = usageError(() => parseCommandLine(["reprot"], commands));
  assert.match(error.message, /unknown command "reprot" \(did you mean "report"\?\)/);
  assert.equal(error.exitCode, 2);
});

Deno.test("parseCommandLine() rejects an unknown flag with a did-you-mean hint", () => {
  const error = usageError(() => parseCommandLine(["report", "--froce"], commands));
  assert.match(error.message, /unknown flag --froce for report \(did you mean "--force"\?\)/);
});

Deno.test("parseCommandLine() explains a flag without its value", () => {
  const error = usageError(() => parseCommandLine(["report", "--out"], commands));
  assert.match(error.message, /--out needs a value/);
});

Deno.test("parseCommandLine() rejects a format the command does not support", () => {
  const error = usageError(() => parseCommandLine(["report", "--format", "markdown"], commands));
  assert.match(error.message, /does not support --format markdown \(supported: text, json\)/);
  const bad = usageError(() => parseCommandLine(["report", "--format", "jsno"], commands));
  assert.match(bad.message, /did you mean "json"/);
});

Deno.test("parseCommandLine() rejects --json with another --format, and --quiet with --verbose", () => {
  assert.match(
    usageError(() => parseCommandLine(["report", "--json", "--format", "text"], commands)).message,
    /--json conflicts with --format text/,
  );
  assert.match(
    usageError(() => parseCommandLine(["report", "-q", "-v"], commands)).message,
    /--quiet conflicts with --verbose/,
  );
});

Deno.test("parseCommandLine() rejects extra positionals", () => {
  const error = usageError(() => parseCommandLine(["report", "a", "b"], commands));
  assert.match(error.message, /unexpected argument "b"/);
});

Deno.test("parseCommandLine() lets --help through without checking positionals", () => {
  const parsed = parseCommandLine(["report", "a", "b", "--help"], commands);
  assert.equal(parsed.help, true);
});

Deno.test("parseCommandLine() accepts --format html only for commands that list it", () => {
  const page = {
    ...commands[0],
    name: "page",
    formats: ["text", "html", "json", "markdown"] as OutputFormat[],
  };
  assert.equal(parseCommandLine(["page", "--format", "html"], [page]).global.format, "html");
  const error = usageError(() => parseCommandLine(["report", "--format", "html"], commands));
  assert.match(error.message, /does not support --format html \(supported: text, json\)/);
});
