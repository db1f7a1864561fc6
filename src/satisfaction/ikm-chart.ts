import type { Language } from '../i18n/i18n.js';

/**
 * Inline SVG for the survey page: NRR per element on the 1–4 scale (lowest elements marked) and
 * the IKM over periods. Server-side, no script; user text escaped. Scales with the page width
 * (viewBox), so it fits a 375 px screen.
 */

const INK = '#1d2530';
const INK_SOFT = '#4a5462';
const RULE = '#c3c9d1';
const TRACK = '#eef1f4';
const BAR = '#2f6f9f';
const LOW = '#b3541e';

export const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const decimal = (value: number, lang: Language, digits: number): string =>
  new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);

const svg = (width: number, height: number, title: string, parts: string[]): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${parts.join('')}</svg>`;

export interface NrrBar {
  label: string;
  nrr: number;
  lowest: boolean;
}

export function nrrBars(bars: NrrBar[], title: string, lang: Language): string {
  const width = 360;
  const labelWidth = 130;
  const valueWidth = 40;
  const rowHeight = 22;
  const top = 18;
  const plotX = labelWidth + 6;
  const plotWidth = width - plotX - valueWidth;
  const height = top + bars.length * rowHeight + 4;
  const x = (v: number): number => Math.round((plotX + ((v - 1) / 3) * plotWidth) * 10) / 10;
  const parts: string[] = [];
  for (const tick of [1, 2, 3, 4])
    parts.push(
      `<line x1="${x(tick)}" y1="${top - 4}" x2="${x(tick)}" y2="${height - 2}" stroke="${RULE}" stroke-width="0.6"/>`,
      `<text x="${x(tick)}" y="${top - 7}" font-size="9" fill="${INK_SOFT}" text-anchor="middle">${tick}</text>`,
    );
  bars.forEach((b, i) => {
    const y = top + i * rowHeight;
    const label = b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label;
    parts.push(
      `<g class="nrr-bar${b.lowest ? ' nrr-lowest' : ''}"><title>${escapeXml(`${b.label}: ${decimal(b.nrr, lang, 2)}`)}</title>`,
      `<text x="${labelWidth}" y="${y + 15}" font-size="10" fill="${INK}" text-anchor="end"${b.lowest ? ' font-weight="700"' : ''}>${escapeXml(label)}</text>`,
      `<rect x="${plotX}" y="${y + 5}" width="${plotWidth}" height="12" fill="${TRACK}"/>`,
      `<rect x="${plotX}" y="${y + 5}" width="${Math.max(0, x(b.nrr) - plotX)}" height="12" fill="${b.lowest ? LOW : BAR}"/>`,
      `<text x="${width - valueWidth + 4}" y="${y + 15}" font-size="10" font-weight="700" fill="${b.lowest ? LOW : INK}">${decimal(b.nrr, lang, 2)}</text>`,
      '</g>',
    );
  });
  return svg(width, height, title, parts);
}

export interface IkmPoint {
  label: string;
  ikm: number;
}

export function ikmTrend(points: IkmPoint[], title: string, lang: Language): string {
  const width = 360;
  const height = 150;
  const left = 34;
  const right = 12;
  const top = 14;
  const bottom = 28;
  const y = (v: number): number =>
    Math.round((top + (1 - (v - 25) / 75) * (height - top - bottom)) * 10) / 10;
  const step = points.length > 1 ? (width - left - right) / (points.length - 1) : 0;
  const x = (i: number): number =>
    Math.round((points.length > 1 ? left + i * step : (left + width - right) / 2) * 10) / 10;
  const parts: string[] = [];
  for (const tick of [25, 50, 75, 100])
    parts.push(
      `<line x1="${left}" y1="${y(tick)}" x2="${width - right}" y2="${y(tick)}" stroke="${RULE}" stroke-width="0.6"/>`,
      `<text x="${left - 4}" y="${y(tick) + 3}" font-size="9" fill="${INK_SOFT}" text-anchor="end">${tick}</text>`,
    );
  if (points.length > 1)
    parts.push(
      `<polyline fill="none" stroke="${BAR}" stroke-width="2" points="${points.map((p, i) => `${x(i)},${y(p.ikm)}`).join(' ')}"/>`,
    );
  points.forEach((p, i) =>
    parts.push(
      `<g class="ikm-point"><title>${escapeXml(`${p.label}: ${decimal(p.ikm, lang, 2)}`)}</title><circle cx="${x(i)}" cy="${y(p.ikm)}" r="3.5" fill="${BAR}"/>`,
      `<text x="${x(i)}" y="${y(p.ikm) - 7}" font-size="9" fill="${INK}" text-anchor="middle">${decimal(p.ikm, lang, 2)}</text>`,
      `<text x="${x(i)}" y="${height - 10}" font-size="9" fill="${INK_SOFT}" text-anchor="middle">${escapeXml(p.label)}</text></g>`,
    ),
  );
  return svg(width, height, title, parts);
}
