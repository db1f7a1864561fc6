import { translate, type Language } from '../i18n/i18n.js';
import { elementName, type ElementCode } from './elements.js';
import { lowestElements, type Grade } from './ikm.js';
import type { SatisfactionSurvey, SurveySource } from './satisfaction-survey.entity.js';
import type { Profile } from './survey-sheet.js';
import { ikmWarnings, type SurveyWarning } from './survey-import.js';

const FORMATS: Record<Language, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** Two decimals in the caller's language: 87.28 → "87,28" (id), "87.28" (en). */
export const formatIkm = (value: number, lang: Language): string => FORMATS[lang].format(value);

export interface SurveyElementView {
  code: ElementCode;
  name: string;
  nrr: number;
}

export interface SurveyView {
  id: string | null;
  unitId: string;
  period: string;
  source: SurveySource;
  label: string | null;
  respondents: number;
  elements: SurveyElementView[];
  /** The elements with the lowest NRR, where improvement starts. */
  lowest: ElementCode[];
  ikm: number;
  grade: Grade;
  gradeLabel: string;
  byService: {
    service: string;
    respondents: number;
    ikm: number;
    grade: Grade;
    elements: { code: ElementCode; nrr: number }[];
  }[];
  reportedIkm: number | null;
  warnings: SurveyWarning[];
  profile: Profile | null;
  sha256: string;
  importedAt: string | null;
}

export interface SurveySummary {
  id: string;
  period: string;
  source: SurveySource;
  label: string | null;
  respondents: number;
  ikm: number;
  grade: Grade;
  importedAt: string;
}

type SurveyFields = Omit<SatisfactionSurvey, 'id' | 'createdAt' | 'updatedAt' | 'importedById'> & {
  id?: string;
  createdAt?: Date;
};

export const gradeLabel = (grade: Grade, lang: Language): string =>
  translate(lang, `survey.grade.${grade}`);

export function surveyView(s: SurveyFields, lang: Language): SurveyView {
  const ikm = s.ikmHundredths / 100;
  return {
    id: s.id ?? null,
    unitId: s.unitId,
    period: s.period,
    source: s.source,
    label: s.label,
    respondents: s.respondents,
    elements: s.elements.map((e) => ({
      code: e.code,
      name: elementName(e.code, lang),
      nrr: e.nrr,
    })),
    lowest: lowestElements(s.elements),
    ikm,
    grade: s.grade,
    gradeLabel: gradeLabel(s.grade, lang),
    byService: s.byService.map((b) => ({
      service: b.service,
      respondents: b.respondents,
      ikm: b.ikm,
      grade: b.grade,
      elements: b.elements.map((e) => ({ code: e.code, nrr: e.nrr })),
    })),
    reportedIkm: s.reportedIkmHundredths === null ? null : s.reportedIkmHundredths / 100,
    warnings: ikmWarnings(s.reportedIkmHundredths, ikm, lang, (n) => formatIkm(n, lang)),
    profile: s.profile,
    sha256: s.fileSha256,
    importedAt: s.createdAt ? s.createdAt.toISOString() : null,
  };
}

export const surveySummary = (s: SatisfactionSurvey): SurveySummary => ({
  id: s.id,
  period: s.period,
  source: s.source,
  label: s.label,
  respondents: s.respondents,
  ikm: s.ikmHundredths / 100,
  grade: s.grade,
  importedAt: s.createdAt.toISOString(),
});
