import { formatDateTimeWita } from '../common/dates.js';
import { formatPercent } from '../common/numbers.js';
import type { Language } from '../i18n/i18n.js';
import type { ComplaintMetricsView } from '../complaints/complaint-views.js';
import { formatIkm, type SurveyView } from '../satisfaction/survey-views.js';
import {
  composeDocument,
  textIn,
  type ReportDocument,
  type ReportOrganisation,
} from './report-document.js';
import type { ReportTemplates } from './report-templates.js';

export interface EvidenceReportSubject {
  organisation: ReportOrganisation;
  unit: { name: string; code: string };
  generatedAt: Date;
}

/** Working days, one decimal at most, in the language; "–" when nothing was measured. */
const days = (n: number | null, lang: Language): string =>
  n === null
    ? '–'
    : new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
        maximumFractionDigits: 1,
      }).format(n);

/** The survey report (9.1.2): IKM, grade, per-element NRR, per-service IKM, respondents. */
export function surveyReportDocument(
  templates: ReportTemplates,
  s: EvidenceReportSubject,
  survey: SurveyView,
  lang: Language,
): ReportDocument {
  const t = textIn(lang);
  const ikm = formatIkm(survey.ikm, lang);
  const lowest = new Set<string>(survey.lowest);
  const profile = survey.profile
    ? Object.entries(survey.profile)
        .filter(([, counts]) => Object.keys(counts).length > 0)
        .map(([field, counts]) => ({
          field: t(`survey.profile.${field}`),
          values: Object.entries(counts).map(([value, count]) => ({ value, count })),
        }))
    : [];
  const context = {
    draft: false,
    cover: {
      organisation: s.organisation.name,
      kind: t('report.survey.kind'),
      title: t('report.survey.title', { period: survey.period }),
      subtitle: t('report.survey.subtitle'),
      subject: s.unit.name,
      readiness: null,
      readinessMeter: null,
      draft: false,
      generatedAt: s.generatedAt,
      facts: [
        { label: t('report.survey.period'), value: survey.period },
        { label: t('report.survey.ikm'), value: ikm },
        { label: t('report.survey.grade'), value: `${survey.grade} (${survey.gradeLabel})` },
        { label: t('report.survey.respondents'), value: String(survey.respondents) },
        { label: t('report.survey.source'), value: t(`report.survey.source_${survey.source}`) },
        { label: t('report.data_as_of_label'), value: formatDateTimeWita(s.generatedAt, lang) },
      ],
    },
    ikm,
    grade: survey.grade,
    gradeLabel: survey.gradeLabel,
    period: survey.period,
    respondents: survey.respondents,
    elements: survey.elements.map((e, i) => ({
      number: i + 1,
      name: e.name,
      nrr: formatIkm(e.nrr, lang),
      lowest: lowest.has(e.code),
    })),
    services: survey.byService.map((b) => ({
      service: b.service,
      respondents: b.respondents,
      ikm: formatIkm(b.ikm, lang),
      grade: b.grade,
    })),
    warnings: survey.warnings.map((w) => w.message),
    profile,
  };
  return composeDocument(
    templates,
    'survey-report',
    context,
    {
      subject: s.unit.name,
      // Not numbered (issued) nor a draft: the header names the survey.
      reportNumber: `SKM ${survey.period}`,
      generatedAt: s.generatedAt,
      dataAsOf: s.generatedAt,
    },
    {
      title: `${t('report.survey.title', { period: survey.period })} — ${s.unit.name}`,
      author: s.organisation.name,
      subject: t('report.survey.subtitle'),
    },
    lang,
  );
}

/** The period's complaint summary (9.1.2, 8.2.1): volumes, service times, open and overdue. */
export function complaintSummaryDocument(
  templates: ReportTemplates,
  s: EvidenceReportSubject,
  m: ComplaintMetricsView,
  lang: Language,
): ReportDocument {
  const t = textIn(lang);
  const duration = (label: string, d: ComplaintMetricsView['firstResponse'], limit: number) => ({
    label,
    limit,
    measured: d.measured,
    median: days(d.median, lang),
    p90: days(d.p90, lang),
    within: formatPercent(d.withinLimit, lang),
  });
  const context = {
    draft: false,
    cover: {
      organisation: s.organisation.name,
      kind: t('report.complaints.kind'),
      title: t('report.complaints.title', { period: m.period }),
      subtitle: t('report.complaints.subtitle'),
      subject: s.unit.name,
      readiness: null,
      readinessMeter: null,
      draft: false,
      generatedAt: s.generatedAt,
      facts: [
        { label: t('report.survey.period'), value: m.period },
        { label: t('report.complaints.received'), value: String(m.received) },
        { label: t('report.complaints.open'), value: String(m.open) },
        { label: t('report.complaints.overdue'), value: String(m.overdue) },
        { label: t('report.data_as_of_label'), value: formatDateTimeWita(s.generatedAt, lang) },
      ],
    },
    period: m.period,
    durations: [
      duration(t('report.complaints.first_response'), m.firstResponse, m.limits.verifyDays),
      duration(t('report.complaints.resolution'), m.resolution, m.limits.followUpDays),
    ],
    byCategory: m.byCategory,
    byChannel: m.byChannel,
    trend: m.trend.map((p) => ({ ...p, medianResolution: days(p.medianResolution, lang) })),
  };
  return composeDocument(
    templates,
    'complaint-summary',
    context,
    {
      subject: s.unit.name,
      reportNumber: t('report.complaints.short', { period: m.period }),
      generatedAt: s.generatedAt,
      dataAsOf: s.generatedAt,
    },
    {
      title: `${t('report.complaints.title', { period: m.period })} — ${s.unit.name}`,
      author: s.organisation.name,
      subject: t('report.complaints.subtitle'),
    },
    lang,
  );
}
