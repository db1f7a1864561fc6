import { readFileSync } from 'node:fs';
import { INDICATOR_COUNT, QUADRANTS } from './diagnostic-rules.js';
import { IndicatorCatalogueError, parseIndicatorCatalogue } from './indicator-catalogue.js';

const source = readFileSync(
  new URL('../../seeds/diagnostics/iso-18091-annex-a-demo.yaml', import.meta.url),
  'utf8',
);

/** The demo file with one text replaced (the first occurrence), for a broken variant. */
const broken = (from: string, to: string): string => {
  if (!source.includes(from)) throw new Error(`not in the demo file: ${from}`);
  return source.replace(from, to);
};
const lineOf = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split('\n').length;

describe('the demo Annex A catalogue (seeds/diagnostics/iso-18091-annex-a-demo.yaml)', () => {
  const catalogue = parseIndicatorCatalogue(source, 'demo.yaml');

  it('has the four quadrants and 39 indicators, each with checks in both languages', () => {
    expect(catalogue).toMatchObject({
      code: 'iso-18091-annex-a-demo',
      version: 1,
      paraphrase: true,
    });
    expect(catalogue.quadrants.map((q) => q.code)).toEqual([...QUADRANTS]);
    expect(catalogue.quadrants[0].title.en).toBe('Institutional development for good government');
    expect(catalogue.quadrants.map((q) => q.title.en)).toEqual([
      'Institutional development for good government',
      'Sustainable economic development',
      'Inclusive social development',
      'Sustainable environmental development',
    ]);
    expect(catalogue.indicators).toHaveLength(INDICATOR_COUNT);
    expect(new Set(catalogue.indicators.map((i) => i.code)).size).toBe(INDICATOR_COUNT);
    for (const i of catalogue.indicators) {
      expect(i.checks.id.length).toBeGreaterThan(0);
      expect(i.checks.id).toHaveLength(i.checks.en.length);
    }
    expect(catalogue.indicators.map((i) => i.position)).toEqual([...Array(39).keys()]);
  });

  it('says it is the demo paraphrase, not the standard', () => {
    expect(source).toMatch(/DEMO PARAPHRASE — not the text of SNI ISO 18091/);
    expect(catalogue.title.en).toMatch(/demo paraphrase/);
  });
});

describe('parseIndicatorCatalogue refuses a broken file with the line', () => {
  const cases: [string, string, string, RegExp][] = [
    ['a duplicate code', 'code: "1.2"', 'code: "1.1"', /indicator 1\.1 appears twice/],
    [
      'a code out of place',
      'code: "2.3"',
      'code: "2.9"',
      /indicator 2\.9 is out of place: expected 2\.3/,
    ],
    [
      'a quadrant out of order',
      'code: economic',
      'code: social',
      /quadrant 2 must be economic, not social/,
    ],
    [
      'a missing English title',
      'en: "Drinking water"',
      'fr: "Eau potable"',
      /indicator 3\.1: title needs both/,
    ],
    [
      'checks of different lengths',
      'en: ["Drinking-water coverage is measured", "Water quality is tested regularly"]',
      'en: ["Drinking-water coverage is measured"]',
      /indicator 3\.1: checks needs 1–20 items, as many in id as in en/,
    ],
    [
      'a version that is not a number',
      'version: 1',
      'version: one',
      /version must be a whole number/,
    ],
  ];
  it.each(cases)('%s', (_name, from, to, message) => {
    const text = broken(from, to);
    const line = lineOf(source, from);
    expect(() => parseIndicatorCatalogue(text, 'x.yaml')).toThrow(IndicatorCatalogueError);
    expect(() => parseIndicatorCatalogue(text, 'x.yaml')).toThrow(message);
    const error = (() => {
      try {
        parseIndicatorCatalogue(text, 'x.yaml');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    // The line named is the line of the broken entry (or of the mapping that holds it).
    const named = Number(/^x\.yaml line (\d+):/.exec(error)?.[1]);
    expect(named).toBeGreaterThan(0);
    expect(Math.abs(named - line)).toBeLessThanOrEqual(2);
  });

  it('an indicator too few or too many', () => {
    const lastIndicator = source.indexOf('      - code: "4.8"');
    expect(() => parseIndicatorCatalogue(source.slice(0, lastIndicator), 'x.yaml')).toThrow(
      /lists 38 indicators, not 39/,
    );
  });

  it('invalid YAML, with its line', () => {
    expect(() => parseIndicatorCatalogue('code: x\nversion: [1\n', 'x.yaml')).toThrow(
      /^x\.yaml line \d+: not valid YAML/,
    );
  });
});
