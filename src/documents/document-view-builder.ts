import type { PersonRef } from '../auth/people.js';
import { isDocumentPresent, isReviewDue, isReviewOverdue, nextReviewOn } from './document-rules.js';
import type { DocumentRevision } from './document-revision.entity.js';
import type { DocumentView, RevisionView } from './document-views.js';
import type { Document } from './document.entity.js';

export interface ViewContext {
  today: string;
  graceDays: number;
  people: Map<string, PersonRef>;
}

const byNumber = (a: { number: string }, b: { number: string }): number =>
  a.number.localeCompare(b.number, 'en', { numeric: true });

export function revisionView(r: DocumentRevision, people: Map<string, PersonRef>): RevisionView {
  return {
    number: r.number,
    summary: r.summary,
    state: r.state,
    sha256: r.sha256,
    size: r.size,
    mediaType: r.mediaType,
    originalName: r.originalName,
    author: (r.authorId && people.get(r.authorId)) || null,
    submittedAt: r.submittedAt,
    approvedBy: (r.approvedById && people.get(r.approvedById)) || null,
    approvedAt: r.approvedAt,
    approvalStatement: r.approvalStatement,
    effectiveFrom: r.effectiveFrom,
    endedAt: r.endedAt,
    createdAt: r.createdAt,
    obsolete: r.state === 'superseded' || r.state === 'withdrawn',
    downloadUrl: `/api/documents/${r.documentId}/revisions/${r.number}/file`,
  };
}

/** A document as lists show it, from its row and its revisions (in number order). */
export function documentView(
  d: Document,
  revisions: DocumentRevision[],
  { today, graceDays, people }: ViewContext,
): DocumentView {
  const effective = revisions.find((r) => r.state === 'effective') ?? null;
  const latest = revisions[revisions.length - 1] ?? null;
  const next = nextReviewOn(effective?.effectiveFrom ?? null, d.lastReviewedOn, d.reviewMonths);
  const rejected = d.rejectedReason !== null;
  return {
    id: d.id,
    unitId: d.unitId,
    number: d.number,
    title: d.title,
    type: d.type,
    owner: d.owner,
    clauses: [...(d.clauses ?? [])]
      .sort(byNumber)
      .map((c) => ({ number: c.number, title: { id: c.titleId, en: c.titleEn } })),
    reviewMonths: d.reviewMonths,
    confidentiality: d.confidentiality,
    organisationWide: d.organisationWide,
    state: effective ? 'effective' : (latest?.state ?? 'no_revision'),
    effectiveRevision:
      effective && effective.effectiveFrom
        ? { number: effective.number, effectiveFrom: effective.effectiveFrom }
        : null,
    lastReviewedOn: d.lastReviewedOn,
    nextReviewOn: next,
    reviewDue: isReviewDue(next, today),
    reviewOverdue: isReviewOverdue(next, today, graceDays),
    counts: isDocumentPresent(
      { clauseNumbers: [], effective: effective !== null, nextReviewOn: next, rejected },
      today,
      graceDays,
    ),
    rejection:
      rejected && d.rejectedAt
        ? {
            reason: d.rejectedReason!,
            by: (d.rejectedById && people.get(d.rejectedById)) || null,
            at: d.rejectedAt,
          }
        : null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}
