import type { AssessmentDetailView } from '../assessments/assessment-views.js';
import { formatDateId, formatDateTimeWita } from '../common/dates.js';
import type { Language } from '../i18n/i18n.js';
import { meter } from './charts.js';
import type { GapReportData, ReportStamp } from './gap-report-data.js';
import { GAP_REPORT_SECTIONS, periodText, type SectionEnv } from './gap-report-sections.js';
import { composeDocument, textIn, type ReportDocument } from './report-document.js';
import { trustedSvg, type ReportTemplates } from './report-templates.js';

export { GapReportBuilder, type GapReportData, type ReportStamp } from './gap-report-data.js';
export { TARGET_READINESS } from './gap-report-sections.js';

const REPORT_TITLE_KEYS: Record<AssessmentDetailView['type'], string> = {
  gap_assessment: 'report.gap.title',
  internal_audit: 'report.gap.title_internal_audit',
  stage_1: 'report.gap.title_stage_1',
  stage_2: 'report.gap.title_stage_2',
  surveillance: 'report.gap.title_surveillance',
};

/**
 * The template context of the gap report (pure: data in, context out): the cover, then each
 * chapter of GAP_REPORT_SECTIONS (gap-report-sections.ts), numbered, with its table of contents.
 */
export function gapReportContext(data: GapReportData, stamp: ReportStamp, lang: Language) {
  const t = textIn(lang);
  const { assessment: a, unit, readiness, organisation } = data;
  const draft = stamp.reportNumber === null;
  const env: SectionEnv = {
    lang,
    t,
    stamp,
    score: readiness ? readiness.score : a.summary.score,
    period: periodText(data, lang, t),
    unitLabel: unit.shortName ?? unit.name,
  };
  const sections = GAP_REPORT_SECTIONS.flatMap((s) => {
    const body = s.build(data, env);
    return body
      ? [{ anchor: s.anchor, title: t(s.title), partial: s.partial, newPage: s.newPage, body }]
      : [];
  }).map((s, i) => ({ ...s, number: String(i + 1) }));

  const facts = [
    { label: t('report.number'), value: stamp.reportNumber ?? t('report.number_pending') },
    { label: t('report.gap.assessment_type'), value: t(`report.type.${a.type}`) },
    { label: t('report.gap.period'), value: env.period },
    { label: t('report.status'), value: t(draft ? 'report.status_draft' : 'report.status_issued') },
    ...(stamp.issuedBy
      ? [
          { label: t('report.issued_on'), value: formatDateId(stamp.generatedAt, lang) },
          { label: t('report.issued_by'), value: stamp.issuedBy.displayName },
        ]
      : []),
    { label: t('report.data_as_of_label'), value: formatDateTimeWita(data.dataAsOf, lang) },
  ];

  return {
    draft,
    cover: {
      organisation: organisation.name,
      kind: t('report.gap.kind'),
      title: t(REPORT_TITLE_KEYS[a.type]),
      subtitle: a.standardTitle[lang],
      subject: unit.name,
      readiness: env.score,
      readinessMeter: env.score === null ? null : trustedSvg(meter(env.score, { lang })),
      draft,
      generatedAt: stamp.generatedAt,
      facts,
    },
    toc: {
      entries: sections.map(({ anchor, number, title }) => ({ anchor, number, title })),
    },
    sections,
  };
}

/** The gap report as a document for the renderer. */
export function gapReportDocument(
  templates: ReportTemplates,
  data: GapReportData,
  stamp: ReportStamp,
  lang: Language,
): ReportDocument {
  const context = gapReportContext(data, stamp, lang);
  const title = `${context.cover.title} — ${data.unit.name}`;
  const assessors = data.assessment.assessors.map((x) => x.displayName);
  return composeDocument(
    templates,
    'gap-report',
    context,
    {
      subject: data.unit.name,
      reportNumber: stamp.reportNumber,
      generatedAt: stamp.generatedAt,
      dataAsOf: data.dataAsOf,
    },
    {
      title: stamp.reportNumber ? `${title} (${stamp.reportNumber})` : title,
      author: stamp.issuedBy?.displayName ?? (assessors.length ? assessors.join(', ') : 'Mutu'),
      subject: `${data.assessment.title} · ${data.assessment.standardTitle[lang]}`,
    },
    lang,
  );
}
