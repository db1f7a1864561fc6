import type {
  AssessmentDetailView,
  AssessmentSummaryView,
  AssessorView,
  ClauseRatingView,
  RatingCounts,
} from '../assessments/assessment-views.js';
import type { ImportReport } from '../assessments/assessment-transfer.service.js';
import type { ImportReason } from '../assessments/assessment-sheet.js';
import type { AssessmentState, AssessmentType, Rating } from '../assessments/assessment-types.js';
import type { DocumentedInformation } from '../standards/catalogue.js';
import { LocalisedTextResponse } from './common.responses.js';

export class AssessorResponse implements AssessorView {
  id!: string;
  username!: string;
  displayName!: string;
}

export class FindingCountsResponse {
  major!: number;
  minor!: number;
  observation!: number;
  improvement!: number;
}

export class AssessmentSummaryResponse implements AssessmentSummaryView {
  id!: string;
  unitId!: string;
  /** Code of the standard catalogue, e.g. iso-9001-2015. */
  standard!: string;
  type!: AssessmentType;
  title!: string;
  startsOn!: string;
  endsOn!: string | null;
  state!: AssessmentState;
  previousAssessmentId!: string | null;
  /** The unit's most recent cycle by start date: the one readiness reads. */
  current!: boolean;
  assessors!: AssessorResponse[];
  createdAt!: Date;
  updatedAt!: Date;
}

export class ClauseRatingResponse implements ClauseRatingView {
  number!: string;
  title!: LocalisedTextResponse;
  documentedInformation!: DocumentedInformation[];
  applicable!: boolean;
  justification!: string | null;
  rating!: Rating;
  note!: string | null;
  updatedAt!: Date;
}

export class RatingCountsResponse implements RatingCounts {
  leaves!: number;
  applicable!: number;
  notApplicable!: number;
  met!: number;
  partlyMet!: number;
  notMet!: number;
  notAssessed!: number;
  score!: number | null;
  percent!: number | null;
  findings!: FindingCountsResponse;
}

export class UnitRefResponse {
  id!: string;
  code!: string;
  name!: string;
}

export class AssessmentDetailResponse
  extends AssessmentSummaryResponse
  implements AssessmentDetailView
{
  unit!: UnitRefResponse;
  standardTitle!: LocalisedTextResponse;
  scope!: string | null;
  summary!: RatingCountsResponse;
  clauses!: ClauseRatingResponse[];
}

export class ImportRefusalResponse {
  /** Row of the clause sheet, as Excel numbers it. */
  row!: number;
  clause!: string | null;
  reason!: ImportReason;
  message!: string;
}

export class ImportReportResponse implements ImportReport {
  /** Clauses whose rating changed. */
  applied!: number;
  /** Rows that matched what was already stored. */
  unchanged!: number;
  refused!: ImportRefusalResponse[];
}
