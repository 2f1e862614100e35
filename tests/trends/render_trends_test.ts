import assert from "node:assert/strict";
import { analyzeTrends } from "../../lib/trends/analyze_trends.ts";
import { renderTrendsText as formatTrendsText } from "../../lib/report/render_trends_text.ts";
import { formatChange, formatNs } from "../../lib/_common/format.ts";
import {
  buildTrendsMarkdownModel,
  renderTrendsMarkdown,
} from "../../lib/report/render_trends_markdown.ts";
import { createRng, measuredRecord, normal, trendOptions, weekly } from "./trend_fixtures.ts";

const OPTIONS = trendOptions(1);

function history(weeks: number) {
  const rng = createRng(5, "render");
  return Array.from({ length: weeks }, (_, week) =>
    measuredRecord({
      startedAt: weekly("2026-01-05T02:00:00.000Z", week),
      datason: week >= 30 ? "0.13.0" : "0.12.0",
      cells: [
        {
          scenario: "api_fast",
          target: "datason",
          value: 4200 * (week >= 30 ? 1.2 : 1) * Math.exp(0.02 * normal(rng)),
        },
        { scenario: "edge|cases", target: "orjson", value: 800 * Math.exp(0.02 * normal(rng)) },
      ],
    }));
}

Deno.test("formatNs() and formatChange() print units and signs", () => {
  assert.equal(formatNs(812), "812 ns");
  assert.equal(formatNs(4580), "4.58 µs");
  assert.equal(formatNs(1.234e6), "1.23 ms");
  assert.equal(formatNs(null), "—");
  assert.equal(formatChange(0.1234), "+12.3%");
  assert.equal(formatChange(-0.321), "−32.1%");
});

Deno.test("renderTrendsMarkdown() draws Mermaid xychart-beta charts of the key series", () => {
  const markdown = renderTrendsMarkdown(analyzeTrends(history(60), OPTIONS));
  assert.match(markdown, /^# Performance trends\n/);
  assert.match(
    markdown,
    /\| \d{4}-\d\d-\d\d \| \+\d+\.\d% \| time per record \(median\) \| datason · api\\_fast · serialize \|/,
  );
  assert.match(markdown, /DataSON 0\\\.12\\\.0 → 0\\\.13\\\.0/); // escaped: 0\.12\.0
  const chart = /```mermaid\n(xychart-beta\n[^`]+)```/.exec(markdown);
  assert.ok(chart, "a mermaid block");
  const lines = chart[1].trim().split("\n");
  assert.equal(lines[0], "xychart-beta");
  assert.match(lines[1], /^ {4}title "datason · api_fast · serialize \[competitive\]"$/);
  const labels = /x-axis \[(.*)\]/.exec(chart[1])![1].split(", ");
  const values = /line \[(.*)\]/.exec(chart[1])![1].split(", ").map(Number);
  assert.equal(labels.length, 40); // 60 weekly points down-sampled to 40 bucket medians
  assert.equal(values.length, 40);
  assert.ok(values.every((v) => v > 3.5 && v < 5.5), "µs values");
  assert.match(chart[1], /y-axis "µs per record \(median\)"/);
  // Untrusted names are escaped in tables: the scenario "edge|cases" cannot break a row.
  assert.match(markdown, /orjson · edge\\\|cases · serialize/);
});

Deno.test("buildTrendsMarkdownModel() has no chart and a clear summary without runs", () => {
  const model = buildTrendsMarkdownModel(analyzeTrends([], OPTIONS));
  assert.equal(model.hasRuns, false);
  assert.deepEqual(model.charts, []);
  assert.equal(model.summary, "No runs in the results folder.");
});

Deno.test("formatTrendsText() lists findings, change points and series", () => {
  const text = formatTrendsText(analyzeTrends(history(40), OPTIONS));
  assert.match(
    text,
    /^trends 2026-01-05 → 2026-10-05 \(whole history\): 40 runs \(40 measured, 0 imported\), 2 series\n/,
  );
  assert.match(
    text,
    /regressions:\n {4}2026-08-03 {2}\+\d+\.\d% {2}datason · api_fast · serialize {2}\[competitive\]\n/,
  );
  assert.match(text, /change point; DataSON 0\.12\.0 → 0\.13\.0/);
  assert.match(text, /improvements: none/);
  assert.equal(
    formatTrendsText(analyzeTrends([], OPTIONS)),
    "trends: no runs in the results folder (run `datason-bench run` or `import` first)\n",
  );
});
