import { ELEMENT_CODES, type ElementCode } from './elements.js';

/**
 * The public satisfaction index (IKM) of Permenpan RB 14/2017, computed exactly:
 *
 *   NRR of an element = sum of its answers ÷ number of answers
 *   IKM               = Σ (NRR × 1/9) × 25
 *
 * The weight is the fraction 1/9, not 0,111: published unit reports only reproduce with the exact
 * fraction. Arithmetic is on integer fractions (BigInt), so the only rounding is the final one to
 * two decimals (half up), as the reports print it. A unit's IKM pools every respondent; it is
 * never the mean of its services' IKMs.
 */

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/** Lower bound (in hundredths of a point) of each grade's band. */
const BANDS: readonly [Grade, number][] = [
  ['A', 8831],
  ['B', 7661],
  ['C', 6500],
  ['D', 2500],
];

/** A non-negative fraction num/den. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const reduce = ({ num, den }: Fraction): Fraction => {
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
};
const add = (a: Fraction, b: Fraction): Fraction =>
  reduce({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
const times = (a: Fraction, num: bigint, den: bigint): Fraction =>
  reduce({ num: a.num * num, den: a.den * den });

/** The fraction rounded half up to `digits` decimals, as a plain number. */
export function roundFraction(f: Fraction, digits: number): number {
  const scale = 10n ** BigInt(digits);
  const scaled = (2n * f.num * scale + f.den) / (2n * f.den);
  return Number(scaled) / Number(scale);
}

/** A decimal written with comma or point ("3,456", "3.5", "4") as an exact fraction; null otherwise. */
export function parseDecimal(text: string): Fraction | null {
  const m = /^(\d{1,6})(?:[.,](\d{1,6}))?$/.exec(text.trim());
  if (!m) return null;
  const decimals = m[2] ?? '';
  const den = 10n ** BigInt(decimals.length);
  return reduce({ num: BigInt(m[1] + decimals), den });
}

export const fractionOf = (num: number, den = 1): Fraction =>
  reduce({ num: BigInt(num), den: BigInt(den) });

/** Σ(NRR × 1/9) × 25 for the nine NRRs, exact. */
export function ikmFraction(nrr: Readonly<Record<ElementCode, Fraction>>): Fraction {
  let total: Fraction = { num: 0n, den: 1n };
  for (const code of ELEMENT_CODES) total = add(total, times(nrr[code], 1n, 9n));
  return times(total, 25n, 1n);
}

/** The grade of an IKM as printed (two decimals): A 88,31–100; B 76,61–88,30; C 65,00–76,60; D 25,00–64,99. */
export function gradeOf(ikm: number): Grade {
  const hundredths = Math.round(ikm * 100);
  return BANDS.find(([, from]) => hundredths >= from)?.[0] ?? 'D';
}

export interface ElementTally {
  sum: number;
  answers: number;
}

export interface ElementResult {
  code: ElementCode;
  /** NRR to three decimals (for display; the IKM is computed from the exact value). */
  nrr: number;
  /** Sum and count of answers; null when only the aggregate NRR is known. */
  sum: number | null;
  answers: number;
}

export interface IkmResult {
  respondents: number;
  elements: ElementResult[];
  ikm: number;
  grade: Grade;
}

export interface ServiceResult extends IkmResult {
  service: string;
}

export interface SurveyResult extends IkmResult {
  byService: ServiceResult[];
}

export interface Questionnaire {
  service: string | null;
  answers: Readonly<Record<ElementCode, number>>;
}

function fromTallies(
  respondents: number,
  tallies: Readonly<Record<ElementCode, ElementTally>>,
): IkmResult {
  const nrr = {} as Record<ElementCode, Fraction>;
  for (const code of ELEMENT_CODES)
    nrr[code] = fractionOf(tallies[code].sum, tallies[code].answers);
  const ikm = roundFraction(ikmFraction(nrr), 2);
  return {
    respondents,
    elements: ELEMENT_CODES.map((code) => ({
      code,
      nrr: roundFraction(nrr[code], 3),
      sum: tallies[code].sum,
      answers: tallies[code].answers,
    })),
    ikm,
    grade: gradeOf(ikm),
  };
}

const emptyTallies = (): Record<ElementCode, ElementTally> =>
  Object.fromEntries(ELEMENT_CODES.map((c) => [c, { sum: 0, answers: 0 }])) as Record<
    ElementCode,
    ElementTally
  >;

/** Label of respondents who named no service, in the per-service breakdown. */
export const NO_SERVICE = '';

/** IKM over all questionnaires (pooled), and per service when any row names one. */
export function computeFromQuestionnaires(rows: readonly Questionnaire[]): SurveyResult {
  if (rows.length === 0) throw new Error('a survey needs at least one questionnaire');
  const all = emptyTallies();
  const services = new Map<
    string,
    { respondents: number; tallies: Record<ElementCode, ElementTally> }
  >();
  for (const row of rows) {
    const key = row.service?.trim() ?? NO_SERVICE;
    let s = services.get(key);
    if (!s) services.set(key, (s = { respondents: 0, tallies: emptyTallies() }));
    s.respondents += 1;
    for (const code of ELEMENT_CODES) {
      const answer = row.answers[code];
      all[code].sum += answer;
      all[code].answers += 1;
      s.tallies[code].sum += answer;
      s.tallies[code].answers += 1;
    }
  }
  const named = [...services.keys()].some((k) => k !== NO_SERVICE);
  return {
    ...fromTallies(rows.length, all),
    byService: named
      ? [...services.entries()]
          .sort(([a], [b]) => a.localeCompare(b, 'id'))
          .map(([service, s]) => ({ service, ...fromTallies(s.respondents, s.tallies) }))
      : [],
  };
}

/** IKM from published per-element NRRs (where only aggregates exist). */
export function computeFromAggregate(
  respondents: number,
  nrr: Readonly<Record<ElementCode, Fraction>>,
): SurveyResult {
  const ikm = roundFraction(ikmFraction(nrr), 2);
  return {
    respondents,
    elements: ELEMENT_CODES.map((code) => ({
      code,
      nrr: roundFraction(nrr[code], 3),
      sum: null,
      answers: respondents,
    })),
    ikm,
    grade: gradeOf(ikm),
    byService: [],
  };
}

/**
 * Whether a published headline IKM disagrees with the recomputed one by more than its rounding
 * to two decimals (half a hundredth).
 */
export function reportedIkmDiffers(reported: Fraction, computed: number): boolean {
  const computedHundredths = BigInt(Math.round(computed * 100));
  // |reported − computed| > 0.005  ⇔  |200·reported − 200·computed| > 1
  const lhs = 200n * reported.num - 2n * computedHundredths * reported.den;
  return (lhs < 0n ? -lhs : lhs) > reported.den;
}

/** The elements with the lowest NRR (ties included), the first place to improve. */
export function lowestElements(elements: readonly ElementResult[], count = 2): ElementCode[] {
  const sorted = [...elements].sort((a, b) => a.nrr - b.nrr);
  const cut = sorted[Math.min(count, sorted.length) - 1]?.nrr;
  return cut === undefined ? [] : sorted.filter((e) => e.nrr <= cut).map((e) => e.code);
}
