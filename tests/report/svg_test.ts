import assert from "node:assert/strict";
import { renderBarChart } from "../../lib/report/svg/bar_chart.ts";
import { downsample } from "../../lib/report/svg/downsample.ts";
import { renderLineChart, timeTicks } from "../../lib/report/svg/line_chart.ts";
import { niceTicks } from "../../lib/report/svg/scale.ts";

Deno.test("niceTicks() picks round steps", () => {
  assert.deepEqual(niceTicks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(0.3, 1.7, 4), [0.5, 1, 1.5]);
  assert.deepEqual(niceTicks(0, 1000, 4), [0, 250, 500, 750, 1000]);
});

Deno.test("renderBarChart() has a text alternative, escapes labels and explains missing bars", () => {
  const svg = renderBarChart({
    id: "api-fast",
    title: "api_fast <time per record>",
    description: "Serialize and deserialize time per record for 3 targets.",
    series: ["serialize", "deserialize"],
    log: true,
    categories: [
      {
        label: "datason",
        highlight: true,
        bars: [{ series: "serialize", value: 5000, lo: 4900, hi: 5200 }, {
          series: "deserialize",
          value: 7000,
        }],
      },
      {
        label: "json & co",
        bars: [{ series: "serialize", value: 800 }, {
          series: "deserialize",
          value: null,
          note: "unsupported",
        }],
      },
    ],
  });
  assert.match(svg, /role="img" aria-labelledby="api-fast-title api-fast-desc"/);
  assert.match(svg, /<title id="api-fast-title">api_fast &lt;time per record&gt;<\/title>/);
  assert.match(svg, />json &amp; co</);
  assert.match(svg, /deserialize: unsupported/);
  assert.match(svg, /class="whisker"/);
  assert.match(svg, /95% CI 4.90 µs – 5.20 µs/);
  assert.equal(
    (svg.match(/<rect class="series-/g) ?? []).length,
    2 + 3,
    "2 legend swatches, 3 bars",
  );
});

Deno.test("renderLineChart() draws series, dashed legacy lines and markers with labels", () => {
  const day = 86_400_000;
  const t0 = Date.UTC(2026, 0, 5);
  const svg = renderLineChart({
    id: "trend",
    title: "orjson serialize",
    description: "Weekly median time per record.",
    log: false,
    series: [
      {
        name: "orjson",
        points: [0, 1, 2, 3].map((i) => ({ t: t0 + i * 7 * day, value: 1000 + i })),
      },
      {
        name: "legacy",
        dashed: true,
        points: [{ t: t0, value: 900 }, { t: t0 + 7 * day, value: 950 }],
      },
    ],
    markers: [{
      t: t0 + 14 * day,
      kind: "change",
      label: "change point: +12% (orjson 3.12 → 3.13)",
    }],
  });
  assert.equal((svg.match(/<path class="line/g) ?? []).length, 2);
  assert.match(svg, /class="line series-1 dashed"/);
  assert.match(
    svg,
    /class="marker marker-change"[^>]*><title>change point: \+12% \(orjson 3.12 → 3.13\)<\/title>/,
  );
});

Deno.test("timeTicks() labels months, then years for long spans", () => {
  const ticks = timeTicks(Date.UTC(2026, 0, 15), Date.UTC(2026, 4, 1));
  assert.deepEqual(ticks.map((t) => t.label), ["Feb 26", "Mar 26", "Apr 26", "May 26"]);
  const long = timeTicks(Date.UTC(2021, 5, 1), Date.UTC(2026, 5, 1));
  assert.deepEqual(long.map((t) => t.label), ["2022", "2023", "2024", "2025", "2026"]);
});

Deno.test("downsample() keeps recent points and buckets old ones by week, then month", () => {
  const day = 86_400_000;
  const end = Date.UTC(2026, 10, 23);
  const points = Array.from(
    { length: 5 * 365 },
    (_, i) => ({ t: end - i * day, value: 100 + (i % 7) }),
  );
  const reduced = downsample(points, { now: end, keepDays: 180, monthlyAfterDays: 730 });
  const recent = reduced.filter((p) => p.t >= end - 180 * day).length;
  assert.equal(recent, 181);
  assert.ok(reduced.length < 181 + 80 + 40, `reduced to ${reduced.length}`);
  assert.ok(reduced.every((p, i) => i === 0 || p.t > reduced[i - 1].t), "sorted by time");
  assert.equal(reduced[1].value, 103, "a full monthly bucket holds the median of its values");
});

Deno.test("renderLineChart() keeps a target's colour, wraps a long legend and labels markers", () => {
  const day = 86_400_000;
  const t0 = Date.UTC(2026, 0, 5);
  const points = [0, 1, 2].map((i) => ({ t: t0 + i * 7 * day, value: 1000 + i }));
  const series = Array.from({ length: 8 }, (_, i) => ({
    name: `a-rather-long-target-name-${i}`,
    points,
    colorIndex: 9 - i,
  }));
  const svg = renderLineChart({
    id: "wrap",
    title: "wrap",
    description: "wrap",
    log: false,
    series,
    markers: [{
      t: t0 + 7 * day,
      kind: "version",
      label: "DataSON 0.12.0 → 0.13.0",
      short: "0.13.0",
    }],
  });
  assert.match(svg, /<path class="line series-9"/, "the first series takes its own colour index");
  assert.match(svg, /<path class="line series-2"/);
  const legendRows = new Set(
    [...svg.matchAll(/<text class="legend" x="[\d.]+" y="(\d+)"/g)].map((m) => m[1]),
  );
  assert.ok(legendRows.size >= 2, "eight long names do not fit on one row");
  const [, height] = /viewBox="0 0 760 (\d+)"/.exec(svg)!;
  assert.ok(Number(height) > 260, "the chart grows by the extra legend rows and the marker band");
  assert.match(
    svg,
    /<text class="marker-label marker-version" x="[\d.]+" y="\d+">0\.13\.0<\/text>/,
  );
});

Deno.test("renderBarChart() says once why a category has no bars at all", () => {
  const svg = renderBarChart({
    id: "once",
    title: "once",
    description: "once",
    series: ["serialize", "deserialize"],
    log: false,
    categories: [
      {
        label: "datason",
        bars: [{ series: "serialize", value: 10 }, { series: "deserialize", value: 12 }],
      },
      {
        label: "json",
        bars: [
          { series: "serialize", value: null, note: "unsupported" },
          { series: "deserialize", value: null, note: "unsupported" },
        ],
      },
    ],
  });
  assert.equal((svg.match(/class="missing"/g) ?? []).length, 1);
  assert.match(svg, />unsupported \(serialize and deserialize\)</);
});
