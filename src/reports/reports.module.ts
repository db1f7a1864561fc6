import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AuditProgrammeModule } from '../audit-programme/audit-programme.module.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { DiagnosticsModule } from '../diagnostics/diagnostics.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { FindingsModule } from '../findings/findings.module.js';
import { ManagementReviewModule } from '../management-review/management-review.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ObjectivesModule } from '../objectives/objectives.module.js';
import { RisksModule } from '../risks/risks.module.js';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { RenderingModule } from '../rendering/rendering.module.js';
import { SatisfactionModule } from '../satisfaction/satisfaction.module.js';
import { SurveyEvidencePort } from '../satisfaction/survey-evidence-port.js';
import { StandardsModule } from '../standards/standards.module.js';
import { DocumentRegisterBuilder } from './document-register.js';
import { EvidenceRegisterBuilder } from './evidence-register.js';
import { GapReportBuilder } from './gap-report.js';
import { IssuedReportsService } from './issued/issued-reports.service.js';
import { ReportBatch } from './report-batch.js';
import { ReportStore } from './issued/report-store.js';
import { ReportTemplates, reportTemplates } from './report-templates.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { ReviewMinutesBuilder } from './review-minutes.js';
import { SummaryReportBuilder } from './summary-report.js';
import { SurveyEvidenceController } from './survey-evidence.controller.js';
import { SurveyEvidenceBackfill } from './survey-evidence-backfill.js';
import { SurveyEvidenceService } from './survey-evidence.service.js';

/**
 * PDF reports: data builders over the other modules' services, Handlebars templates and the store
 * of issued reports, rendered by the one Chromium renderer (rendering/).
 */
@Module({
  imports: [
    StandardsModule,
    OrganisationsModule,
    EvidenceModule,
    DocumentsModule,
    AssessmentsModule,
    FindingsModule,
    ReadinessModule,
    RisksModule,
    ObjectivesModule,
    DiagnosticsModule,
    ManagementReviewModule,
    AuditProgrammeModule,
    SatisfactionModule,
    ComplaintsModule,
    RenderingModule,
  ],
  controllers: [ReportsController, SurveyEvidenceController],
  providers: [
    { provide: ReportTemplates, useFactory: () => reportTemplates() },
    {
      provide: ReportStore,
      inject: [MUTU_CONFIG],
      useFactory: (config: MutuConfig) => new ReportStore(config.dataDir),
    },
    GapReportBuilder,
    SummaryReportBuilder,
    EvidenceRegisterBuilder,
    DocumentRegisterBuilder,
    ReportsService,
    IssuedReportsService,
    ReviewMinutesBuilder,
    ReportBatch,
    SurveyEvidenceService,
    SurveyEvidenceBackfill,
    // Found by the survey import at run time (satisfaction/ does not import reports/).
    { provide: SurveyEvidencePort, useExisting: SurveyEvidenceService },
  ],
  exports: [ReportsService, IssuedReportsService, ReportBatch],
})
export class ReportsModule {}
