import { lastEndedSemester } from './demo-surveys.js';
import { ELEMENT_CODES, type ElementCode } from './elements.js';
import {
  computeFromAggregate,
  computeFromQuestionnaires,
  gradeOf,
  lowestElements,
  parseDecimal,
  reportedIkmDiffers,
  roundFraction,
  type Questionnaire,
} from './ikm.js';
import { ikmWarnings } from './survey-import.js';
import { formatIkm } from './survey-views.js';

const nrrs = (values: string[]) =>
  Object.fromEntries(ELEMENT_CODES.map((c, i) => [c, parseDecimal(values[i])!])) as Record<
    ElementCode,
    NonNullable<ReturnType<typeof parseDecimal>>
  >;

const answers = (values: number[]): Questionnaire['answers'] =>
  Object.fromEntries(ELEMENT_CODES.map((c, i) => [c, values[i]])) as Record<ElementCode, number>;

/** Σ NRR × 0,111 × 25, the shortcut some reports print, rounded half up (for comparison only). */
const ikmWith0111 = (values: string[]) => {
  const thousandths = values.reduce((sum, v) => {
    const f = parseDecimal(v)!;
    return sum + (f.num * 1000n) / f.den;
  }, 0n);
  return roundFraction({ num: thousandths * 111n * 25n, den: 1_000_000n }, 2);
};

describe('IKM per Permenpan RB 14/2017', () => {
  // Published unit reports found in the stored copies of public pages (searched 2026-12-02 with
  // queries such as "laporan survei kepuasan masyarakat NRR per unsur IKM U1 U2 U9",
  // "nilai rata-rata per unsur pelayanan NRR tertimbang IKM 80", "PENGOLAHAN DATA SURVEI KEPUASAN
  // MASYARAKAT PER RESPONDEN DAN PER UNSUR PELAYANAN", "Tahun | Nilai IKM | … No | Unsur | Nilai").
  // Values are copied as printed, in the page's own order, which here is the regulation's U1…U9
  // except where noted. Most long reports (scribd, 123dok, docplayer) are stored only up to their
  // first pages, before the element table, so they could not be used.
  const PUBLISHED = [
    {
      source: 'https://skm.bantulkab.go.id/skpd-45c48cce2e2d7fbdea1afc51c7c6ad26',
      title:
        'SKM Kabupaten Bantul: Nilai IKM Dinas Pertanahan dan Tata Ruang (Kundha Niti Mandala Sarta Tata Sasana) 2023',
      where:
        'the page\'s table "No | Unsur | Nilai" (Persyaratan … Sarana dan prasarana) and "Tahun | Nilai IKM", row 2023',
      nrr: ['3.31', '3.35', '3.49', '3.93', '3.45', '3.39', '3.39', '3.76', '3.35'],
      printedIkm: '87.28',
      // The unit's grade is not printed; the grades it prints for its services are checked below.
      printedGrade: null,
      // With the 0,111 shortcut the same table would give 87,19: only 1/9 reproduces the page.
      with0111: 87.19,
    },
    {
      source: 'https://e-smile.tubaba.go.id/main/skm/laporan/online',
      title:
        'Laporan Survey Kepuasan Masyarakat (SKM) (Online), Dinas Kependudukan dan Pencatatan Sipil Tulang Bawang Barat, Tahun 2023 Semester 1',
      where:
        'table "PENGOLAHAN DATA SURVEI KEPUASAN MASYARAKAT PER RESPONDEN DAN PER UNSUR PELAYANAN", rows "NRR / Unsur" and "IKM UNIT PELAYANAN" (one respondent; this portal numbers facilities U8 and complaints U9)',
      nrr: ['4', '4', '4', '4', '4', '4', '4', '4', '4'],
      printedIkm: '100',
      printedGrade: 'A', // "IKM UNIT PELAYANAN 100 (Sangat Baik)"
      // The page says "NRR tertimbang per unsur = NRR per unsur x 0,111" yet prints 100: with
      // 0,111 the all-fours survey would be 99,90. The exact 1/9 gives the page's figure.
      with0111: 99.9,
    },
  ];

  it.each(PUBLISHED)(
    'reproduces $source ($title) to its printed precision',
    ({ nrr, printedIkm, printedGrade, with0111 }) => {
      const result = computeFromAggregate(1, nrrs(nrr));
      const decimals = printedIkm.split('.')[1]?.length ?? 0;
      expect(result.ikm.toFixed(decimals)).toBe(Number(printedIkm).toFixed(decimals));
      if (printedGrade) expect(result.grade).toBe(printedGrade);
      expect(reportedIkmDiffers(parseDecimal(printedIkm)!, result.ikm)).toBe(false);
      // The 0,111 shortcut does not reproduce these reports.
      expect(ikmWith0111(nrr)).toBe(with0111);
      expect(reportedIkmDiffers(parseDecimal(printedIkm)!, with0111)).toBe(true);
    },
  );

  it('grades the service IKMs the Bantul page prints as it does (75.56 C, 86.29 B, 94.61 A)', () => {
    // Same page as above, table "No | Layanan | IKM | Nilai".
    expect(gradeOf(75.56)).toBe('C');
    expect(gradeOf(86.29)).toBe('B');
    expect(gradeOf(94.61)).toBe('A');
  });

  // Documented case: a published table whose headline figures do not follow from its own element
  // values with either weight. Source: https://dpmptsp.bogorkab.go.id/indeks-kepuasan-masyarakat/
  // ("Hasil dan Target Survey Kepuasan Masyarakat atas Pelayanan pada Badan Penanaman Modal dan
  // Pelayanan Terpadu Satu Pintu Tahun 2015, Tahun 2016, Tahun 2017 dan Tahun 2018"; the column
  // heads are misprinted "2011 2012 2013 2014"; two columns of element values, then the rows
  // "NRR TERTIMBANG PER UNSUR 3,04 3,054" and "INDEKS KEPUASAN MASYARAKAT 75,98 76,04 76,47 76,79",
  // read here as 2015 and 2016 in the first two places). Its nine elements are those of Permenpan
  // 16/2014 (U8 "Maklumat Pelayanan"), computed with the same formula; its "BAIK" follows the older
  // bands, so the grade is not compared. The import flags such a headline as "tidak sesuai".
  it.each([
    {
      column: 'first (2015)',
      nrr: ['3.100', '3.300', '2.900', '3.300', '3.000', '3.100', '3.300', '3.100', '3.200'],
      printedWeighted: '3,04',
      printedIkm: '75,98',
      ours: { weighted: 3.144, ikm: 78.61, with0111: 78.53 },
    },
    {
      column: 'second (2016)',
      nrr: ['3.100', '3.080', '2.933', '3.060', '3.087', '3.140', '3.200', '2.947', '2.940'],
      printedWeighted: '3,054',
      printedIkm: '76,04',
      ours: { weighted: 3.054, ikm: 76.35, with0111: 76.28 },
    },
  ])(
    'DPMPTSP Kabupaten Bogor, $column column: recomputed and flagged as not matching its printed IKM',
    ({ nrr, printedIkm, ours }) => {
      const result = computeFromAggregate(1, nrrs(nrr));
      const sum = nrr.reduce((n, v) => n + Number(v), 0);
      expect(Number((sum / 9).toFixed(3))).toBe(ours.weighted);
      expect(result.ikm).toBe(ours.ikm);
      expect(ikmWith0111(nrr)).toBe(ours.with0111);
      const reported = parseDecimal(printedIkm)!;
      expect(reportedIkmDiffers(reported, result.ikm)).toBe(true);
      expect(reportedIkmDiffers(reported, ours.with0111)).toBe(true);
      const hundredths = Math.round(Number(printedIkm.replace(',', '.')) * 100);
      expect(ikmWarnings(hundredths, result.ikm, 'id', (n) => formatIkm(n, 'id'))).toEqual([
        {
          code: 'ikm_mismatch',
          message: `IKM yang dilaporkan ${printedIkm} tidak sesuai dengan perhitungan ${formatIkm(result.ikm, 'id')}`,
        },
      ]);
    },
  );

  it('is exactly 100,00 when every answer is 4, and 25,00 when every answer is 1', () => {
    const fours = Array.from({ length: 37 }, () => ({
      service: null,
      answers: answers(Array(9).fill(4)),
    }));
    expect(computeFromQuestionnaires(fours)).toMatchObject({
      ikm: 100,
      grade: 'A',
      respondents: 37,
    });
    const ones = [{ service: null, answers: answers(Array(9).fill(1)) }];
    expect(computeFromQuestionnaires(ones)).toMatchObject({ ikm: 25, grade: 'D' });
  });

  it('weights by the exact fraction 1/9, not 0,111', () => {
    // NRR sum 31,05: exact 31,05 × 25 / 9 = 86,25; with 0,111 it would print 86,16.
    const result = computeFromAggregate(
      100,
      nrrs(['3,45', '3,45', '3,45', '3,45', '3,45', '3,45', '3,45', '3,45', '3,45']),
    );
    expect(result.ikm).toBe(86.25);
    expect(result.grade).toBe('B');
  });

  it('computes NRR as the sum over the number of answers, and rounds half up only at the end', () => {
    // 3 respondents: U1 sums to 10 → NRR 3,333…; all others 4.
    const rows = [
      { service: null, answers: answers([4, 4, 4, 4, 4, 4, 4, 4, 4]) },
      { service: null, answers: answers([3, 4, 4, 4, 4, 4, 4, 4, 4]) },
      { service: null, answers: answers([3, 4, 4, 4, 4, 4, 4, 4, 4]) },
    ];
    const result = computeFromQuestionnaires(rows);
    expect(result.elements[0]).toEqual({ code: 'U1', nrr: 3.333, sum: 10, answers: 3 });
    // (10/3 + 32) × 25/9 = 98,1481… → 98,15
    expect(result.ikm).toBe(98.15);
  });

  it('pools all respondents for the unit instead of averaging the services', () => {
    const rows: Questionnaire[] = [
      ...Array.from({ length: 3 }, () => ({
        service: 'KTP-el',
        answers: answers(Array(9).fill(4)),
      })),
      { service: 'Akta kelahiran', answers: answers(Array(9).fill(2)) },
    ];
    const result = computeFromQuestionnaires(rows);
    // pooled NRR (4+4+4+2)/4 = 3,5 → 87,50; the mean of the services (100 + 50) / 2 would be 75
    expect(result.ikm).toBe(87.5);
    expect(result.byService.map((s) => [s.service, s.respondents, s.ikm, s.grade])).toEqual([
      ['Akta kelahiran', 1, 50, 'D'],
      ['KTP-el', 3, 100, 'A'],
    ]);
  });

  it.each([
    [100, 'A'],
    [88.31, 'A'],
    [88.3, 'B'],
    [76.61, 'B'],
    [76.6, 'C'],
    [65, 'C'],
    [64.99, 'D'],
    [25, 'D'],
  ])('grades %d as %s', (ikm, grade) => {
    expect(gradeOf(ikm)).toBe(grade);
  });

  it('flags a published IKM that differs by more than its rounding', () => {
    expect(reportedIkmDiffers(parseDecimal('80,00')!, 81.25)).toBe(true);
    expect(reportedIkmDiffers(parseDecimal('81,25')!, 81.25)).toBe(false);
    expect(reportedIkmDiffers(parseDecimal('81,3')!, 81.25)).toBe(true);
    expect(reportedIkmDiffers(parseDecimal('81,255')!, 81.25)).toBe(false);
  });

  it('names the lowest elements, ties included', () => {
    const result = computeFromAggregate(
      10,
      nrrs(['3,5', '3,1', '3,6', '4', '3,1', '3,2', '3,9', '3,0', '3,7']),
    );
    expect(lowestElements(result.elements, 2)).toEqual(['U8', 'U2', 'U5']);
  });
});

describe('demo survey period', () => {
  it.each([
    ['2026-12-01', '2026-S1'],
    ['2026-07-01', '2026-S1'],
    ['2026-06-30', '2025-S2'],
    ['2027-01-15', '2026-S2'],
  ])('on %s the last ended semester is %s', (today, period) => {
    expect(lastEndedSemester(today)).toBe(period);
  });
});
