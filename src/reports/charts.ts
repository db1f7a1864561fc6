import { translate, type Language } from '../i18n/i18n.js';
import { formatDateId, isIsoDay } from '../common/dates.js';
import { formatPercent } from '../common/numbers.js';

/*
 * Inline SVG charts for reports: pure functions from data to an SVG string. Every text that goes in
 * is escaped here, which is what lets report-templates.ts mark the result as trusted. Values are
 * shares 0..1 (readiness); the colour scale runs dark red → amber → light green with rising
 * lightness, so a grayscale print still orders it, and every value is also printed as a number.
 */

const FONT = "'Noto Sans', 'DejaVu Sans', sans-serif";
const INK = '#1d2530';
const INK_SOFT = '#4a5462';
const RULE = '#c3c9d1';
const TRACK = '#eef1f4';

export interface ChartOptions {
  lang?: Language;
  /** Accessible title of the chart (escaped). */
  title?: string;
  /** Prefix for ids inside the SVG (patterns); defaults to a hash of the data, so charts in one document differ. */
  idPrefix?: string;
}

export interface BarDatum {
  label: string;
  /** 0..1, or null when there is nothing to score (not applicable, not assessed). */
  value: number | null;
}

export interface BarChartOptions extends ChartOptions {
  /** A dashed line across the bars, e.g. the readiness a unit should reach (0..1). */
  target?: number;
}

export type LineChartOptions = BarChartOptions;

export interface HeatMapData {
  columns: string[];
  rows: { label: string; values: (number | null)[] }[];
}

export interface TrendPoint {
  /** A calendar day (YYYY-MM-DD) or an instant. */
  date: string | Date;
  value: number;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Colour for a share 0..1 on the red → amber → green scale (lightness rises with the value). */
export function scaleColour(value: number): string {
  const stops: [number, [number, number, number]][] = [
    [0, [142, 27, 27]],
    [0.25, [196, 78, 32]],
    [0.5, [226, 160, 52]],
    [0.75, [176, 206, 100]],
    [1, [184, 229, 178]],
  ];
  const v = clamp(value);
  for (let i = 1; i < stops.length; i++) {
    const [x1, c1] = stops[i];
    const [x0, c0] = stops[i - 1];
    if (v <= x1) {
      const f = (v - x0) / (x1 - x0);
      return hex(c0.map((c, k) => c + (c1[k] - c) * f) as [number, number, number]);
    }
  }
  return hex(stops[stops.length - 1][1]);
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Horizontal bars, one per label (clause groups of a unit, or units side by side). */
export function barChart(data: BarDatum[], options: BarChartOptions = {}): string {
  const lang = options.lang ?? 'id';
  const id = options.idPrefix ?? `bar${hash(data)}`;
  const width = 640;
  const labelWidth = 210;
  const valueWidth = 58;
  const rowHeight = 22;
  const top = 20;
  const plotX = labelWidth + 8;
  const plotWidth = width - plotX - valueWidth;
  const height = top + Math.max(data.length, 1) * rowHeight + 6;
  const x = (v: number): number => round(plotX + clamp(v) * plotWidth);

  const parts: string[] = [defs(id)];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${x(tick)}" y1="${top - 4}" x2="${x(tick)}" y2="${height - 4}" stroke="${RULE}" stroke-width="0.6"/>`,
      `<text x="${x(tick)}" y="${top - 8}" font-size="9" fill="${INK_SOFT}" text-anchor="middle">${escapeXml(formatPercent(tick, lang, 0))}</text>`,
    );
  }
  data.forEach((datum, i) => {
    const y = top + i * rowHeight;
    // About as many characters as 210 px of 11 px Noto Sans hold, so no label runs off the left edge.
    const label = truncate(datum.label, 34);
    parts.push(
      `<g class="bar-row"><title>${escapeXml(`${datum.label}: ${formatPercent(datum.value, lang)}`)}</title>`,
      `<text x="${labelWidth}" y="${y + 15}" font-size="11" fill="${INK}" text-anchor="end">${escapeXml(label)}</text>`,
      `<rect x="${plotX}" y="${y + 4}" width="${plotWidth}" height="14" fill="${TRACK}"/>`,
    );
    if (datum.value === null) {
      parts.push(
        `<rect class="bar bar-empty" x="${plotX}" y="${y + 4}" width="${plotWidth}" height="14" fill="url(#${id}-hatch)"/>`,
        `<text x="${width - valueWidth + 6}" y="${y + 15}" font-size="11" fill="${INK_SOFT}">${escapeXml(translate(lang, 'report.chart.not_applicable'))}</text>`,
      );
    } else {
      const w = round(clamp(datum.value) * plotWidth);
      parts.push(
        `<rect class="bar" data-value="${clamp(datum.value)}" x="${plotX}" y="${y + 4}" width="${w}" height="14" fill="${scaleColour(datum.value)}" stroke="${INK}" stroke-width="0.5"/>`,
        `<text x="${width - valueWidth + 6}" y="${y + 15}" font-size="11" font-weight="700" fill="${INK}">${escapeXml(formatPercent(datum.value, lang))}</text>`,
      );
    }
    parts.push('</g>');
  });
  if (options.target !== undefined) {
    const tx = x(options.target);
    parts.push(
      `<line class="target" x1="${tx}" y1="${top - 2}" x2="${tx}" y2="${height - 4}" stroke="${INK}" stroke-width="1.2" stroke-dasharray="4 3"/>`,
    );
  }
  if (data.length === 0) parts.push(noData(width / 2, top + 15, lang));
  return svg(width, height, options.title, parts);
}

/** Rows × columns of shares, each cell coloured and labelled; null cells hatched as "n/a". */
export function heatMap(data: HeatMapData, options: ChartOptions = {}): string {
  const lang = options.lang ?? 'id';
  const id = options.idPrefix ?? `heat${hash(data)}`;
  const width = 640;
  const labelWidth = 170;
  const columns = Math.max(data.columns.length, 1);
  const cellWidth = (width - labelWidth) / columns;
  const rotate = data.columns.some((c) => c.length * 6.5 > cellWidth - 4);
  const headerHeight = rotate
    ? Math.min(90, 12 + 5 * Math.max(0, ...data.columns.map((c) => Math.min(c.length, 22))))
    : 22;
  const cellHeight = 22;
  const legendTop = headerHeight + data.rows.length * cellHeight + 14;
  const height = legendTop + 34;

  const parts: string[] = [defs(id)];
  data.columns.forEach((column, c) => {
    const cx = round(labelWidth + (c + 0.5) * cellWidth);
    const text = escapeXml(truncate(column, 22));
    parts.push(
      rotate
        ? `<text class="column" x="${cx}" y="${headerHeight - 6}" font-size="10" fill="${INK}" transform="rotate(-40 ${cx} ${headerHeight - 6})">${text}</text>`
        : `<text class="column" x="${cx}" y="${headerHeight - 7}" font-size="10" font-weight="700" fill="${INK}" text-anchor="middle">${text}</text>`,
    );
  });
  data.rows.forEach((row, r) => {
    const y = headerHeight + r * cellHeight;
    parts.push(
      `<text class="row" x="${labelWidth - 6}" y="${y + 15}" font-size="10.5" fill="${INK}" text-anchor="end">${escapeXml(truncate(row.label, 30))}</text>`,
    );
    data.columns.forEach((column, c) => {
      const value = row.values[c] ?? null;
      const x = round(labelWidth + c * cellWidth);
      const w = round(cellWidth);
      const title = `<title>${escapeXml(`${row.label} · ${column}: ${formatPercent(value, lang)}`)}</title>`;
      if (value === null) {
        parts.push(
          `<g class="cell cell-empty">${title}<rect x="${x}" y="${y}" width="${w}" height="${cellHeight}" fill="url(#${id}-hatch)" stroke="#fff" stroke-width="1.5"/>`,
          cellWidth >= 24
            ? `<text x="${round(x + cellWidth / 2)}" y="${y + 15}" font-size="9" fill="${INK_SOFT}" text-anchor="middle">${escapeXml(translate(lang, 'report.chart.not_applicable'))}</text></g>`
            : '</g>',
        );
      } else {
        const fill = scaleColour(value);
        const ink = luminance(fill) < 0.2 ? '#ffffff' : INK;
        parts.push(
          `<g class="cell">${title}<rect x="${x}" y="${y}" width="${w}" height="${cellHeight}" fill="${fill}" stroke="#fff" stroke-width="1.5"/>`,
          cellWidth >= 24
            ? `<text x="${round(x + cellWidth / 2)}" y="${y + 15}" font-size="9.5" font-weight="700" fill="${ink}" text-anchor="middle">${escapeXml(formatPercent(value, lang, 0))}</text></g>`
            : '</g>',
        );
      }
    });
  });
  parts.push(legend(id, labelWidth, legendTop, lang));
  return svg(width, height, options.title, parts);
}

/** Readiness over time: 0 points gives an empty frame saying so, 1 point a single dot. */
export function lineChart(points: TrendPoint[], options: LineChartOptions = {}): string {
  const lang = options.lang ?? 'id';
  const width = 640;
  const height = 220;
  const left = 46;
  const right = 24;
  const top = 14;
  const bottom = 30;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const y = (v: number): number => round(top + (1 - clamp(v)) * plotHeight);

  const sorted = points
    .map((p) => ({ ...p, time: instant(p.date) }))
    .sort((a, b) => a.time - b.time);
  const first = sorted[0]?.time ?? 0;
  const span = (sorted[sorted.length - 1]?.time ?? 0) - first;
  const x = (time: number): number =>
    round(span === 0 ? left + plotWidth / 2 : left + ((time - first) / span) * plotWidth);

  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${left}" y1="${y(tick)}" x2="${width - right}" y2="${y(tick)}" stroke="${RULE}" stroke-width="${tick === 0 ? 1 : 0.6}"/>`,
      `<text x="${left - 6}" y="${y(tick) + 3.5}" font-size="9" fill="${INK_SOFT}" text-anchor="end">${escapeXml(formatPercent(tick, lang, 0))}</text>`,
    );
  }
  if (options.target !== undefined) {
    parts.push(
      `<line class="target" x1="${left}" y1="${y(options.target)}" x2="${width - right}" y2="${y(options.target)}" stroke="${INK}" stroke-width="1" stroke-dasharray="4 3"/>`,
    );
  }
  if (sorted.length === 0) {
    parts.push(noData(left + plotWidth / 2, top + plotHeight / 2, lang));
    return svg(width, height, options.title, parts);
  }
  if (sorted.length > 1) {
    const path = sorted.map((p) => `${x(p.time)},${y(p.value)}`).join(' ');
    parts.push(
      `<polyline class="trend" points="${path}" fill="none" stroke="${INK}" stroke-width="1.8" stroke-linejoin="round"/>`,
    );
  }
  for (const p of sorted) {
    parts.push(
      `<circle class="point" cx="${x(p.time)}" cy="${y(p.value)}" r="3.2" fill="#fff" stroke="${INK}" stroke-width="1.5"><title>${escapeXml(`${dayLabel(p.date, lang)}: ${formatPercent(p.value, lang)}`)}</title></circle>`,
    );
  }
  const last = sorted[sorted.length - 1];
  parts.push(
    `<text x="${x(last.time)}" y="${y(last.value) - 8}" font-size="10.5" font-weight="700" fill="${INK}" text-anchor="${sorted.length === 1 ? 'middle' : 'end'}">${escapeXml(formatPercent(last.value, lang))}</text>`,
  );
  for (const p of tickPoints(sorted, (q) => x(q.time), 100)) {
    const anchor =
      sorted.length === 1 ? 'middle' : p === sorted[0] ? 'start' : p === last ? 'end' : 'middle';
    parts.push(
      `<text class="x-tick" x="${x(p.time)}" y="${height - 10}" font-size="9" fill="${INK_SOFT}" text-anchor="${anchor}">${escapeXml(dayLabel(p.date, lang))}</text>`,
    );
  }
  return svg(width, height, options.title, parts);
}

/** A thin horizontal meter (cover page readiness). */
export function meter(value: number, options: ChartOptions = {}): string {
  const width = 260;
  const height = 14;
  return svg(width, height, options.title, [
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="${TRACK}" stroke="${RULE}"/>`,
    `<rect class="bar" x="0.5" y="0.5" width="${round(clamp(value) * (width - 1))}" height="${height - 1}" fill="#2b4766"/>`,
  ]);
}

function svg(width: number, height: number, title: string | undefined, parts: string[]): string {
  const label = title ? `<title>${escapeXml(title)}</title>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="img" font-family="${FONT}">${label}${parts.join('')}</svg>`
  );
}

function defs(id: string): string {
  return (
    `<defs><pattern id="${escapeXml(id)}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="#f4f5f7"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9aa2ad" stroke-width="1.6"/></pattern></defs>`
  );
}

function legend(id: string, x: number, y: number, lang: Language): string {
  const steps = 10;
  const stepWidth = 22;
  const parts = [
    `<g class="legend"><text x="${x - 6}" y="${y + 11}" font-size="9" fill="${INK_SOFT}" text-anchor="end">${escapeXml(translate(lang, 'report.chart.scale'))}</text>`,
  ];
  for (let i = 0; i < steps; i++) {
    parts.push(
      `<rect x="${x + i * stepWidth}" y="${y}" width="${stepWidth}" height="14" fill="${scaleColour((i + 0.5) / steps)}"/>`,
    );
  }
  for (const tick of [0, 0.5, 1]) {
    parts.push(
      `<text x="${x + tick * steps * stepWidth}" y="${y + 26}" font-size="8.5" fill="${INK_SOFT}" text-anchor="${tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle'}">${escapeXml(formatPercent(tick, lang, 0))}</text>`,
    );
  }
  const hx = x + steps * stepWidth + 24;
  parts.push(
    `<rect x="${hx}" y="${y}" width="${stepWidth}" height="14" fill="url(#${escapeXml(id)}-hatch)" stroke="${RULE}" stroke-width="0.6"/>`,
    `<text x="${hx + stepWidth + 6}" y="${y + 11}" font-size="9" fill="${INK_SOFT}">${escapeXml(`${translate(lang, 'report.chart.not_applicable')} = ${translate(lang, 'report.chart.not_applicable_long')}`)}</text></g>`,
  );
  return parts.join('');
}

function noData(x: number, y: number, lang: Language): string {
  return `<text class="no-data" x="${x}" y="${y}" font-size="11" fill="${INK_SOFT}" text-anchor="middle">${escapeXml(translate(lang, 'report.chart.no_data'))}</text>`;
}

/** Points to label on the time axis: the last, and others left to right while they keep `gap` apart. */
function tickPoints<T>(sorted: T[], position: (p: T) => number, gap: number): T[] {
  const last = sorted[sorted.length - 1];
  if (last === undefined) return [];
  const chosen: T[] = [];
  for (const p of sorted) {
    const previous = chosen[chosen.length - 1];
    if (previous !== undefined && position(p) - position(previous) < gap) continue;
    if (p !== last && position(last) - position(p) < gap) continue;
    chosen.push(p);
  }
  return chosen;
}

function dayLabel(date: string | Date, lang: Language): string {
  return formatDateId(typeof date === 'string' && !isIsoDay(date) ? new Date(date) : date, lang);
}

function instant(date: string | Date): number {
  const time =
    date instanceof Date
      ? date.getTime()
      : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(time)) throw new RangeError(`Not a date: ${String(date)}`);
  return time;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

function clamp(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function hex(rgb: [number, number, number]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** FNV-1a of the data, for ids that are stable across renders and distinct between charts. */
function hash(data: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(data)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
