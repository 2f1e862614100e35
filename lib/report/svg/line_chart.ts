/**
 * Time-series line chart as inline SVG: several series over dates, with vertical markers for
 * change points, environment shifts and version changes. Legacy (imported) series are dashed.
 */

import { escapeXml } from "./escape_xml.ts";
import { formatNs } from "../../_common/format.ts";
import { linearScale, logScale } from "./scale.ts";

export interface LinePoint {
  /** Milliseconds since the epoch (UTC). */
  t: number;
  value: number;
}

export interface LineSeries {
  name: string;
  points: LinePoint[];
  /** Drawn dashed (imported legacy data, a different metric). */
  dashed?: boolean;
  /** Drawn thicker (DataSON). */
  highlight?: boolean;
  /**
   * Colour class `series-N` (N modulo 10); defaults to the series' position. Give each target a
   * fixed index so that it keeps its colour from chart to chart.
   */
  colorIndex?: number;
}

export type MarkerKind = "change" | "shift" | "version";

export interface LineMarker {
  t: number;
  kind: MarkerKind;
  /** Full text, shown as the marker's tooltip (`<title>`). */
  label: string;
  /** A few characters drawn at the top of the marker line (`0.13.0`), when given. */
  short?: string;
}

export interface LineChartModel {
  id: string;
  title: string;
  description: string;
  series: LineSeries[];
  markers: LineMarker[];
  log: boolean;
  format?: (value: number) => string;
}

const WIDTH = 760;
const BASE_HEIGHT = 260;
const LEFT = 70;
const RIGHT = 16;
const BASE_TOP = 30;
const LEGEND_ROW = 16;
const MARKER_BAND = 12;
const BOTTOM = 40;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Month (or year) ticks between two instants. */
export function timeTicks(t0: number, t1: number, max = 8): { t: number; label: string }[] {
  const start = new Date(t0);
  const months = (new Date(t1).getUTCFullYear() - start.getUTCFullYear()) * 12 +
    new Date(t1).getUTCMonth() - start.getUTCMonth() + 1;
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => months / s <= max) ?? 120;
  const ticks: { t: number; label: string }[] = [];
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  if (step >= 12) {
    year += 1;
    month = 0;
  }
  while (true) {
    const t = Date.UTC(year, month, 1);
    if (t > t1) break;
    if (t >= t0 && (step < 12 ? month % step === 0 : month === 0 && year % (step / 12) === 0)) {
      ticks.push({
        t,
        label: step >= 12 || month === 0
          ? String(year)
          : `${MONTHS[month]} ${String(year).slice(2)}`,
      });
    }
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return ticks;
}

export function renderLineChart(model: LineChartModel): string {
  const format = model.format ?? formatNs;
  const all = model.series.flatMap((s) => s.points).filter((p) =>
    Number.isFinite(p.value) && (!model.log || p.value > 0)
  );
  // The legend runs along the top and wraps onto more rows; the plot moves down to make room.
  const legend: { x: number; row: number }[] = [];
  let legendX = LEFT;
  let legendRow = 0;
  for (const series of model.series) {
    const width = 28 + series.name.length * 6.5;
    if (legendX + width > WIDTH - RIGHT && legendX > LEFT) {
      legendRow += 1;
      legendX = LEFT;
    }
    legend.push({ x: legendX, row: legendRow });
    legendX += width;
  }
  // Marker labels get a band of their own between the legend and the plot.
  const band = model.markers.some((m) => m.short !== undefined) ? MARKER_BAND : 0;
  const TOP = BASE_TOP + legendRow * LEGEND_ROW + band;
  const HEIGHT = BASE_HEIGHT + legendRow * LEGEND_ROW + band;
  const titleId = `${model.id}-title`;
  const descId = `${model.id}-desc`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart" id="${
      escapeXml(model.id)
    }" ` +
    `viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${titleId} ${descId}">`,
    `<title id="${titleId}">${escapeXml(model.title)}</title>`,
    `<desc id="${descId}">${escapeXml(model.description)}</desc>`,
  ];
  if (all.length === 0) {
    parts.push(
      `<text class="missing" x="${WIDTH / 2}" y="${
        HEIGHT / 2
      }" text-anchor="middle">no data</text></svg>`,
    );
    return parts.join("\n");
  }
  const ts = all.map((p) => p.t);
  const vs = all.map((p) => p.value);
  let [t0, t1] = [Math.min(...ts), Math.max(...ts)];
  if (t0 === t1) {
    t0 -= 86_400_000;
    t1 += 86_400_000;
  }
  const x = linearScale([t0, t1], [LEFT, WIDTH - RIGHT]);
  const [vMin, vMax] = [Math.min(...vs), Math.max(...vs)];
  const y = model.log
    ? logScale([vMin / 1.1, vMax * 1.1], [HEIGHT - BOTTOM, TOP])
    : linearScale([Math.min(0, vMin), vMax * 1.08], [HEIGHT - BOTTOM, TOP]);
  for (const tick of y.ticks) {
    const yy = y(tick).toFixed(1);
    parts.push(
      `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${yy}" y2="${yy}"/>`,
      `<text class="tick" x="${LEFT - 6}" y="${(Number(yy) + 4).toFixed(1)}" text-anchor="end">${
        escapeXml(format(tick))
      }</text>`,
    );
  }
  for (const tick of timeTicks(t0, t1)) {
    const xx = x(tick.t).toFixed(1);
    parts.push(
      `<line class="grid" x1="${xx}" x2="${xx}" y1="${TOP}" y2="${HEIGHT - BOTTOM}"/>`,
      `<text class="tick" x="${xx}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${
        escapeXml(tick.label)
      }</text>`,
    );
  }
  for (const marker of model.markers) {
    if (marker.t < t0 || marker.t > t1) continue;
    const xx = x(marker.t).toFixed(1);
    parts.push(
      `<line class="marker marker-${marker.kind}" x1="${xx}" x2="${xx}" y1="${TOP}" y2="${
        HEIGHT - BOTTOM
      }">` +
        `<title>${escapeXml(marker.label)}</title></line>`,
    );
    if (marker.kind === "change") {
      const cx = Number(xx);
      parts.push(
        `<path class="marker-glyph marker-change" d="M${(cx - 4).toFixed(1)} ${TOP - 6}h8l-4 6z">` +
          `<title>${escapeXml(marker.label)}</title></path>`,
      );
    }
    if (marker.short !== undefined) {
      const right = Number(xx) > WIDTH - RIGHT - 60;
      parts.push(
        `<text class="marker-label marker-${marker.kind}" x="${
          (Number(xx) + (right ? -5 : 5)).toFixed(1)
        }" y="${TOP - 3}"${right ? ' text-anchor="end"' : ""}>${escapeXml(marker.short)}</text>`,
      );
    }
  }
  model.series.forEach((series, i) => {
    const points = series.points.filter((p) =>
      Number.isFinite(p.value) && (!model.log || p.value > 0)
    );
    if (points.length === 0) return;
    const d = points.map((p, j) =>
      `${j === 0 ? "M" : "L"}${x(p.t).toFixed(1)} ${y(p.value).toFixed(1)}`
    ).join("");
    const color = (series.colorIndex ?? i) % 10;
    const classes = [
      `line`,
      `series-${color}`,
      series.dashed ? "dashed" : "",
      series.highlight ? "highlight" : "",
    ]
      .filter(Boolean).join(" ");
    parts.push(`<path class="${classes}" d="${d}"><title>${escapeXml(series.name)}</title></path>`);
    if (points.length <= 60) {
      for (const p of points) {
        parts.push(
          `<circle class="dot series-${color}" cx="${x(p.t).toFixed(1)}" cy="${
            y(p.value).toFixed(1)
          }" r="2.5">` +
            `<title>${
              escapeXml(
                `${series.name} ${new Date(p.t).toISOString().slice(0, 10)}: ${format(p.value)}`,
              )
            }</title></circle>`,
        );
      }
    }
  });
  // Legend along the top.
  model.series.forEach((series, i) => {
    const color = (series.colorIndex ?? i) % 10;
    const { x: lx, row } = legend[i];
    const ly = 14 + row * LEGEND_ROW;
    parts.push(
      `<line class="line series-${color}${series.dashed ? " dashed" : ""}${
        series.highlight ? " highlight" : ""
      }" x1="${lx}" x2="${lx + 16}" y1="${ly}" y2="${ly}"/>`,
      `<text class="legend" x="${lx + 20}" y="${ly + 4}">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push(
    `<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${HEIGHT - BOTTOM}" y2="${
      HEIGHT - BOTTOM
    }"/>`,
  );
  if (model.log) {
    parts.push(
      `<text class="tick" x="${WIDTH - RIGHT}" y="${
        HEIGHT - 4
      }" text-anchor="end">log scale</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}
