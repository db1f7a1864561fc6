import { readFileSync } from 'node:fs';
import { CatalogueError, parseCatalogue } from './catalogue.js';
import { clauseSortKey, compareClauseNumbers } from './standard-rules.js';

const source = readFileSync(
  new URL('../../seeds/standards/iso-9001-2015.yaml', import.meta.url),
  'utf8',
);
const catalogue = parseCatalogue(source, 'iso-9001-2015.yaml');

// The 91 clause nodes of ISO 9001:2015 clauses 4–10 (shared/reference/standards.md).
const EXPECTED =
  `4 4.1 4.2 4.3 4.4 4.4.1 4.4.2 5 5.1 5.1.1 5.1.2 5.2 5.2.1 5.2.2 5.3 6 6.1 6.1.1 6.1.2 6.2 6.2.1 6.2.2 6.3
7 7.1 7.1.1 7.1.2 7.1.3 7.1.4 7.1.5 7.1.5.1 7.1.5.2 7.1.6 7.2 7.3 7.4 7.5 7.5.1 7.5.2 7.5.3 7.5.3.1 7.5.3.2
8 8.1 8.2 8.2.1 8.2.2 8.2.3 8.2.3.1 8.2.3.2 8.2.4 8.3 8.3.1 8.3.2 8.3.3 8.3.4 8.3.5 8.3.6 8.4 8.4.1 8.4.2 8.4.3
8.5 8.5.1 8.5.2 8.5.3 8.5.4 8.5.5 8.5.6 8.6 8.7 8.7.1 8.7.2 9 9.1 9.1.1 9.1.2 9.1.3 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3
10 10.1 10.2 10.2.1 10.2.2 10.3`.split(/\s+/);

const MAINTAIN = ['4.3', '4.4.2', '5.2.2', '6.2.1', '8.1', '8.5.1'];
const RETAIN = [
  '4.4.2',
  '7.1.5.1',
  '7.1.5.2',
  '7.2',
  '8.1',
  '8.2.3.2',
  '8.3.2',
  '8.3.3',
  '8.3.4',
  '8.3.5',
  '8.3.6',
  '8.4.1',
  '8.5.2',
  '8.5.3',
  '8.5.6',
  '8.6',
  '8.7.2',
  '9.1.1',
  '9.2.2',
  '9.3.3',
  '10.2.2',
];

describe('ISO 9001:2015 catalogue (seeds/standards/iso-9001-2015.yaml)', () => {
  const byNumber = new Map(catalogue.clauses.map((c) => [c.number, c]));

  it('has every one of the 91 clause numbers exactly once, in order', () => {
    expect(EXPECTED).toHaveLength(91);
    expect(catalogue.clauses.map((c) => c.number)).toEqual(EXPECTED);
  });

  it('gives every clause an Indonesian and an English title and guidance', () => {
    for (const c of catalogue.clauses) {
      expect([c.number, c.title.id.length > 2, c.title.en.length > 2, c.guidance !== null]).toEqual(
        [c.number, true, true, true],
      );
    }
    expect(byNumber.get('7.1.5.2')!.title).toEqual({
      id: 'Ketertelusuran pengukuran',
      en: 'Measurement traceability',
    });
    expect(byNumber.get('9.3')!.title.id).toBe('Tinjauan manajemen');
  });

  it('puts each clause under its correct parent', () => {
    for (const c of catalogue.clauses) {
      const expectedParent = c.number.includes('.')
        ? c.number.slice(0, c.number.lastIndexOf('.'))
        : null;
      expect([c.number, c.parentNumber]).toEqual([c.number, expectedParent]);
    }
  });

  it('marks leaves (65) and expects evidence on each', () => {
    const leaves = catalogue.clauses.filter((c) => c.isLeaf);
    expect(leaves).toHaveLength(65);
    expect(byNumber.get('7.1.5')!.isLeaf).toBe(false);
    for (const leaf of leaves)
      expect([leaf.number, (leaf.expectedEvidence?.id.length ?? 0) > 0]).toEqual([
        leaf.number,
        true,
      ]);
    expect(byNumber.get('9.1.2')!.expectedEvidence!.id.join(' ')).toMatch(/SKM|IKM/);
  });

  it('flags documented information exactly where the reference lists it', () => {
    const flagged = (flag: 'maintain' | 'retain'): string[] =>
      catalogue.clauses.filter((c) => c.documentedInformation.includes(flag)).map((c) => c.number);
    expect(flagged('maintain')).toEqual(MAINTAIN);
    expect(flagged('retain')).toEqual(RETAIN);
  });
});

describe('parseCatalogue refuses malformed files, naming the clause', () => {
  const wrap = (clauses: string): string =>
    `code: test\nedition: "1"\ntitle: { id: Uji, en: Test }\nclauses:\n${clauses}`;
  const node = (n: string, extra = ''): string =>
    `  - number: "${n}"\n    title: { id: Judul, en: Title }\n${extra}`;

  it.each([
    ['a duplicate number', node('4') + node('4'), /clause 4: appears twice/],
    [
      'a child outside its parent',
      node('4', '    children:\n      - number: "5.1"\n        title: { id: a, en: b }\n'),
      /clause 5.1: is not a sub-clause of 4/,
    ],
    [
      'a missing English title',
      '  - number: "4"\n    title: { id: Judul }\n',
      /clause 4 title: needs both/,
    ],
    [
      'an unknown documented-information flag',
      node('4', '    documentedInformation: [keep]\n'),
      /maintain or retain, not keep/,
    ],
    ['a malformed number', node('4.a'), /"4.a" is not like 7.1.5/],
  ])('%s', (_name, clauses, message) => {
    expect(() => parseCatalogue(wrap(clauses))).toThrow(CatalogueError);
    expect(() => parseCatalogue(wrap(clauses))).toThrow(message);
  });

  it('sorts clause numbers naturally', () => {
    expect(clauseSortKey('4.10') > clauseSortKey('4.9')).toBe(true);
    expect(clauseSortKey('10') > clauseSortKey('9.3.3')).toBe(true);
    expect(['10', '4.10', '4.9', '4.1', '9.2.2', '9.2.10', '4'].sort(compareClauseNumbers)).toEqual(
      ['4', '4.1', '4.9', '4.10', '9.2.2', '9.2.10', '10'],
    );
  });
});
