import type { Language } from '../i18n/i18n.js';
import type { RiskLevel } from './risk-types.js';

/**
 * The risk matrix as inline SVG: likelihood up the side (highest on top), impact along the bottom,
 * each cell in its level's colour with the number of open entries in it. Server-side, no script,
 * every text escaped; scales with the page (viewBox), so it fits a 375 px screen and a PDF.
 */

export const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Fill and text colour of each level; lightness falls as the level rises, so grayscale still orders it. */
export const LEVEL_COLOURS: Record<RiskLevel, { fill: string; ink: string }> = {
  low: { fill: '#b8e5b2', ink: '#1d2530' },
  medium: { fill: '#f1d36b', ink: '#1d2530' },
  high: { fill: '#e08a3c', ink: '#1d2530' },
  extreme: { fill: '#8e1b1b', ink: '#ffffff' },
};

export interface HeatMapLabels {
  title: string;
  likelihood: string;
  impact: string;
  levels: Record<RiskLevel, string>;
}

export function riskHeatMap(
  cells: RiskLevel[][],
  counts: number[][],
  labels: HeatMapLabels,
  _lang: Language,
): string {
  const scale = cells.length;
  const size = Math.max(24, Math.floor(250 / Math.max(scale, 1)));
  const left = 42;
  const top = 8;
  const width = left + scale * size + 8;
  const height = top + scale * size + 40;
  const parts: string[] = [];
  for (let l = scale; l >= 1; l--)
    for (let i = 1; i <= scale; i++) {
      const level = cells[l - 1][i - 1];
      const n = counts[l - 1]?.[i - 1] ?? 0;
      const x = left + (i - 1) * size;
      const y = top + (scale - l) * size;
      const colour = LEVEL_COLOURS[level];
      parts.push(
        `<g class="heat-cell" data-likelihood="${l}" data-impact="${i}" data-count="${n}"><title>${escapeXml(`${labels.likelihood} ${l} × ${labels.impact} ${i}: ${labels.levels[level]}, ${n}`)}</title>`,
        `<rect x="${x}" y="${y}" width="${size - 2}" height="${size - 2}" fill="${colour.fill}"/>`,
        n > 0
          ? `<text x="${x + (size - 2) / 2}" y="${y + size / 2 + 4}" font-size="13" font-weight="700" fill="${colour.ink}" text-anchor="middle">${n}</text>`
          : '',
        '</g>',
      );
    }
  for (let k = 1; k <= scale; k++)
    parts.push(
      `<text x="${left - 6}" y="${top + (scale - k) * size + size / 2 + 3}" font-size="10" fill="#4a5462" text-anchor="end">${k}</text>`,
      `<text x="${left + (k - 1) * size + (size - 2) / 2}" y="${top + scale * size + 12}" font-size="10" fill="#4a5462" text-anchor="middle">${k}</text>`,
    );
  parts.push(
    `<text x="${left + (scale * size) / 2}" y="${height - 10}" font-size="10" fill="#1d2530" text-anchor="middle">${escapeXml(labels.impact)} →</text>`,
    `<text x="10" y="${top + (scale * size) / 2}" font-size="10" fill="#1d2530" text-anchor="middle" transform="rotate(-90 10 ${top + (scale * size) / 2})">${escapeXml(labels.likelihood)} →</text>`,
  );
  const title = escapeXml(labels.title);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${title}"><title>${title}</title>${parts.join('')}</svg>`;
}
