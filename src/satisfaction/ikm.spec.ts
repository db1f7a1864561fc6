import { lastEndedSemester } from './demo-surveys.js';
import { ELEMENT_CODES, type ElementCode } from './elements.js';
import {
  computeFromAggregate,
  computeFromQuestionnaires,
  gradeOf,
  lowestElements,
  parseDecimal,
  reportedIkmDiffers,
  type Questionnaire,
} from './ikm.js';

const nrrs = (values: string[]) =>
  Object.fromEntries(ELEMENT_CODES.map((c, i) => [c, parseDecimal(values[i])!])) as Record<
    ElementCode,
    NonNullable<ReturnType<typeof parseDecimal>>
  >;

const answers = (values: number[]): Questionnaire['answers'] =>
  Object.fromEntries(ELEMENT_CODES.map((c, i) => [c, values[i]])) as Record<ElementCode, number>;

describe('IKM per Permenpan RB 14/2017', () => {
  // Published reports, per-element NRR as printed (U1…U9 in the regulation's order) and the
  // headline IKM the report prints. Only reports whose complete element table could be read are
  // here; that portal numbers facilities U8 and complaints U9, the reverse of the regulation.
  // Pages whose tables were cut off (e.g. sekadaukab.go.id, semester I 2019: respondents only,
  // no printed totals) are not used: a test must reproduce a published figure, not our own.
  it.each([
    {
      source:
        'https://e-smile.tubaba.go.id/main/skm/laporan/online (Dinas Kependudukan dan Pencatatan Sipil Tulang Bawang Barat, 2023 semester 1: one respondent, all answers 4)',
      respondents: 1,
      nrr: ['4', '4', '4', '4', '4', '4', '4', '4', '4'],
      ikm: 100,
      grade: 'A',
    },
  ])('reproduces $source', ({ respondents, nrr, ikm, grade }) => {
    const result = computeFromAggregate(respondents, nrrs(nrr));
    expect(result.ikm).toBe(ikm);
    expect(result.grade).toBe(grade);
  });

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
