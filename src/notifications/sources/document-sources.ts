import { addDays, todayInZone } from '../../common/dates.js';
import { nextReviewOn } from '../../documents/document-rules.js';
import type { NotificationCandidate, NotificationSource } from '../notification-source.js';
import { LIVE_UNIT, officersOf, unitHeadsOf } from './recipient-sql.js';
import { instant, text } from './sql.js';

/** Days ahead that a document's periodic review is announced. */
export const DOCUMENT_REVIEW_NOTICE_DAYS = 14;

/**
 * A revision submitted for approval (`in_review`) → the unit heads of the document's unit who did
 * not write it (nobody approves their own revision), once per submission day. Mailed at once.
 */
export const documentRevisionAwaitingApproval: NotificationSource = {
  name: 'document-revision-awaiting-approval',
  kinds: ['document_revision_awaiting_approval'],
  query: () => ({
    sql: `SELECT r.id, r.number AS revision, r.submitted_at, r.created_at, d.id AS document_id,
                 d.unit_id, d.number, d.title, ua.id AS recipient_id
            FROM document_revision r
           INNER JOIN document d ON d.id = r.document_id
           ${unitHeadsOf('d.unit_id')}
           WHERE r.state = 'in_review' AND (r.author_id IS NULL OR r.author_id <> ua.id)
             AND ${LIVE_UNIT('d.unit_id')}`,
  }),
  candidates: (rows) =>
    rows.map((r) => ({
      kind: 'document_revision_awaiting_approval',
      recordId: text(r.id),
      recipientId: text(r.recipient_id),
      unitId: text(r.unit_id),
      dueOn: todayInZone(instant(r.submitted_at ?? r.created_at)),
      // Shown "Rev. 0" for the first revision, as on the document pages.
      params: {
        number: text(r.number),
        title: text(r.title),
        revision: String(Number(r.revision) - 1),
      },
      url: `/documents/${text(r.document_id)}`,
    })),
};

/**
 * Controlled documents with an effective revision whose periodic review (document-rules
 * `nextReviewOn`) falls within 14 days, or has passed → the unit's officers and unit heads, once
 * per review day (a review done moves the day, so the next one is told again).
 */
export const documentReviewDue: NotificationSource = {
  name: 'document-review-due',
  kinds: ['document_review_due', 'document_review_overdue'],
  query() {
    const select = (recipients: string): string => `
      SELECT d.id, d.unit_id, d.number, d.title, d.review_months,
             CAST(d.last_reviewed_on AS VARCHAR(10)) AS last_reviewed_on,
             CAST(r.effective_from AS VARCHAR(10)) AS effective_from, ua.id AS recipient_id
        FROM document d
       INNER JOIN document_revision r ON r.document_id = d.id AND r.state = 'effective'
       ${recipients}
       WHERE r.effective_from IS NOT NULL AND ${LIVE_UNIT('d.unit_id')}`;
    return { sql: `${select(officersOf('d.unit_id'))} UNION ${select(unitHeadsOf('d.unit_id'))}` };
  },
  candidates(rows, now) {
    const today = todayInZone(now);
    const horizon = addDays(today, DOCUMENT_REVIEW_NOTICE_DAYS);
    const out: NotificationCandidate[] = [];
    for (const r of rows) {
      const due = nextReviewOn(
        text(r.effective_from),
        r.last_reviewed_on ? text(r.last_reviewed_on) : null,
        Number(r.review_months),
      );
      if (due === null || due > horizon) continue;
      out.push({
        kind: due < today ? 'document_review_overdue' : 'document_review_due',
        recordId: text(r.id),
        recipientId: text(r.recipient_id),
        unitId: text(r.unit_id),
        dueOn: due,
        params: { number: text(r.number), title: text(r.title), date: due },
        url: `/documents/${text(r.id)}`,
      });
    }
    return out;
  },
};
