import type { AssessmentSummaryView } from '../assessments/assessment-views.js';
import type { EntryView } from '../audit-programme/programme-views.js';
import { formatDateId } from '../common/dates.js';
import type { Language } from '../i18n/i18n.js';
import { inputText } from '../management-review/review-rules.js';
import type { ReviewView } from '../management-review/review-views.js';
import { textIn } from './report-document.js';

/** What the gap report shows of the unit's internal audits (9.2) and management review (9.3). */
export interface AuditReviewData {
  /** The unit's entries in the audit programmes, newest year first. */
  entries: EntryView[];
  /** The unit's newest reported internal audit and how many findings it raised, or null. */
  lastAudit: { assessment: AssessmentSummaryView; findings: number } | null;
  /** The unit's newest management review with its decisions, or null. */
  review: ReviewView | null;
}

/** The newest reported `internal_audit` cycle of a unit's assessments, or null. */
export const lastReportedAudit = (
  assessments: readonly AssessmentSummaryView[],
): AssessmentSummaryView | null =>
  assessments
    .filter((a) => a.type === 'internal_audit' && a.state === 'reported')
    .sort((a, b) => (b.endsOn ?? b.startsOn).localeCompare(a.endsOn ?? a.startsOn))[0] ?? null;

/**
 * The gap report chapter "internal audit and management review"
 * (templates/reports/partials/gap-audit-review.hbs): the programme entries of the unit with their
 * status, the last reported internal audit, and the last management review with the 9.3.2 inputs
 * discussed and its decisions and actions. Pure: data in, context out.
 */
export function auditReviewSection(data: AuditReviewData, lang: Language) {
  const t = textIn(lang);
  const date = (d: string | null) => (d ? formatDateId(d, lang) : '–');
  const a = data.lastAudit?.assessment;
  const r = data.review;
  const discussed = r ? r.inputs.filter((i) => i.discussed) : [];
  return {
    programmeHeading: t('report.audit_review.programme'),
    entries: data.entries.map((e) => ({
      year: e.year,
      scope: [e.scopeClauses.join(', '), e.scopeProcesses].filter(Boolean).join(' · '),
      planned: `${date(e.plannedStartOn)} – ${date(e.plannedEndOn)}`,
      lead: e.leadAuditor.displayName,
      status:
        t(`report.qms.audit_status.${e.status}`) +
        (e.overdue ? ` (${t('report.qms.audit_status.overdue')})` : ''),
      overdue: e.overdue,
      postponedReason: e.status === 'postponed' ? e.postponedReason : null,
    })),
    noEntries: data.entries.length ? null : t('report.audit_review.no_entries'),
    lastAuditHeading: t('report.audit_review.last_audit'),
    lastAudit: a
      ? t('report.audit_review.last_audit_text', {
          title: a.title,
          period: a.endsOn ? `${date(a.startsOn)} – ${date(a.endsOn)}` : date(a.startsOn),
          findings: data.lastAudit!.findings,
        })
      : t('report.audit_review.no_audit'),
    reviewHeading: t('report.audit_review.review'),
    review: r
      ? {
          text: t('report.audit_review.review_text', {
            title: r.title,
            date: date(r.heldOn),
            chair: r.chair,
            state: t(`report.qms.review_state.${r.state}`),
            discussed: discussed.length,
            total: r.inputs.length,
          }),
          inputs: discussed.map((i) => ({
            clause: i.clause,
            text: inputText(i.code, lang),
            note: i.note,
          })),
          missing: r.inputs
            .filter((i) => !i.discussed)
            .map((i) => `${i.clause} ${inputText(i.code, lang)}`),
          decisions: r.decisions.map((d) => ({
            decision: d.decision,
            action: d.action,
            owner: d.owner,
            dueOn: d.dueOn ? date(d.dueOn) : null,
            status: d.actionStatus
              ? t(
                  d.overdue
                    ? 'report.minutes.action_overdue'
                    : `report.minutes.action_${d.actionStatus}`,
                )
              : t('report.minutes.no_action'),
          })),
          noDecisions: r.decisions.length ? null : t('report.audit_review.no_decisions'),
        }
      : null,
    noReview: r ? null : t('report.audit_review.no_review'),
  };
}
