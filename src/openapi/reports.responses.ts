import type { IssuedReportView } from '../reports/issued/issued-reports.service.js';
import type { ClauseNode } from '../standards/clause-tree.js';
import type { DocumentedInformation } from '../standards/catalogue.js';
import type { StandardSummary } from '../standards/standards.service.js';
import {
  LocalisedListResponse,
  LocalisedTextResponse,
  PersonRefResponse,
} from './common.responses.js';

export class IssuedReportResponse implements IssuedReportView {
  id!: string;
  /** e.g. MUTU/KPG/2026/0001 */
  number!: string;
  kind!: 'gap_report' | 'review_minutes';
  organisationId!: string;
  unitId!: string;
  /** The assessment of a gap report; null for management review minutes. */
  assessmentId!: string | null;
  /** The management review of minutes; null for a gap report. */
  managementReviewId!: string | null;
  sha256!: string;
  size!: number;
  pages!: number;
  language!: string;
  issuedAt!: Date;
  /** The moment the data was read for the report. */
  dataAsOf!: Date;
  issuedBy!: PersonRefResponse | null;
  /** The PDF, byte for byte as issued. */
  fileUrl!: string;
}

export class StandardSummaryResponse implements StandardSummary {
  code!: string;
  title!: LocalisedTextResponse;
  edition!: string;
  clauseCount!: number;
}

export class ClauseNodeResponse implements ClauseNode {
  id!: string;
  number!: string;
  title!: LocalisedTextResponse;
  guidance!: LocalisedTextResponse | null;
  expectedEvidence!: LocalisedListResponse | null;
  documentedInformation!: DocumentedInformation[];
  leaf!: boolean;
  children!: ClauseNodeResponse[];
}
