import type { EvidenceStatus } from '../evidence/evidence-status.js';
import type {
  EvidenceDetail,
  EvidenceVersionView,
  EvidenceView,
} from '../evidence/evidence.service.js';
import type { Page } from '../common/pagination.js';
import { ClauseRefResponse, PageFieldsResponse, PersonRefResponse } from './common.responses.js';

export class EvidenceVersionResponse implements EvidenceVersionView {
  number!: number;
  sha256!: string;
  size!: number;
  /** Sniffed from the content, never taken from the client. */
  mediaType!: string;
  /** The uploader's file name (cleaned), metadata only. */
  originalName!: string;
  uploadedAt!: Date;
  uploadedBy!: PersonRefResponse | null;
  downloadUrl!: string;
}

export class EvidenceReviewResponse {
  reason!: string | null;
  reviewedBy!: PersonRefResponse | null;
  reviewedAt!: Date | null;
}

export class EvidenceResponse implements EvidenceView {
  id!: string;
  unitId!: string;
  title!: string;
  description!: string | null;
  reference!: string | null;
  validUntil!: string | null;
  status!: EvidenceStatus;
  /** Past its validity end (in Kupang's time zone today). */
  expired!: boolean;
  /** Counts as present for readiness: accepted, unexpired, not withdrawn. */
  present!: boolean;
  /** The assessor's last decision on the current content; null while waiting for review. */
  review!: EvidenceReviewResponse | null;
  clauses!: ClauseRefResponse[];
  versionCount!: number;
  latestVersion!: EvidenceVersionResponse | null;
  createdBy!: PersonRefResponse | null;
  createdAt!: Date;
  updatedAt!: Date;
  withdrawnAt!: Date | null;
}

export class EvidenceWithdrawalResponse {
  reason!: string | null;
  by!: PersonRefResponse | null;
  at!: Date;
}

export class EvidenceDetailResponse extends EvidenceResponse implements EvidenceDetail {
  versions!: EvidenceVersionResponse[];
  withdrawal!: EvidenceWithdrawalResponse | null;
}

export class EvidencePageResponse extends PageFieldsResponse implements Page<EvidenceView> {
  items!: EvidenceResponse[];
}
