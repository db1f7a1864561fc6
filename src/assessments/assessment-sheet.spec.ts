import { translate } from '../i18n/i18n.js';
import {
  clauseHeaders,
  headerLanguage,
  parseApplicable,
  parseRating,
  planImport,
  toCsv,
  type SheetRow,
} from './assessment-sheet.js';

const CLAUSES = [
  { number: '4', isLeaf: false },
  { number: '4.1', isLeaf: true },
  { number: '4.2', isLeaf: true },
  { number: '4.3', isLeaf: true },
];

/** Labels as the locale files have them (their wording may change; the parsing follows). */
const label = (lang: 'id' | 'en', rating: string): string => translate(lang, `rating.${rating}`);

const row = (n: number, ...cells: string[]): SheetRow => ({
  row: n,
  cells: [...cells, '', '', '', '', '', ''].slice(0, 6),
});

describe('headers', () => {
  it('are Indonesian by default and English on request', () => {
    expect(clauseHeaders('id')).toEqual([
      'Nomor klausul',
      'Judul klausul',
      'Diterapkan',
      'Justifikasi tidak diterapkan',
      'Penilaian',
      'Catatan asesor',
    ]);
    expect(clauseHeaders('en')[4]).toBe('Rating');
  });

  it('are recognised in either language, ignoring case and spacing', () => {
    expect(headerLanguage(clauseHeaders('id'))).toBe('id');
    expect(headerLanguage(clauseHeaders('en').map((h) => `  ${h.toUpperCase()} `))).toBe('en');
    expect(headerLanguage([...clauseHeaders('id').slice(0, 5), 'Komentar'])).toBeNull();
    expect(headerLanguage(clauseHeaders('id').slice(1))).toBeNull();
    expect(headerLanguage([])).toBeNull();
  });
});

describe('cell values', () => {
  it.each([
    ['Ya', true],
    ['tidak', false],
    [' Yes ', true],
    ['NO', false],
    ['true', true],
    ['0', false],
    ['', undefined],
    ['mungkin', undefined],
  ])('applicable %j → %p', (text, expected) => {
    expect(parseApplicable(text)).toBe(expected);
  });

  it.each([
    ['id', 'met'],
    ['id', 'partly_met'],
    ['id', 'not_met'],
    ['id', 'not_assessed'],
    ['en', 'partly_met'],
    ['en', 'not_met'],
  ] as const)('reads the %s label of %s, in any case', (lang, rating) => {
    expect(parseRating(label(lang, rating))).toBe(rating);
    expect(parseRating(` ${label(lang, rating).toUpperCase()} `)).toBe(rating);
  });

  it.each([
    ['not_met', 'not_met'],
    ['', null],
    ['Bagus', undefined],
  ])('rating %j → %p', (text, expected) => {
    expect(parseRating(text)).toBe(expected);
  });
});

describe('planImport', () => {
  it('turns valid rows into changes and skips blank rows', () => {
    const plan = planImport(
      [
        row(2, '4.1', 'Konteks', 'Ya', '', label('id', 'met'), 'Renstra ada'),
        row(3),
        row(4, '4.3', '', 'Tidak', 'Tidak merancang layanan', label('id', 'not_assessed'), ''),
      ],
      CLAUSES,
    );
    expect(plan).toEqual({
      refused: [],
      changes: [
        {
          row: 2,
          clause: '4.1',
          values: { applicable: true, rating: 'met', justification: null, note: 'Renstra ada' },
        },
        {
          row: 4,
          clause: '4.3',
          values: {
            applicable: false,
            rating: 'not_assessed',
            justification: 'Tidak merancang layanan',
            note: null,
          },
        },
      ],
    });
  });

  it('refuses every bad row with its reason, and applies nothing of a refused row', () => {
    const plan = planImport(
      [
        row(2, '4', '', 'Ya', '', 'met'),
        row(3, '9.9', '', 'Ya', '', 'met'),
        row(4, '', 'Judul saja', 'Ya', '', 'met'),
        row(5, '4.1', '', 'Mungkin', '', 'Bagus'),
        row(6, '4.2', '', 'Tidak', '', 'met'),
        row(7, '4.3', '', 'Ya', '', ''),
        row(8, '4.3', '', 'Ya', '', 'met'),
      ],
      CLAUSES,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.refused).toEqual([
      { row: 2, clause: '4', reason: 'clause_not_leaf' },
      { row: 3, clause: '9.9', reason: 'clause_unknown' },
      { row: 4, clause: null, reason: 'clause_missing' },
      { row: 5, clause: '4.1', reason: 'applicable_invalid' },
      { row: 5, clause: '4.1', reason: 'rating_invalid' },
      { row: 6, clause: '4.2', reason: 'not_applicable_rated' },
      { row: 6, clause: '4.2', reason: 'justification_required' },
      { row: 7, clause: '4.3', reason: 'rating_missing' },
      { row: 8, clause: '4.3', reason: 'clause_duplicate' },
    ]);
  });
});

describe('toCsv', () => {
  it('writes UTF-8 with a BOM, semicolons and CRLF, quoting where needed', () => {
    const csv = toCsv([
      ['Nomor klausul', 'Catatan asesor'],
      ['4.1', 'Renstra; RPJMD "2025–2029"\nhalaman 2'],
      ['7.1.5.2', null],
    ]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').slice(1)).toBe(
      'Nomor klausul;Catatan asesor\r\n4.1;"Renstra; RPJMD ""2025–2029""\nhalaman 2"\r\n7.1.5.2;\r\n',
    );
  });

  it('keeps a text that starts like a formula from running', () => {
    const csv = toCsv([['=HYPERLINK("http://x")', '-2', '@SUM(A1)', '+1', '4.1']])
      .toString('utf8')
      .slice(1);
    expect(csv).toBe(`"'=HYPERLINK(""http://x"")";'-2;'@SUM(A1);'+1;4.1\r\n`);
  });
});
