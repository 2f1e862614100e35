import assert from "node:assert/strict";
import { renderTrendsMarkdown } from "../../lib/report/render_trends_markdown.ts";
import { renderTrendsText } from "../../lib/report/render_trends_text.ts";
import { analyzeTrends } from "../../lib/trends/analyze_trends.ts";
import { countedRecord } from "../trends/counted_fixtures.ts";
import { trendOptions, weekly } from "../trends/trend_fixtures.ts";

const OPTIONS = trendOptions(7);

/**
 * 10 weeks: a +2% instruction step at week 4 with a new DataSON whose version string carries a
 * terminal escape and a bidirectional control; Valgrind 3.19.0 → 3.22.0 at week 7 (+1%).
 */
function result() {
  const records = Array.from({ length: 10 }, (_, week) => {
    const count = week < 4 ? 1e6 : week < 7 ? 1.02e6 : 1.0302e6;
    return countedRecord({
      startedAt: weekly("2026-03-02T02:00:00.000Z", week),
      datason: week < 4 ? "0.13.0" : "0.14.0\u001b]0;pwned\u0007\u202e",
      valgrind: week < 7 ? "3.19.0" : "3.22.0",
      cells: [{ target: "datason", ns: 4000, instructions: [count, count, count] }],
    });
  });
  return analyzeTrends(records, OPTIONS);
}

Deno.test("trends text names the measure of each finding and escapes what the records carry", () => {
  const text = renderTrendsText(result());
  assert.match(text, /3 series \(2 of instruction counts\)/);
  assert.match(
    text,
    /\+2\.0% {2}datason · api_fast · serialize · instructions\/record {2}\[competitive\]\n {6}instructions per record \(median of layouts\): 1\.00 M → 1\.02 M; change point; DataSON 0\.13\.0 → 0\.14\.0\\x1b\]0;pwned\\x07\\u202e/,
  );
  // The Valgrind upgrade is an environment shift of the instruction series, not a finding.
  assert.match(
    text,
    /instructions {2}slower {5}\+1\.0% {2}2\/2 series .* Valgrind 3\.19\.0 → 3\.22\.0/,
  );
  assert.match(
    text,
    /environment step 2026-04-20 \+1\.0% \(1\.02 M → 1\.03 M\): Valgrind 3\.19\.0 → 3\.22\.0/,
  );
  // No raw control character reaches the terminal.
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
});

Deno.test("trends Markdown lists instruction findings with their measure and shifts with their series", () => {
  const markdown = renderTrendsMarkdown(result());
  assert.match(
    markdown,
    /\| 2026-03-30 \| \+2\.0% \| instructions per record \(median of layouts\) \| datason · api\\_fast · serialize · instructions\/record \|/,
  );
  assert.match(markdown, /\| 2026-04-20 \| instructions \| slower \| \+1\.0% \| 2\/2 \|/);
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(markdown, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
});

Deno.test("trends JSON carries each series' and finding's measure", () => {
  const json = JSON.parse(JSON.stringify(result()));
  const ids = json.series.map((s: { id: string; measure: string }) => `${s.id} ${s.measure}`);
  assert.deepEqual(ids.sort(), [
    "competitive/api_fast/datason/default/serialize nsPerRecord",
    "competitive/api_fast/datason/default/serialize:estimatedCyclesPerRecord estimatedCyclesPerRecord",
    "competitive/api_fast/datason/default/serialize:instructionsPerRecord instructionsPerRecord",
  ]);
  assert.deepEqual(
    json.findings.regressions.map((f: { measure: string }) => f.measure).sort(),
    ["estimatedCyclesPerRecord", "instructionsPerRecord"],
  );
  assert.equal(json.settings.instructionMinChange, 0.005);
});
