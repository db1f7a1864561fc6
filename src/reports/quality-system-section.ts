import type { AuditProgrammeService } from '../audit-programme/audit-programme.service.js';
import type { EntryStatus } from '../audit-programme/programme-rules.js';
import type { Principal } from '../auth/principal.js';
import { formatDateId } from '../common/dates.js';
import { formatPercent } from '../common/numbers.js';
import type { ComplaintsService } from '../complaints/complaints.service.js';
import type { Language } from '../i18n/i18n.js';
import type { ManagementReviewService } from '../management-review/management-review.service.js';
import type { ReviewState } from '../management-review/review-rules.js';
import type { ObjectivesService } from '../objectives/objectives.service.js';
import type { RisksService } from '../risks/risks.service.js';
import { textIn } from './report-document.js';

/** One unit's quality system (9.2, 9.3, 6.1, 6.2, 9.1.2) as the management summary shows it. */
export interface UnitQualitySystem {
  unitId: string;
  /** The unit's entries in this year's audit programme. */
  audits: { status: EntryStatus; overdue: boolean }[];
  review: { heldOn: string; state: ReviewState } | null;
  openActions: number;
  overdueActions: number;
  risks: { risks: number; high: number; untreated: number };
  objectives: { onTrack: number; offTrack: number; noData: number };
  complaints: { received: number; withinLimit: number | null; overdue: number };
}

export interface QualitySystemData {
  /** The audit programme's year (this year). */
  year: number;
  /** The complaint period (this semester, `2026-S2`). */
  period: string;
  units: Record<string, UnitQualitySystem>;
}

export interface QualitySystemSources {
  auditProgramme: AuditProgrammeService;
  reviews: ManagementReviewService;
  risks: RisksService;
  objectives: ObjectivesService;
  complaints: ComplaintsService;
}

/**
 * Reads the quality system of every unit of the organisation the caller sees: one query (or two)
 * per kind of record across all the units, never one per unit.
 */
export async function loadQualitySystem(
  s: QualitySystemSources,
  me: Principal,
  organisationId: string,
  unitIds: readonly string[],
  year: number,
): Promise<QualitySystemData> {
  const programme = (await s.auditProgramme.list(me, organisationId)).find((p) => p.year === year);
  const entries = programme ? (await s.auditProgramme.get(me, programme.id)).entries : [];
  const reviews = await s.reviews.organisationOverview(me, organisationId);
  const risks = await s.risks.organisationCounts(me, organisationId);
  const objectives = await s.objectives.organisationObjectives(me, organisationId);
  const complaints = await s.complaints.unitSummaries(me, organisationId);
  const units: Record<string, UnitQualitySystem> = {};
  for (const unitId of unitIds) {
    const review = reviews.get(unitId);
    const own = objectives.get(unitId) ?? [];
    units[unitId] = {
      unitId,
      audits: entries
        .filter((e) => e.unit.id === unitId)
        .map((e) => ({ status: e.status, overdue: e.overdue })),
      review: review?.last ? { heldOn: review.last.heldOn, state: review.last.state } : null,
      openActions: review?.open ?? 0,
      overdueActions: review?.overdue ?? 0,
      risks: risks.get(unitId) ?? { risks: 0, high: 0, untreated: 0 },
      objectives: {
        onTrack: own.filter((o) => o.state === 'on_track').length,
        offTrack: own.filter((o) => o.state === 'off_track').length,
        noData: own.filter((o) => o.state === 'no_data').length,
      },
      complaints: complaints.units.get(unitId) ?? { received: 0, withinLimit: null, overdue: 0 },
    };
  }
  return { year, period: complaints.period, units };
}

/**
 * The management summary's section "quality management system": a row per unit with this year's
 * internal audit status, the last management review and its open actions, the high risks, the
 * objectives on and off track and this semester's complaints. Pure: data in, context out.
 */
export function qualitySystemSection(
  data: QualitySystemData,
  units: readonly { unitId: string; name: string; code: string }[],
  number: string,
  lang: Language,
) {
  const t = textIn(lang);
  const audit = (u: UnitQualitySystem): string =>
    u.audits.length === 0
      ? t('report.qms.audit_none')
      : u.audits
          .map(
            (a) =>
              t(`report.qms.audit_status.${a.status}`) +
              (a.overdue ? ` (${t('report.qms.audit_status.overdue')})` : ''),
          )
          .join('; ');
  return {
    number,
    heading: t('report.qms.heading'),
    lead: t('report.qms.lead', { year: data.year, period: data.period }),
    columns: {
      audit: t('report.qms.col_audit', { year: data.year }),
      review: t('report.qms.col_review'),
      actions: t('report.qms.col_actions'),
      risks: t('report.qms.col_risks'),
      objectives: t('report.qms.col_objectives'),
      complaints: t('report.qms.col_complaints', { period: data.period }),
    },
    rows: units.map((unit) => {
      const u = data.units[unit.unitId];
      return {
        name: unit.name,
        code: unit.code,
        audit: audit(u),
        auditOverdue: u.audits.some((a) => a.overdue),
        review: u.review
          ? `${formatDateId(u.review.heldOn, lang)} · ${t(`report.qms.review_state.${u.review.state}`)}`
          : t('report.qms.review_none'),
        actions: t('report.qms.actions', { open: u.openActions, overdue: u.overdueActions }),
        risks: t('report.qms.risks', { high: u.risks.high, untreated: u.risks.untreated }),
        objectives: t('report.qms.objectives', {
          on: u.objectives.onTrack,
          off: u.objectives.offTrack,
          none: u.objectives.noData,
        }),
        complaints:
          u.complaints.received === 0
            ? t('report.qms.complaints_none')
            : t('report.qms.complaints', {
                received: u.complaints.received,
                within: formatPercent(u.complaints.withinLimit, lang),
                overdue: u.complaints.overdue,
              }),
      };
    }),
    empty: units.length ? null : t('report.summary.no_units'),
  };
}

/** The section's entry in the table of contents. */
export const qualitySystemTocEntry = (section: ReturnType<typeof qualitySystemSection>) => ({
  anchor: 'quality-system',
  number: section.number,
  title: section.heading,
});
