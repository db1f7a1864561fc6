import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AssessmentDetailView } from '../assessments/assessment-views.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { AuditProgrammeService } from '../audit-programme/audit-programme.service.js';
import type { Principal } from '../auth/principal.js';
import type { EvidenceView } from '../evidence/evidence.service.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import type { DocumentDetail } from '../documents/document-views.js';
import { DocumentsService } from '../documents/documents.service.js';
import { ManagementReviewService } from '../management-review/management-review.service.js';
import { ObjectivesService } from '../objectives/objectives.service.js';
import { RisksService } from '../risks/risks.service.js';
import { lastReportedAudit, type AuditReviewData } from './audit-review-section.js';
import type { QualityPlanData } from './quality-plan-section.js';
import type { FindingView } from '../findings/finding-views.js';
import { FindingsService } from '../findings/findings.service.js';
import { OrganisationsService, type UnitView } from '../organisations/organisations.service.js';
import type { UnitReadinessView } from '../readiness/readiness.service.js';
import { ReadinessService } from '../readiness/readiness.service.js';
import type { ClauseNode } from '../standards/clause-tree.js';
import { StandardsService } from '../standards/standards.service.js';
import { allEvidence } from './evidence-register.js';
import { reportOrganisation, type ReportOrganisation } from './report-document.js';

/*
 * The gap report's data: what it shows, read through the services that own each figure, with no
 * language and no layout (gap-report-sections.ts turns it into the template's sections).
 */

/** Who and what a rendering is: a draft (no number) or the issued report. */
export interface ReportStamp {
  /** MUTU/KPG/2026/0001 when issued; null renders a draft (watermark, "DRAF" in the header). */
  reportNumber: string | null;
  generatedAt: Date;
  /** The assessor who issues it (named in the sign-off), when issued. */
  issuedBy: { id: string; displayName: string } | null;
}

/** Everything the unit gap report shows, read through the services that own each figure. */
export interface GapReportData {
  organisation: ReportOrganisation;
  unit: UnitView;
  assessment: AssessmentDetailView;
  /** The unit's readiness (GET /api/units/:id/readiness) when this is its current cycle, else null. */
  readiness: UnitReadinessView | null;
  clauseTree: ClauseNode[];
  findings: FindingView[];
  /** The unit's evidence, withdrawn items left out. */
  evidence: EvidenceView[];
  /** The unit's controlled documents; absent in fixtures that predate them. */
  documents?: DocumentDetail[];
  /** The unit's risk register and quality objectives (6.1, 6.2); left out, the chapter is not shown. */
  qualityPlan?: QualityPlanData | null;
  /** The unit's audit programme entries, last internal audit and last management review (9.2, 9.3). */
  auditReview?: AuditReviewData | null;
  /** When the data was read. */
  dataAsOf: Date;
}

export const TARGET_READINESS = 0.8;

/** Gathers the gap report's data for the caller; every service checks the caller's unit scope. */
@Injectable()
export class GapReportBuilder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly readinessService: ReadinessService,
    private readonly findings: FindingsService,
    private readonly evidence: EvidenceService,
    private readonly organisations: OrganisationsService,
    private readonly standards: StandardsService,
    private readonly documents: DocumentsService,
    private readonly risks: RisksService,
    private readonly objectives: ObjectivesService,
    private readonly auditProgramme: AuditProgrammeService,
    private readonly reviews: ManagementReviewService,
  ) {}

  async build(me: Principal, assessmentId: string): Promise<GapReportData> {
    const dataAsOf = new Date();
    const assessment = await this.assessments.detail(me, assessmentId);
    const unit = await this.organisations.unit(me, assessment.unitId);
    const readiness = await this.readinessService.unit(me, unit.id);
    return {
      organisation: await reportOrganisation(this.db, unit.organisationId),
      unit,
      assessment,
      readiness: readiness.assessmentId === assessment.id ? readiness : null,
      clauseTree: await this.standards.clauseTree(assessment.standard),
      findings: await this.findings.list(me, assessment.id),
      evidence: await allEvidence(this.evidence, me, unit.id, false),
      documents: await this.documents.register(me, unit.id),
      qualityPlan: {
        heatMap: await this.risks.heatMap(me, unit.id),
        risks: await this.risks.list(me, unit.id),
        objectives: await this.objectives.list(me, unit.id),
      },
      auditReview: await this.auditReview(me, unit.id),
      dataAsOf,
    };
  }

  private async auditReview(me: Principal, unitId: string): Promise<AuditReviewData> {
    const audit = lastReportedAudit(await this.assessments.list(me, unitId));
    return {
      entries: await this.auditProgramme.unitEntries(me, unitId),
      lastAudit: audit
        ? { assessment: audit, findings: (await this.findings.list(me, audit.id)).length }
        : null,
      // The input texts are the section's, in the report's language.
      review: await this.reviews.latest(me, unitId, 'id'),
    };
  }
}
