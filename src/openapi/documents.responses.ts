import type { Confidentiality, DocumentType, RevisionState } from '../documents/document-types.js';
import type {
  AcknowledgementView,
  DocumentDetail,
  DocumentView,
  RevisionView,
} from '../documents/document-views.js';
import { ClauseRefResponse, PersonRefResponse } from './common.responses.js';

export class EffectiveRevisionResponse {
  number!: number;
  effectiveFrom!: string;
}

export class DocumentRejectionResponse {
  reason!: string;
  by!: PersonRefResponse | null;
  at!: Date;
}

export class DocumentResponse implements DocumentView {
  id!: string;
  unitId!: string;
  /** E.g. SOP/DUKCAPIL/007. */
  number!: string;
  title!: string;
  type!: DocumentType;
  owner!: string | null;
  clauses!: ClauseRefResponse[];
  reviewMonths!: number;
  confidentiality!: Confidentiality;
  organisationWide!: boolean;
  state!: RevisionState | 'no_revision';
  effectiveRevision!: EffectiveRevisionResponse | null;
  lastReviewedOn!: string | null;
  nextReviewOn!: string | null;
  reviewDue!: boolean;
  reviewOverdue!: boolean;
  /** Counts for readiness as accepted documented information. */
  counts!: boolean;
  rejection!: DocumentRejectionResponse | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class AcknowledgementResponse implements AcknowledgementView {
  user!: PersonRefResponse;
  /** Null while not yet read. */
  acknowledgedAt!: Date | null;
}

export class RevisionResponse implements RevisionView {
  number!: number;
  summary!: string;
  state!: RevisionState;
  sha256!: string;
  size!: number;
  mediaType!: string;
  originalName!: string;
  author!: PersonRefResponse | null;
  submittedAt!: Date | null;
  approvedBy!: PersonRefResponse | null;
  approvedAt!: Date | null;
  approvalStatement!: string | null;
  effectiveFrom!: string | null;
  endedAt!: Date | null;
  createdAt!: Date;
  obsolete!: boolean;
  downloadUrl!: string;
  distribution!: AcknowledgementResponse[];
}

export class DocumentDetailResponse extends DocumentResponse implements DocumentDetail {
  revisions!: RevisionResponse[];
}
