import type { Page } from '../common/pagination.js';
import type { BlockerCode } from '../readiness/readiness.js';
import type { BlockerView } from '../readiness/blocker-texts.js';
import type {
  OrganisationReadinessView,
  OrganisationSummaryView,
  OrganisationUnitListing,
  SnapshotView,
  UnitReadinessView,
} from '../readiness/readiness.service.js';
import { FindingCountsResponse } from './assessments.responses.js';
import { PageFieldsResponse } from './common.responses.js';

export class BlockerResponse implements BlockerView {
  code!: BlockerCode;
  /** The blocker in the caller's language. */
  message!: string;
  /** What the message names: counts, clause numbers. */
  params!: Record<string, string | number | string[]>;
}

export class ClauseGroupScoreResponse {
  /** Top-level clause, 4 to 10. */
  clause!: string;
  score!: number | null;
  percent!: number | null;
}

export class ClauseSummaryResponse extends ClauseGroupScoreResponse {
  applicable!: number;
  notApplicable!: number;
  met!: number;
  partlyMet!: number;
  notMet!: number;
  notAssessed!: number;
}

export class DocumentedInformationCoverageResponse {
  required!: number;
  covered!: number;
  coverage!: number | null;
  /** Clause numbers whose documented information has no present evidence. */
  missing!: string[];
}

export class ReadinessCountsResponse {
  leaves!: number;
  applicable!: number;
  notApplicable!: number;
  met!: number;
  partlyMet!: number;
  notMet!: number;
  notAssessed!: number;
  /** Findings not yet verified or closed, per grade. */
  openFindings!: FindingCountsResponse;
}

export class UnitReadinessResponse implements UnitReadinessView {
  unitId!: string;
  code!: string;
  name!: string;
  /** The assessment whose ratings count (most recent by start date); null before the first. */
  assessmentId!: string | null;
  /** The calendar day (WITA) against which validity and due dates were judged. */
  asOf!: string;
  score!: number | null;
  percent!: number | null;
  ready!: boolean;
  blockers!: BlockerResponse[];
  groups!: ClauseSummaryResponse[];
  documentedInformation!: DocumentedInformationCoverageResponse;
  overdueActions!: number;
  counts!: ReadinessCountsResponse;
}

export class OrganisationUnitReadinessResponse implements OrganisationUnitListing {
  unitId!: string;
  code!: string;
  name!: string;
  assessmentId!: string | null;
  score!: number | null;
  percent!: number | null;
  ready!: boolean;
  /** How many blockers the unit has (0 when ready). */
  blockerCount!: number;
  /** The kinds of its blockers, each once, most serious first. */
  blockerCodes!: BlockerCode[];
  /** The unit's own readiness, with every blocker in full and in your language. */
  readinessUrl!: string;
  groups!: ClauseGroupScoreResponse[];
  overdueActions!: number;
}

export class OrganisationReadinessResponse implements Omit<OrganisationReadinessView, 'units'> {
  organisationId!: string;
  code!: string;
  name!: string;
  asOf!: string;
  /** Mean over the applicable leaves of all units together. */
  score!: number | null;
  percent!: number | null;
  /** Mean of the unit scores, each unit weighing the same. */
  meanOfUnits!: number | null;
  readyUnits!: number;
  unitCount!: number;
  /** Corrective actions overdue, and units with at least one, over all the units. */
  overdueActions!: number;
  unitsWithOverdueActions!: number;
  /** Units that pass the filter (all of them without one). */
  matching!: number;
  page!: number;
  /** Units per page; null when all are listed. */
  limit!: number | null;
  units!: OrganisationUnitReadinessResponse[];
}

export class SnapshotResponse implements SnapshotView {
  takenAt!: Date;
  score!: number | null;
  percent!: number | null;
  ready!: boolean;
  blockerCodes!: BlockerCode[];
  groups!: ClauseGroupScoreResponse[];
}

export class SnapshotPageResponse extends PageFieldsResponse implements Page<SnapshotView> {
  items!: SnapshotResponse[];
}

export class OrganisationSummaryResponse implements OrganisationSummaryView {
  organisationId!: string;
  code!: string;
  name!: string;
  unitCount!: number;
  readyUnits!: number;
  /** Mean of the unit scores (each unit weighs the same), and as a percentage. */
  meanOfUnits!: number | null;
  meanPercent!: number | null;
  /** Mean over the applicable leaves of all units together. */
  score!: number | null;
  percent!: number | null;
  overdueActions!: number;
  unitsWithOverdueActions!: number;
}

export class OrganisationSummaryPageResponse
  extends PageFieldsResponse
  implements Page<OrganisationSummaryView>
{
  items!: OrganisationSummaryResponse[];
}
