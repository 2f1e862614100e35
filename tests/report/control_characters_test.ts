/**
 * Escape sequences and bidirectional controls from a benchmarked library's exception message or a
 * stored record (a target name, a library version) never reach the terminal as they are: the run
 * table, compare, trends and the warnings on stderr show them as visible escapes. The PR comment
 * and the site drop the bidirectional controls.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  jsonText,
  markupText,
  terminalCell,
  terminalLine,
  terminalText,
} from "../../lib/report/control_characters.ts";
import { renderRunTable } from "../../lib/report/render_run_table.ts";
import { saveRunRecord } from "../../lib/results/store.ts";
import type { MeasuredRunRecord } from "../../lib/results/run_record.ts";
import { runInProcess } from "../generate/helpers.ts";
import { fixtureCell, fixtureRunRecord } from "../helpers/run_record_fixture.ts";
import { tempDir } from "../helpers/run_cli.ts";

/** Window title, clear screen, a clipboard write (OSC 52), a C1 CSI, and bidi overrides. */
const EVIL = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\u009b31m\u202eevil\u2066x\u2069\u200f";
const UNSAFE =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function assertClean(text: string, where: string): void {
  const found = UNSAFE.exec(text);
  assert.equal(
    found,
    null,
    `${where}: raw U+${found?.[0].charCodeAt(0).toString(16).padStart(4, "0")} in ${
      JSON.stringify(text.slice(Math.max(0, (found?.index ?? 0) - 40), (found?.index ?? 0) + 40))
    }`,
  );
}

function evilRecord(startedAt: string, options: { broken: boolean }): MeasuredRunRecord {
  const base = fixtureRunRecord({ startedAt });
  const env = base.environments.default;
  return fixtureRunRecord({
    startedAt,
    environments: {
      default: {
        ...env,
        python: options.broken ? `3.11.7${EVIL}` : "3.11.7",
      },
    },
    schedule: [
      { round: 0, environment: "default", scenario: "api_fast", cells: ["orjson/serialize"] },
      { round: 1, environment: "default", scenario: "api_fast", cells: ["orjson/serialize"] },
    ],
    cells: [
      fixtureCell({ target: `evil${EVIL}` }),
      options.broken
        ? fixtureCell({
          status: "error",
          nsPerRecord: [],
          rounds: [],
          summary: null,
          fidelity: null,
          error: { type: "ValueError", message: `\n${EVIL}boom\nsecond line` },
        })
        : fixtureCell(),
    ],
  });
}

Deno.test("the run table shows a library's escape sequences and bidi controls as visible text", () => {
  const text = renderRunTable(evilRecord("2026-11-23T02:00:00.000Z", { broken: true }));
  assertClean(text, "run table");
  assert.match(text, /\\x1b\]0;pwned\\x07/);
  assert.match(text, /\\u202eevil/);
});

Deno.test("an error message that starts with a line break shows its first non-empty line", () => {
  const record = evilRecord("2026-11-23T02:00:00.000Z", { broken: true });
  record.cells[1].error!.message = "\n\n  ValueError: the real reason\ntraceback …";
  const text = renderRunTable(record);
  assert.match(text, /error — ValueError: ValueError: the real reason\n/);
});

Deno.test("compare and trends print no raw control characters on stdout or stderr", async () => {
  await using dir = await tempDir();
  const results = join(dir.path, "data", "results");
  await saveRunRecord(results, evilRecord("2026-11-16T02:00:00.000Z", { broken: false }));
  await saveRunRecord(results, evilRecord("2026-11-23T02:00:00.000Z", { broken: true }));
  const compare = await runInProcess(
    ["compare", "--baseline", join(results, "2026-11-16"), "--current", results],
    dir.path,
  );
  assert.ok(compare.code === 0 || compare.code === 1, compare.stderr);
  assertClean(compare.stdout, "compare stdout");
  assertClean(compare.stderr, "compare stderr");
  assert.match(compare.stdout, /status ok → error: ValueError: \\x1b\]0;pwned/);
  assert.match(compare.stderr, /3\.11\.7\\x1b\]0;pwned/, "the Python note on stderr");

  const trends = await runInProcess(["trends", "--days", "all"], dir.path);
  assert.equal(trends.code, 0, trends.stderr);
  assertClean(trends.stdout, "trends stdout");
  assertClean(trends.stderr, "trends stderr");
  assert.match(trends.stdout, /evil\\x1b\]0;pwned/);

  const markdown = await runInProcess(
    [
      "compare",
      "--baseline",
      join(results, "2026-11-16"),
      "--current",
      results,
      "--format",
      "markdown",
    ],
    dir.path,
  );
  assert.doesNotMatch(markdown.stdout, BIDI, "the PR comment drops bidi controls");
  assertClean(markdown.stdout.replaceAll("\n", " "), "PR comment");
});

Deno.test("the site and its Markdown summary drop bidirectional controls", async () => {
  await using dir = await tempDir();
  const results = join(dir.path, "results");
  await saveRunRecord(results, evilRecord("2026-11-23T02:00:00.000Z", { broken: true }));
  const report = await runInProcess(
    ["report", "--results", "results", "--out", "site"],
    dir.path,
  );
  assert.equal(report.code, 0, report.stderr);
  const html = await Deno.readTextFile(join(dir.path, "site", "index.html"));
  assert.doesNotMatch(html, BIDI, "index.html");
  assert.ok(!html.includes("\x1b"), "index.html has no ESC");
  assert.match(html, /evil/);
  const summary = await Deno.readTextFile(join(dir.path, "site", "summary.md"));
  assert.doesNotMatch(summary, BIDI, "summary.md");
});

Deno.test("the filter: visible escapes for terminals, removal for markup, the same values in JSON", () => {
  assert.equal(terminalText("a\x1b[2Jb\tc\rd\ne\u202ef"), "a\\x1b[2Jb\\tc\\rd\ne\\u202ef");
  assert.equal(terminalLine("\n \r\n  first\u2066 line \nsecond"), "first\\u2066 line");
  assert.equal(terminalCell(" one\n\n two \n"), "one two");
  assert.equal(markupText("a\u202eb\u2067c\x1bd\ne\x9bf"), "abc d\ne f");
  const value = { text: `x${EVIL}\u2028y` };
  const json = jsonText(JSON.stringify(value));
  assertClean(json, "JSON");
  assert.deepEqual(JSON.parse(json), value);
});
