/**
 * Horizontal grouped bar chart with confidence-interval whiskers, as inline SVG. Colours come from
 * CSS classes (`series-0`, `series-1`, …) so the page's light and dark themes apply. The chart
 * carries a `<title>` and `<desc>` as its text alternative.
 */

import { escapeXml } from "./escape_xml.ts";
import { formatNs } from "../../_common/format.ts";
import { linearScale, logScale } from "./scale.ts";

export interface BarValue {
  series: string;
  /** Null when there is no value (failed, unsupported …); `note` says why. */
  value: number | null;
  lo?: number;
  hi?: number;
  note?: string;
}

export interface BarCategory {
  label: string;
  /** Drawn in bold (DataSON's own targets). */
  highlight?: boolean;
  bars: BarValue[];
}

export interface BarChartModel {
  id: string;
  title: string;
  /** Text alternative: what the chart shows, in one or two sentences. */
  description: string;
  series: string[];
  categories: BarCategory[];
  log: boolean;
  format?: (value: number) => string;
}

const WIDTH = 760;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 90;
const BAR_HEIGHT = 12;
const GAP = 10;
const TOP = 28;
const AXIS = 22;

export function renderBarChart(model: BarChartModel): string {
  const format = model.format ?? formatNs;
  const values = model.categories.flatMap((c) =>
    c.bars.flatMap((b) => (b.value === null ? [] : [b.value, b.lo ?? b.value, b.hi ?? b.value]))
  ).filter((v) => Number.isFinite(v) && (!model.log || v > 0));
  const plotLeft = LABEL_WIDTH;
  const plotRight = WIDTH - VALUE_WIDTH;
  const rowHeight = model.series.length * BAR_HEIGHT + GAP;
  const height = TOP + model.categories.length * rowHeight + AXIS + 18;
  const lo = values.length > 0 ? Math.min(...values) : 1;
  const hi = values.length > 0 ? Math.max(...values) : 10;
  const scale = model.log
    ? logScale([lo / 1.3, hi * 1.1], [plotLeft, plotRight])
    : linearScale([0, hi * 1.05], [plotLeft, plotRight]);
  const base = model.log ? plotLeft : scale(0);
  const parts: string[] = [];
  const titleId = `${model.id}-title`;
  const descId = `${model.id}-desc`;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" id="${escapeXml(model.id)}" ` +
      `viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}">`,
    `<title id="${titleId}">${escapeXml(model.title)}</title>`,
    `<desc id="${descId}">${escapeXml(model.description)}</desc>`,
  );
  // Legend.
  model.series.forEach((name, i) => {
    const x = plotLeft + i * 140;
    parts.push(
      `<rect class="series-${i}" x="${x}" y="6" width="12" height="12" rx="2"/>`,
      `<text class="legend" x="${x + 18}" y="16">${escapeXml(name)}</text>`,
    );
  });
  const axisY = TOP + model.categories.length * rowHeight;
  for (const tick of scale.ticks) {
    const x = scale(tick).toFixed(1);
    parts.push(
      `<line class="grid" x1="${x}" x2="${x}" y1="${TOP - 4}" y2="${axisY}"/>`,
      `<text class="tick" x="${x}" y="${axisY + 14}" text-anchor="middle">${
        escapeXml(format(tick))
      }</text>`,
    );
  }
  model.categories.forEach((category, ci) => {
    const y0 = TOP + ci * rowHeight;
    parts.push(
      `<text class="label${category.highlight ? " highlight" : ""}" x="${plotLeft - 8}" ` +
        `y="${(y0 + (model.series.length * BAR_HEIGHT) / 2 + 4).toFixed(1)}" text-anchor="end">` +
        `${escapeXml(category.label)}</text>`,
    );
    // No bar at all and one reason for all: say it once, on the category's row.
    const bars = model.series.map((series) => category.bars.find((b) => b.series === series));
    const notes = new Set(bars.map((b) => b?.note ?? "no value"));
    if (bars.every((b) => !b || b.value === null) && notes.size === 1 && model.series.length > 1) {
      parts.push(
        `<text class="missing" x="${plotLeft + 4}" y="${
          (y0 + (model.series.length * BAR_HEIGHT) / 2 + 4).toFixed(1)
        }">${escapeXml(`${[...notes][0]} (${model.series.join(" and ")})`)}</text>`,
      );
      return;
    }
    model.series.forEach((series, si) => {
      const bar = category.bars.find((b) => b.series === series);
      const y = y0 + si * BAR_HEIGHT;
      if (!bar || bar.value === null || !(bar.value > 0 || !model.log)) {
        parts.push(
          `<text class="missing" x="${plotLeft + 4}" y="${y + BAR_HEIGHT - 2}">` +
            `${escapeXml(`${series}: ${bar?.note ?? "no value"}`)}</text>`,
        );
        return;
      }
      const x1 = scale(bar.value);
      parts.push(
        `<rect class="series-${si}" x="${base.toFixed(1)}" y="${y + 1}" width="${
          Math.max(1, x1 - base).toFixed(1)
        }" ` +
          `height="${BAR_HEIGHT - 2}"><title>${
            escapeXml(`${category.label} ${series}: ${format(bar.value)}`)
          }` +
          `${
            bar.lo !== undefined && bar.hi !== undefined
              ? escapeXml(` (95% CI ${format(bar.lo)} – ${format(bar.hi)})`)
              : ""
          }` +
          `</title></rect>`,
      );
      if (bar.lo !== undefined && bar.hi !== undefined && bar.hi > bar.lo) {
        const [xl, xh] = [scale(bar.lo), scale(bar.hi)];
        const ym = y + BAR_HEIGHT / 2;
        parts.push(
          `<path class="whisker" d="M${xl.toFixed(1)} ${ym}H${xh.toFixed(1)}M${xl.toFixed(1)} ${
            ym - 3
          }v6M${xh.toFixed(1)} ${ym - 3}v6"/>`,
        );
      }
      parts.push(
        `<text class="value" x="${plotRight + 6}" y="${y + BAR_HEIGHT - 2}">${
          escapeXml(format(bar.value))
        }</text>`,
      );
    });
  });
  parts.push(`<line class="axis" x1="${plotLeft}" x2="${plotRight}" y1="${axisY}" y2="${axisY}"/>`);
  if (model.log) {
    parts.push(
      `<text class="tick" x="${plotRight}" y="${height - 2}" text-anchor="end">log scale</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}
