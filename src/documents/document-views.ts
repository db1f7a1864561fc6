import type { PersonRef } from '../auth/people.js';
import type { Confidentiality, DocumentType, RevisionState } from './document-types.js';

export interface ClauseRef {
  number: string;
  title: { id: string; en: string };
}

export interface RevisionView {
  number: number;
  summary: string;
  state: RevisionState;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  author: PersonRef | null;
  submittedAt: Date | null;
  approvedBy: PersonRef | null;
  approvedAt: Date | null;
  approvalStatement: string | null;
  effectiveFrom: string | null;
  endedAt: Date | null;
  createdAt: Date;
  /** Superseded or withdrawn: shown with the "TIDAK BERLAKU" watermark. */
  obsolete: boolean;
  downloadUrl: string;
}

export interface DocumentView {
  id: string;
  unitId: string;
  number: string;
  title: string;
  type: DocumentType;
  owner: string | null;
  clauses: ClauseRef[];
  reviewMonths: number;
  confidentiality: Confidentiality;
  organisationWide: boolean;
  /** State of the document as the master list shows it: its effective revision's, else its latest's. */
  state: RevisionState | 'no_revision';
  effectiveRevision: { number: number; effectiveFrom: string } | null;
  lastReviewedOn: string | null;
  nextReviewOn: string | null;
  reviewDue: boolean;
  reviewOverdue: boolean;
  /** Counts for readiness as accepted documented information. */
  counts: boolean;
  rejection: { reason: string; by: PersonRef | null; at: Date } | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AcknowledgementView {
  user: PersonRef;
  acknowledgedAt: Date | null;
}

export interface DocumentDetail extends DocumentView {
  revisions: (RevisionView & { distribution: AcknowledgementView[] })[];
}
