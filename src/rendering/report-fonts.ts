import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const SUBSETS = ['latin', 'latin-ext'] as const;
const WEIGHTS = [400, 700] as const;

let fullCss: string | undefined;
let latinCss: string | undefined;

function fontsourceDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans/package.json'));
}

function build(subsets: readonly string[]): string {
  const dir = fontsourceDir();
  // The unicode-range of each subset, so the browser takes each glyph from the right file.
  const ranges = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  const faces: string[] = [];
  for (const subset of subsets) {
    for (const weight of WEIGHTS) {
      const file = join(dir, 'files', `noto-sans-${subset}-${weight}-normal.woff2`);
      const data = readFileSync(file).toString('base64');
      const range = ranges[subset];
      if (!range) throw new Error(`@fontsource/noto-sans/unicode.json has no range for ${subset}`);
      faces.push(
        `@font-face{font-family:'Noto Sans';font-style:normal;font-weight:${weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');` +
          `unicode-range:${range};}`,
      );
    }
  }
  return faces.join('\n');
}

/**
 * @font-face rules for Noto Sans 400/700, latin and latin-ext, embedded as data: URLs (the renderer
 * refuses every network request). Read once, then cached.
 */
export function fontFaceCss(): string {
  fullCss ??= build(SUBSETS);
  return fullCss;
}

/** The latin subset only: small enough to repeat in Chromium's page header and footer templates. */
export function latinFontFaceCss(): string {
  latinCss ??= build(['latin']);
  return latinCss;
}
