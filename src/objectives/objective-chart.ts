import type { Language } from '../i18n/i18n.js';
import type { Direction } from './objective-types.js';

/**
 * An objective's measurements as inline SVG: the series per period against the target (a dashed
 * line), each point green when it meets the target and red when it does not, its value printed.
 * Server-side, no script, every text escaped; scales with the page (viewBox) for a 375 px screen.
 */

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const MET = '#2e7d32';
const MISSED = '#b3261e';
const LINE = '#2f6f9f';

export interface SeriesPoint {
  label: string;
  value: number;
  meetsTarget: boolean;
}

export const formatValue = (value: number, lang: Language): string =>
  new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 3 }).format(
    value,
  );

export function objectiveSeries(
  points: SeriesPoint[],
  target: number,
  direction: Direction,
  labels: { title: string; target: string },
  lang: Language,
): string {
  const width = 360;
  const height = 170;
  const left = 40;
  const right = 14;
  const top = 18;
  const bottom = 30;
  const values = [target, ...points.map((p) => p.value)];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = hi === lo ? Math.max(Math.abs(hi) * 0.1, 1) : (hi - lo) * 0.15;
  lo -= pad;
  hi += pad;
  const y = (v: number): number =>
    Math.round((top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom)) * 10) / 10;
  const step = points.length > 1 ? (width - left - right) / (points.length - 1) : 0;
  const x = (i: number): number =>
    Math.round((points.length > 1 ? left + i * step : (left + width - right) / 2) * 10) / 10;
  const sign = direction === 'at_least' ? '≥' : '≤';
  const parts: string[] = [
    `<line class="target-line" x1="${left}" y1="${y(target)}" x2="${width - right}" y2="${y(target)}" stroke="#4a5462" stroke-width="1.2" stroke-dasharray="5 3"/>`,
    `<text x="${width - right}" y="${y(target) - 4}" font-size="9" fill="#4a5462" text-anchor="end">${escapeXml(`${labels.target} ${sign} ${formatValue(target, lang)}`)}</text>`,
  ];
  if (points.length > 1)
    parts.push(
      `<polyline fill="none" stroke="${LINE}" stroke-width="2" points="${points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}"/>`,
    );
  points.forEach((p, i) => {
    const colour = p.meetsTarget ? MET : MISSED;
    parts.push(
      `<g class="series-point ${p.meetsTarget ? 'met' : 'missed'}"><title>${escapeXml(`${p.label}: ${formatValue(p.value, lang)}`)}</title>`,
      `<circle cx="${x(i)}" cy="${y(p.value)}" r="4" fill="${colour}"/>`,
      `<text x="${x(i)}" y="${y(p.value) - 7}" font-size="9" fill="${colour}" text-anchor="middle">${formatValue(p.value, lang)}</text>`,
      `<text x="${x(i)}" y="${height - 10}" font-size="9" fill="#4a5462" text-anchor="middle">${escapeXml(p.label)}</text></g>`,
    );
  });
  const title = escapeXml(labels.title);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${title}"><title>${title}</title>${parts.join('')}</svg>`;
}
