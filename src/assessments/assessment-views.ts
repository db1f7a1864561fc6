import type { User } from '../auth/user.entity.js';
import type { FindingGrade } from '../findings/finding-types.js';
import type { DocumentedInformation, LocalisedText } from '../standards/catalogue.js';
import { documentedInformationOf } from '../standards/clause-tree.js';
import type { Clause } from '../standards/clause.entity.js';
import type { AssessmentRecord } from './assessment-access.js';
import type { AssessmentState, AssessmentType, Rating } from './assessment-types.js';
import type { ClauseAssessment } from './clause-assessment.entity.js';
import { countRating, emptyCounts, scoreOf, toPercent, type ClauseCounts } from './score-rules.js';

export interface AssessorView {
  id: string;
  username: string;
  displayName: string;
}

export interface AssessmentSummaryView {
  id: string;
  unitId: string;
  standard: string;
  type: AssessmentType;
  title: string;
  startsOn: string;
  endsOn: string | null;
  state: AssessmentState;
  previousAssessmentId: string | null;
  /** The unit's most recent cycle by start date: the one readiness reads. */
  current: boolean;
  assessors: AssessorView[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ClauseRatingView {
  number: string;
  title: LocalisedText;
  documentedInformation: DocumentedInformation[];
  applicable: boolean;
  justification: string | null;
  rating: Rating;
  note: string | null;
  updatedAt: Date;
}

export interface RatingCounts extends ClauseCounts {
  leaves: number;
  score: number | null;
  percent: number | null;
  findings: Record<FindingGrade, number>;
}

export interface AssessmentDetailView extends AssessmentSummaryView {
  unit: { id: string; code: string; name: string };
  standardTitle: LocalisedText;
  scope: string | null;
  summary: RatingCounts;
  clauses: ClauseRatingView[];
}

export const assessorViews = (users: readonly User[]): AssessorView[] =>
  [...users]
    .sort((a, b) => a.username.localeCompare(b.username))
    .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName }));

export function summaryView(a: AssessmentRecord, current: boolean): AssessmentSummaryView {
  return {
    id: a.id,
    unitId: a.unitId,
    standard: a.standard.code,
    type: a.type,
    title: a.title,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    state: a.state,
    previousAssessmentId: a.previousAssessmentId,
    current,
    assessors: assessorViews(a.assessors),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export const clauseRatingView = (row: ClauseAssessment & { clause: Clause }): ClauseRatingView => ({
  number: row.clause.number,
  title: { id: row.clause.titleId, en: row.clause.titleEn },
  documentedInformation: documentedInformationOf(row.clause),
  applicable: row.applicable,
  justification: row.justification,
  rating: row.rating,
  note: row.note,
  updatedAt: row.updatedAt,
});

export function ratingCounts(
  rows: readonly ClauseRatingView[],
  findings: Record<FindingGrade, number>,
): RatingCounts {
  const counts = emptyCounts();
  for (const r of rows) countRating(counts, r);
  const score = scoreOf(counts);
  return { leaves: rows.length, ...counts, score, percent: toPercent(score), findings };
}
